// Clips around flags and around proctors' "Keep a clip": what the exam page records, keeps and sends.
import { createClipRecorder } from './clipRecorder.js';
import { createClipUploader } from './clipUploader.js';

/**
 * One rolling recorder per source the student already sends (the camera with the microphone, and
 * the screen while it is shared). A flag's clip is sent once the server has stored the flag, so the
 * upload can name it. Two flags raised within `sameMomentMs` of each other (leaving the page also
 * leaves full screen) share the first one's clip: the proctors' timeline shows a clip beside every
 * flag whose moment it covers, and the student's quota of clips is not spent twice on one moment.
 */
export function createEvidence({ settings, token, serverNow, flagStored, sameMomentMs = 3000, fetchImpl }) {
    const recorders = new Map();
    let lastMoment = -Infinity;
    let full = false;
    const uploader = createClipUploader({
        url: settings.url, token, chunkBytes: settings.chunkBytes, fetchImpl,
        onRefused: words => {
            console.warn(`A clip was not kept: ${words}`);
            // The exam's quota of clips is spent: recording more would only be thrown away.
            if (/at most \d+ clips/.test(words)) full = true;
        },
    });
    const uploads = new Set();

    function record(source, stream) {
        recorders.get(source)?.stop();
        recorders.delete(source);
        if (!stream || full) return;
        recorders.set(source, createClipRecorder({
            stream, now: serverNow,
            secondsBefore: settings.secondsBefore, secondsAfter: settings.secondsAfter, stepSeconds: settings.recorderStepSeconds,
        }));
    }

    function keep(at, reason, ready = Promise.resolve()) {
        if (full) return;
        for (const [source, recorder] of recorders) {
            const upload = (async () => {
                const clip = await recorder.claim(at);
                if (!clip) return;
                await ready;
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
        screen: track => record('screen', track ? new MediaStream([track]) : null),
        flagRaised(clientId, atMs) {
            if (Math.abs(atMs - lastMoment) < sameMomentMs) return;
            lastMoment = atMs;
            keep(atMs, { flagClientId: clientId }, flagStored(clientId));
        },
        keepRequested(requestId, atUtc) {
            keep(Date.parse(atUtc), { requestId });
        },
        /** Clips claimed but not yet sent whole (for tests and the benchmark). */
        pending: () => uploads.size,
        /** Stops recording; clips already claimed are still sent, with what they hold. */
        stop() {
            for (const recorder of recorders.values()) recorder.stop();
            recorders.clear();
        },
    };
}
