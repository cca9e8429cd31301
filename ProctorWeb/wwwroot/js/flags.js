// Proctoring flags raised in the student's browser: what is measured, how a condition becomes a
// flag (debounced), and a reporter that keeps each flag until the server says it stored it.

/** Mean brightness (0–255) of RGBA pixel data. */
export function meanBrightness(data) {
    let sum = 0;
    for (let i = 0; i < data.length; i += 4) sum += 0.299 * data[i] + 0.587 * data[i + 1] + 0.114 * data[i + 2];
    return sum / (data.length / 4);
}

/** Mean absolute change per colour value between two RGBA frames of the same size. */
export function meanDifference(a, b) {
    let sum = 0;
    for (let i = 0; i < a.length; i += 4) sum += Math.abs(a[i] - b[i]) + Math.abs(a[i + 1] - b[i + 1]) + Math.abs(a[i + 2] - b[i + 2]);
    return sum / (a.length / 4 * 3);
}

/** Root mean square of audio samples (−1…1). */
export function rms(samples) {
    let sum = 0;
    for (const x of samples) sum += x * x;
    return Math.sqrt(sum / samples.length);
}

/**
 * A condition that becomes a flag only once it has held for `graceMs`, and ends only once it has
 * been gone for `graceMs`, so a flicker never becomes a flag. The flag's times are those of the
 * condition itself. Clock and timers can be replaced for tests.
 */
export function createDebouncedCondition({ graceMs, onStart, onEnd, now = Date.now, setTimer = setTimeout, clearTimer = clearTimeout }) {
    let active = false;
    let flagged = false;
    let timer = null;
    return {
        set(value) {
            value = Boolean(value);
            if (value === active) return;
            active = value;
            clearTimer(timer);
            timer = null;
            const changedAt = now();
            if (active && !flagged) {
                timer = setTimer(() => { flagged = true; onStart(changedAt); }, graceMs);
            } else if (!active && flagged) {
                timer = setTimer(() => { flagged = false; onEnd(changedAt); }, graceMs);
            }
        },
        get flagged() { return flagged; },
        dispose() { clearTimer(timer); },
    };
}

/**
 * Keeps every flag report in local storage until `send` resolves (the server acknowledges only
 * after storing it), and sends again whatever is left once the connection is back. A flag keeps
 * its client id from start to end, so a resend updates the same record instead of adding one.
 */
export function createFlagReporter({ send, storageKey, serverNow = Date.now, onRaised, storage = globalThis.localStorage }) {
    const pending = new Map(JSON.parse(storage?.getItem(storageKey) ?? '[]'));
    const open = new Map();
    let online = false;
    let flushing = null;

    const iso = ms => new Date(ms).toISOString();
    const save = () => storage?.setItem(storageKey, JSON.stringify([...pending]));
    const put = report => { pending.set(report.clientId, report); save(); flush(); };

    async function drain() {
        for (const [id, report] of pending) {
            if (!online) return;
            await send(report);
            // A newer state of the same flag may have arrived while this one was on its way.
            if (pending.get(id) === report) pending.delete(id);
            save();
        }
    }

    function flush() {
        if (!online || flushing) return flushing;
        flushing = drain().catch(() => { /* stays pending; sent again on the next flush */ }).finally(() => { flushing = null; });
        return flushing;
    }

    return {
        start(kind, atMs = serverNow()) {
            const report = { clientId: crypto.randomUUID(), kind, startedAtUtc: iso(atMs), endedAtUtc: null };
            open.set(report.clientId, report);
            put(report);
            onRaised?.(kind);
            return report.clientId;
        },
        end(clientId, atMs = serverNow()) {
            const started = open.get(clientId);
            if (!started) return;
            open.delete(clientId);
            put({ ...started, endedAtUtc: iso(atMs) });
        },
        instant(kind, atMs = serverNow()) {
            put({ clientId: crypto.randomUUID(), kind, startedAtUtc: iso(atMs), endedAtUtc: iso(atMs) });
            onRaised?.(kind);
        },
        setOnline(value) {
            online = value;
            return flush();
        },
        pendingCount: () => pending.size,
    };
}

/**
 * Starts every detector on the exam page. Conditions are debounced by the configured grace time;
 * copy, cut, paste and the context menu are instant. Returns hooks for the connection states the
 * page knows about, and `stop` to remove everything. `preview` is the video element already showing
 * `stream`: the camera checks sample it rather than playing the camera a second time.
 */
