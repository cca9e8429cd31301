// Players for clips as browsers record them.

/**
 * MediaRecorder writes WebM without a duration (it does not know it until the end), so a player
 * shows no length and cannot seek. Seeking far past the end once makes the browser read to the
 * end and learn it; then the player goes back to the start. Resolves with the duration in seconds.
 */
export function learnDuration(video) {
    return new Promise(resolve => {
        const known = () => Number.isFinite(video.duration) && video.duration > 0;
        const done = () => {
            video.removeEventListener('durationchange', check);
            video.removeEventListener('timeupdate', check);
            if (video.currentTime > 0) video.currentTime = 0;
            video.dataset.duration = video.duration.toFixed(2);
            resolve(video.duration);
        };
        const check = () => { if (known()) done(); };
        const start = () => {
            if (known()) return done();
            video.addEventListener('durationchange', check);
            video.addEventListener('timeupdate', check);
            video.currentTime = Number.MAX_SAFE_INTEGER;
        };
        if (video.readyState >= HTMLMediaElement.HAVE_METADATA) start();
        else video.addEventListener('loadedmetadata', start, { once: true });
    });
}
