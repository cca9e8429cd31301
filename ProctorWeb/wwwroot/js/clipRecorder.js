// The last seconds of one stream the student already sends, in memory only, ready to become a clip.

/**
 * MediaRecorder's WebM plays only from its own beginning: a piece cut from the middle has no header
 * and no key frame. So instead of one long recording cut later, a fresh recorder starts every
 * `stepSeconds`, and one grown older than any clip could start is stopped and its data dropped
 * unread. A clip of moment `at` takes the newest recorder begun at least `secondsBefore` before it
 * and lets it run until `secondsAfter` past it: a whole, seekable-once-loaded file holding between
 * secondsBefore and secondsBefore + stepSeconds of what came before. Nothing is kept longer than
 * the oldest recorder's age, and nothing leaves the page unless a clip is claimed.
 *
 * `now` is the server's clock (the one flags and keep requests are stamped with).
 */
export function createClipRecorder({ stream, secondsBefore, secondsAfter, stepSeconds, now = Date.now, tickMs = 1000, lateSeconds = 3 }) {
    const mimeType = clipMimeType(stream);
    // A flag is raised after its grace and a keep request arrives after the click: a recorder stays a
    // candidate a little past the age that strictly needs it.
    const keepMs = (secondsBefore + stepSeconds + lateSeconds) * 1000;
    const longestMs = (secondsBefore + stepSeconds + secondsAfter) * 1000;
    const recordings = [];
    let stopped = false;

    function begin() {
        const recorder = new MediaRecorder(stream, {
            mimeType,
            // Evidence, not a broadcast: a face and hands read well at this rate, and a 20 s clip stays near 1 MB.
            videoBitsPerSecond: 350_000,
            audioBitsPerSecond: 32_000,
        });
        const recording = { recorder, startedAt: now(), endAt: null, parts: [], claims: [] };
        recorder.addEventListener('dataavailable', event => { if (event.data.size > 0 && recording.endAt !== null) recording.parts.push(event.data); });
        recorder.addEventListener('stop', () => settle(recording));
        recorder.addEventListener('error', () => settle(recording));
        try {
            recorder.start();
        } catch {
            // A stream whose tracks all ended cannot be recorded: nothing to keep.
            return;
        }
        recordings.push(recording);
    }

    function settle(recording) {
        const index = recordings.indexOf(recording);
        if (index >= 0) recordings.splice(index, 1);
        const endedAt = Math.min(now(), recording.endAt ?? now());
        const blob = recording.parts.length > 0 ? new Blob(recording.parts, { type: mimeType }) : null;
        recording.parts = [];
        for (const resolve of recording.claims) resolve(blob && { blob, mimeType, startedAtMs: recording.startedAt, endedAtMs: endedAt });
        recording.claims = [];
    }

    function tick() {
        const t = now();
        for (const recording of [...recordings]) {
            const due = recording.endAt !== null ? t >= recording.endAt : t - recording.startedAt > keepMs;
            if (due && recording.recorder.state !== 'inactive') recording.recorder.stop();
        }
        const newest = recordings.at(-1);
        // Half a tick early rather than a whole tick late: a step that falls on a tick must not wait for the next one.
        if (!stopped && (!newest || t - newest.startedAt >= stepSeconds * 1000 - tickMs / 2)) begin();
    }

    tick();
    const timer = setInterval(tick, tickMs);

    return {
        mimeType,
        /** How many recorders run now (for the benchmark and tests). */
        running: () => recordings.filter(r => r.recorder.state === 'recording').length,
        /**
         * The clip around `at` (server ms): resolves with { blob, mimeType, startedAtMs, endedAtMs }
         * once it is whole, secondsAfter past `at`, or with null when nothing was recorded.
         */
        claim(at) {
            const end = at + secondsAfter * 1000;
            const live = recordings.filter(r => r.recorder.state === 'recording');
            // Newest first; one already claimed may be shared if it stays within a clip's longest span.
            const fits = r => r.startedAt <= at - secondsBefore * 1000 && (r.endAt === null || end - r.startedAt <= longestMs);
            const recording = live.filter(fits).at(-1) ?? live.find(r => r.endAt === null || end - r.startedAt <= longestMs);
            if (!recording) return Promise.resolve(null);
            recording.endAt = Math.max(recording.endAt ?? 0, end);
            return new Promise(resolve => recording.claims.push(resolve));
        },
        /** Stops every recorder; claimed clips resolve with what they hold so far, the rest is dropped. */
        stop() {
            stopped = true;
            clearInterval(timer);
            for (const recording of [...recordings]) {
                if (recording.endAt === null) recording.claims = [];
                if (recording.recorder.state !== 'inactive') recording.recorder.stop();
                else settle(recording);
            }
        },
    };
}

/** WebM with VP8 (cheapest to encode) and Opus when there is sound; the server takes WebM only. */
export function clipMimeType(stream) {
    const audio = stream.getAudioTracks().length > 0;
    const wanted = audio ? 'video/webm;codecs=vp8,opus' : 'video/webm;codecs=vp8';
    return globalThis.MediaRecorder?.isTypeSupported?.(wanted) ? wanted : 'video/webm';
}
