// The quality a peer connection sends its video at, changed without renegotiating.

/**
 * Encodings for a student's camera as a proctor receives it: a small grid tile by default
 * (320x180, 10 fps, 120 kbps: a proctor's laptop decodes a whole class of them), the full camera
 * when the proctor enlarges the tile or talks to the student.
 */
export const tileQuality = {
    low: { maxBitrate: 120_000, maxFramerate: 10, scaleResolutionDownBy: 2 },
    high: { maxBitrate: 1_000_000, maxFramerate: 15, scaleResolutionDownBy: 1 },
};

/** Sets `encoding` on every video sender of `pc` that already has encodings. */
async function applyToSenders(pc, encoding) {
    for (const sender of pc.getSenders().filter(s => s.track?.kind === 'video')) {
        const parameters = sender.getParameters();
        if (!parameters.encodings?.length) continue;
        Object.assign(parameters.encodings[0], encoding);
        // A busy computer should send fewer frames rather than a smaller picture: a proctor
        // needs to read a face, and the tile's size is what the proctor asked for.
        parameters.degradationPreference = 'maintain-resolution';
        await sender.setParameters(parameters);
    }
}

/** Keeps the encoding last chosen for `pc`'s video, until `signal` aborts. */
export function createSenderEncodings(pc, { signal }) {
    let preferred = null;
    // Encodings given at creation lack the degradation preference until the sender exists.
    pc.addEventListener('connectionstatechange', () => {
        if (preferred && pc.connectionState === 'connected') applyToSenders(pc, preferred).catch(() => {});
    }, { signal });
    return {
        /** Sends `track` of `stream`, starting at `encoding`. */
        addVideo(track, stream, encoding) {
            preferred = encoding;
            pc.addTransceiver(track, { direction: 'sendrecv', streams: [stream], sendEncodings: [{ ...encoding }] });
        },
        async set(encoding) {
            preferred = encoding;
            await applyToSenders(pc, encoding);
        },
    };
}