export function startDetectors({ stream, preview, settings, requireFullscreen, reporter, toServerTime = ms => ms }) {
    const stops = [];
    const listeners = new AbortController();
    const on = (target, event, handler) => target.addEventListener(event, handler, { signal: listeners.signal });
    const clockNow = () => Date.now();
    const condition = kind => {
        let id = null;
        const debounced = createDebouncedCondition({
            graceMs: settings.graceMilliseconds,
            // Condition times are browser times; flags are kept on the server's clock.
            onStart: at => { id = reporter.start(kind, toServerTime(at)); },
            onEnd: at => { reporter.end(id, toServerTime(at)); },
            now: clockNow,
        });
        stops.push(() => debounced.dispose());
        return debounced;
    };

    const leftPage = condition('left-page');
    const checkPage = () => leftPage.set(document.hidden || !document.hasFocus());
    on(document, 'visibilitychange', checkPage);
    on(window, 'blur', checkPage);
    on(window, 'focus', checkPage);

    if (requireFullscreen) {
        const fullscreen = condition('fullscreen-exited');
        const checkFullscreen = () => fullscreen.set(!document.fullscreenElement);
        on(document, 'fullscreenchange', checkFullscreen);
        checkFullscreen();
    }

    for (const [event, kind] of [['copy', 'copy'], ['cut', 'cut'], ['paste', 'paste'], ['contextmenu', 'context-menu']]) {
        on(document, event, () => reporter.instant(kind));
    }

    if ('isExtended' in screen) {
        const second = condition('second-screen');
        const checkScreens = () => second.set(screen.isExtended === true);
        on(screen, 'change', checkScreens);
        checkScreens();
    }

    for (const track of stream.getTracks()) {
        const off = condition(track.kind === 'video' ? 'camera-off' : 'microphone-off');
        on(track, 'ended', () => off.set(true));
        on(track, 'mute', () => off.set(true));
        on(track, 'unmute', () => off.set(track.readyState !== 'live'));
    }

    stops.push(watchCamera(stream, preview, settings, condition('camera-covered'), condition('camera-frozen')));
    stops.push(watchMicrophone(stream, settings, condition('voice')));

    const serverLost = condition('server-connection-lost');
    const proctorLost = condition('proctor-connection-lost');
    return {
        serverConnection: ok => serverLost.set(!ok),
        proctorConnection: ok => proctorLost.set(!ok),
        stop() {
            listeners.abort();
            stops.forEach(stop => stop());
        },
    };
}

/** Samples small camera frames: too dark means covered, no change between samples means frozen. */
function watchCamera(stream, preview, settings, covered, frozen) {
    const [track] = stream.getVideoTracks();
    if (!track) return () => {};
    const canvas = document.createElement('canvas');
    canvas.width = 64;
    canvas.height = 36;
    const context = canvas.getContext('2d', { willReadFrequently: true });
    let previous = null;
    const timer = setInterval(() => {
        if (preview.readyState < 2 || track.readyState !== 'live') return;
        context.drawImage(preview, 0, 0, canvas.width, canvas.height);
        const frame = context.getImageData(0, 0, canvas.width, canvas.height).data;
        covered.set(meanBrightness(frame) < settings.darkBrightness);
        if (previous) frozen.set(meanDifference(frame, previous) < settings.frozenDifference);
        previous = frame;
    }, settings.sampleMilliseconds);
    return () => clearInterval(timer);
}

/** Samples the microphone level: loud for longer than the grace time means voice or noise. */
function watchMicrophone(stream, settings, voice) {
    const [track] = stream.getAudioTracks();
    if (!track) return () => {};
    // Nothing is played: the largest buffers wake the audio thread least often for the whole exam.
    const context = new AudioContext({ latencyHint: 'playback' });
    const analyser = context.createAnalyser();
    analyser.fftSize = 1024;
    context.createMediaStreamSource(new MediaStream([track])).connect(analyser);
    context.resume().catch(() => {});
    const samples = new Float32Array(analyser.fftSize);
    const timer = setInterval(() => {
        analyser.getFloatTimeDomainData(samples);
        voice.set(rms(samples) > settings.voiceLevel);
    }, 100);
    return () => {
        clearInterval(timer);
        context.close().catch(() => {});
    };
}
