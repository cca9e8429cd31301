// A short tone for news someone may not be looking at: a proctor's message, a raised hand.
// Browsers let a page make sound only once the person has clicked or typed on it, so the audio
// starts on the first such gesture; until then a chime is silently skipped.

/** `enabled()` is asked before each chime, so a setting can mute it at any time. */
export function createChime({ enabled = () => true } = {}) {
    let context = null;

    function unlock() {
        context ??= new AudioContext();
        if (context.state === 'suspended') context.resume().catch(() => {});
    }
    for (const gesture of ['pointerdown', 'keydown']) window.addEventListener(gesture, unlock, { capture: true });
    // A page allowed to play sound without a gesture (as some kiosks are) may start at once.
    if (navigator.userActivation?.hasBeenActive) unlock();

    return {
        /** Two soft notes, a quarter of a second; nothing if muted or not yet allowed. */
        play() {
            if (!enabled()) return;
            if (!context) {
                try { unlock(); } catch { return; }
            }
            if (context.state !== 'running') return;
            const start = context.currentTime;
            for (const [offset, frequency] of [[0, 660], [0.12, 880]]) {
                const tone = context.createOscillator();
                const volume = context.createGain();
                tone.frequency.value = frequency;
                volume.gain.setValueAtTime(0.12, start + offset);
                volume.gain.exponentialRampToValueAtTime(0.001, start + offset + 0.12);
                tone.connect(volume).connect(context.destination);
                tone.start(start + offset);
                tone.stop(start + offset + 0.12);
            }
        },
        close() {
            context?.close().catch(() => {});
            context = null;
        },
    };
}
