// The exam page's flag detectors: what is watched (the page, fullscreen, screens, clipboard, camera,
// microphone and, when the exam has them, faces) and how each observation becomes a debounced
// condition handed to the reporter.
import { createDebouncedCondition } from './debounce.js';
import { measureAudioLevel } from './audioLevel.js';
import { loadFaceChecks } from './faceChecks.js';

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

/**
 * Starts every detector on the exam page. Conditions are debounced by the configured grace time;
 * copy, cut, paste and the context menu are instant. Returns hooks for the connection states the
 * page knows about, and `stop` to remove everything. `preview` is the video element already showing
 * `stream`: the camera checks sample it rather than playing the camera a second time.
 *
 * With `faceChecks`, faces in `preview` are checked too; `referenceFace` (an image, canvas or
 * ImageBitmap of the student's face from the ID check) adds the different-person check. If the checks
 * cannot run on this device, `onFaceChecksUnavailable(problem, reason)` is called once and they stop: `problem`
 * is one of the codes the exam hub knows (load-failed, unsupported, too-slow, check-failed) and `reason` the
 * words for a person; nothing
 * else changes for the student. `loadFaceChecker` is for tests.
 */
export function startDetectors({
    stream, preview, settings, requireFullscreen, reporter, toServerTime = ms => ms,
    faceChecks = false, referenceFace = null, onFaceChecksUnavailable = () => {}, loadFaceChecker = loadFaceChecks,
    exempt = [],
}) {
    // Kinds the student is exempt from (an accommodation): their checks do not run, and nothing raises them.
    const exemptKinds = new Set(exempt);
    const watched = kind => !exemptKinds.has(kind);
    const stops = [];
    const listeners = new AbortController();
    const on = (target, event, handler) => target.addEventListener(event, handler, { signal: listeners.signal });
    const clockNow = () => Date.now();
    const condition = kind => {
        if (!watched(kind)) return { set() {} };
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

    if (watched('left-page')) {
        const leftPage = condition('left-page');
        const checkPage = () => leftPage.set(document.hidden || !document.hasFocus());
        on(document, 'visibilitychange', checkPage);
        on(window, 'blur', checkPage);
        on(window, 'focus', checkPage);
    }

    // Leaving fullscreen counts only once the student has been in it: at the start nobody has pressed anything
    // yet, and a flag for every student at once teaches proctors to ignore flags. A device without the
    // Fullscreen API (iPhone Safari) cannot comply, so it is never flagged; the page tells the proctors instead.
    if (requireFullscreen && document.fullscreenEnabled && watched('fullscreen-exited')) {
        const fullscreen = condition('fullscreen-exited');
        let beenIn = false;
        const checkFullscreen = () => {
            if (document.fullscreenElement) beenIn = true;
            fullscreen.set(beenIn && !document.fullscreenElement);
        };
        on(document, 'fullscreenchange', checkFullscreen);
        checkFullscreen();
    }

    for (const [event, kind] of [['copy', 'copy'], ['cut', 'cut'], ['paste', 'paste'], ['contextmenu', 'context-menu']]) {
        if (watched(kind)) on(document, event, () => reporter.instant(kind));
    }

    if ('isExtended' in screen && watched('second-screen')) {
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

    if (watched('camera-covered') || watched('camera-frozen')) {
        stops.push(watchCamera(stream, preview, settings, condition('camera-covered'), condition('camera-frozen')));
    }
    if (watched('voice')) stops.push(watchMicrophone(stream, settings, condition('voice')));
    if (faceChecks && ['no-face', 'several-faces', 'turned-away', 'different-person'].some(watched)) {
        stops.push(watchFaces({
            stream, preview, settings, referenceFace, load: loadFaceChecker, onUnavailable: onFaceChecksUnavailable,
            noFace: condition('no-face'), severalFaces: condition('several-faces'),
            turnedAway: condition('turned-away'), differentPerson: condition('different-person'),
        }));
    }

    const serverLost = condition('server-connection-lost');
    const proctorLost = condition('proctor-connection-lost');
    let screenStopped = null;
    return {
        serverConnection: ok => serverLost.set(!ok),
        proctorConnection: ok => proctorLost.set(!ok),
        /** For exams that require a shared screen: whether the student's entire screen is shared now. */
        screenShared: shared => (screenStopped ??= condition('screen-share-stopped')).set(!shared),
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

// Speech is loud in bursts, syllables and words with short silences between them: talking is a second
// in which at least two fifths of the samples are loud. Continuous speech is loud in well over half of
// them; a click, a cough or a beep now and then in hardly any.
const voiceSamples = 10;
const voiceLoudSamples = 4;

/** Samples the microphone level ten times a second: talking (or noise) that goes on past the grace time is flagged. */
function watchMicrophone(stream, settings, voice) {
    const [track] = stream.getAudioTracks();
    if (!track) return () => {};
    const level = measureAudioLevel(track, { latencyHint: 'playback' });
    const loud = [];
    const timer = setInterval(() => {
        loud.push(level.read() > settings.voiceLevel);
        if (loud.length > voiceSamples) loud.shift();
        voice.set(loud.filter(Boolean).length >= voiceLoudSamples);
    }, 1000 / voiceSamples);
    return () => {
        clearInterval(timer);
        level.stop();
    };
}

// A face description costs about twice the rest of a check, so the same face is described only
// on every few checks; a face that has just come into view is described at once.
const checksPerDescription = 5;

/**
 * Checks the faces in the preview every `faceCheckMilliseconds`: never two checks at once, none while
 * the page is hidden or the camera is not live. Gives up (once, with a reason) when the models cannot
 * load or the device is too slow.
 */
function watchFaces({ stream, preview, settings, referenceFace, load, onUnavailable, noFace, severalFaces, turnedAway, differentPerson }) {
    const [track] = stream.getVideoTracks();
    const conditions = [noFace, severalFaces, turnedAway, differentPerson];
    const visibility = new AbortController();
    let stopped = false;
    let checker = null;
    let reference = null;
    let timer = null;
    let checking = false;
    let checksSinceDescription = Infinity;

    const stop = () => {
        stopped = true;
        clearTimeout(timer);
        visibility.abort();
    };
    const giveUp = (problem, reason) => {
        if (stopped) return;
        stop();
        for (const c of conditions) c.set(false);
        onUnavailable(problem, reason);
    };
    const apply = result => {
        const single = result.faces === 1;
        noFace.set(result.faces === 0);
        severalFaces.set(result.faces > 1);
        turnedAway.set(single && Math.abs(result.yaw) > settings.turnedAwayDegrees);
        if (!single) {
            // Whose face it is can only be said of one face in view; the other flags cover the rest.
            differentPerson.set(false);
            checksSinceDescription = Infinity;
        } else if (result.description) {
            differentPerson.set(checker.distance(reference, result.description) > settings.differentPersonDistance);
            checksSinceDescription = 0;
        }
    };
    const check = async () => {
        timer = null;
        if (stopped || checking || document.hidden) return;
        const started = performance.now();
        if (preview.readyState >= 2 && track?.readyState === 'live') {
            checking = true;
            const describe = reference !== null && ++checksSinceDescription >= checksPerDescription;
            try {
                apply(await checker.inspect(preview, { describe }));
            } catch (error) {
                return giveUp('check-failed', `a face check failed: ${error?.message ?? error}`);
            } finally {
                checking = false;
            }
            if (stopped) return;
            const slow = checker.tooSlow;
            if (slow) return giveUp('too-slow', slow);
        }
        timer = setTimeout(check, Math.max(0, settings.faceCheckMilliseconds - (performance.now() - started)));
    };

    (async () => {
        let loaded;
        try {
            loaded = await load({ describe: referenceFace !== null, slowMilliseconds: settings.faceCheckSlowMilliseconds });
        } catch (error) {
            loaded = { problem: 'load-failed', reason: `the face checks could not start: ${error?.message ?? error}` };
        }
        if (stopped) return;
        if (!loaded.checker) return giveUp(loaded.problem, loaded.reason);
        checker = loaded.checker;
        if (referenceFace !== null) {
            try {
                const seen = await checker.inspect(referenceFace, { describe: true, timed: false });
                // A photo without exactly one clear face is no reference: that check is left out.
                if (seen.faces === 1 && seen.description) reference = seen.description;
            } catch {
                reference = null;
            }
            if (stopped) return;
        }
        // A hidden page is not checked; checking resumes when it is shown again.
        document.addEventListener('visibilitychange', () => { if (!document.hidden && timer === null) check(); }, { signal: visibility.signal });
        check();
    })();
    return stop;
}
