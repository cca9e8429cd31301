// Clips around flags and around proctors' "Keep a clip": what the exam page records, keeps and sends.
import { createClipRecorder } from './clipRecorder.js';
import { createClipUploader } from './clipUploader.js';

/**
 * One rolling recorder per source the student already sends (the camera with the microphone, and
 * the screen while it is shared). A flag's clip is sent once the server has stored the flag, so the
 * upload can name it. Two flags raised within `sameMomentMs` of each other (leaving the page also
 * leaves full screen) share the first one's clip: the proctors' timeline shows a clip beside every
 * flag whose moment it covers, and the student's quota of clips is not spent twice on one moment.
 * That is per source: a screen shared again just after the first flag gets its own clip of the second.
 */
export function createEvidence({ settings, token, serverNow, flagStored, sameMomentMs = 3000, fetchImpl }) {
    const recorders = new Map();
    // When each source last had a flag's clip claimed.
    const lastMoments = new Map();
    let full = false;
    const uploader = createClipUploader({
        url: settings.url, token, chunkBytes: settings.chunkBytes, fetchImpl,
        onRefused: (words, code) => {
            console.warn(`A clip was not kept: ${words}`);
            // The exam's quota of clips is spent: recording more would only be thrown away.
            if (code === 'quota-reached') stopRecording();
        },
    });
    const uploads = new Set();
    // The screen is recorded from a copy of its track, smaller and slower than what the proctors watch live: a
    // full-HD screen encoded by several recorders at once would load the student's computer for evidence in
    // which text at 720p, five frames a second, reads as well.
    let screenCopy = null;
    // At the end the hub closes and a flag's acknowledgement may never come, though the server stored the flag: clips
    // waiting for it are sent anyway (the server refuses one whose flag it does not have).
    let ended;
    const end = new Promise(resolve => { ended = resolve; });

    function stopRecording() {
        ended();
        full = true;
        for (const recorder of recorders.values()) recorder.stop();
        recorders.clear();
        screenCopy?.stop();
        screenCopy = null;
    }

    function record(source, stream) {
        recorders.get(source)?.stop();
        recorders.delete(source);
        if (!stream || full) return;
        recorders.set(source, createClipRecorder({
            stream, now: serverNow,
            secondsBefore: settings.secondsBefore, secondsAfter: settings.secondsAfter, stepSeconds: settings.recorderStepSeconds,
        }));
    }

    function keep(at, reason, ready = Promise.resolve(), sources = [...recorders.keys()]) {
        if (full) return;
        for (const source of sources) {
            const recorder = recorders.get(source);
            const upload = (async () => {
                const clip = await recorder.claim(at);
                if (!clip) return;
                await Promise.race([ready, end]);
                await uploader.upload({ ...clip, reason: { ...reason, source } });
            })();
            uploads.add(upload);
            upload.finally(() => uploads.delete(upload));
        }
    }

    return {
        /** Records the camera's stream (video and microphone) from now on. */
        camera: stream => record('camera', stream),
        /** Records the shared screen while there is one; null stops it. */
        screen(track) {
            const previous = screenCopy;
            screenCopy = track && !full ? track.clone() : null;
            screenCopy?.applyConstraints({ width: { max: 1280 }, height: { max: 720 }, frameRate: { max: 5 } }).catch(() => {});
            record('screen', screenCopy ? new MediaStream([screenCopy]) : null);
            // A copy captures until it is stopped itself, whatever becomes of the original.
            previous?.stop();
        },
        flagRaised(clientId, atMs) {
            const sources = [...recorders.keys()].filter(source => !(Math.abs(atMs - (lastMoments.get(source) ?? -Infinity)) < sameMomentMs));
            if (sources.length === 0) return;
            for (const source of sources) lastMoments.set(source, atMs);
            keep(atMs, { flagClientId: clientId }, flagStored(clientId), sources);
        },
        keepRequested(requestId, atUtc) {
            keep(Date.parse(atUtc), { requestId });
        },
        /** Clips claimed but not yet sent whole (for tests and the benchmark). */
        pending: () => uploads.size,
        /** Stops recording; clips already claimed are still sent, with what they hold. */
        stop: stopRecording,
    };
}
