// The quality a peer connection sends each video at, changed without renegotiating.

/**
 * Encodings for a student's camera as a proctor receives it: a small grid tile by default
 * (320x180, 10 fps, 120 kbps: a proctor's laptop decodes a whole class of them), the full camera
 * when the proctor enlarges the tile or talks to the student, and nothing while the proctor's tile
 * is scrolled out of view (see tileViewing.js). Each says `active`, so leaving a pause resumes.
 */
export const tileQuality = {
    low: { active: true, maxBitrate: 120_000, maxFramerate: 10, scaleResolutionDownBy: 2 },
    high: { active: true, maxBitrate: 1_000_000, maxFramerate: 15, scaleResolutionDownBy: 1 },
    paused: { active: false, maxBitrate: 120_000, maxFramerate: 10, scaleResolutionDownBy: 2 },
};

/**
 * Encodings for a student's shared screen (captured at Full HD at most, see screenShare.js): beside
 * the camera in the tile, half size at 3 frames a second and at most 300 kbps, enough to see which
 * program is open; the whole screen at 15 frames a second when the proctor enlarges it to read it.
 * A screen that does not change costs far less than the cap. Paused, like the camera, out of view.
 */
export const screenQuality = {
    low: { active: true, maxBitrate: 300_000, maxFramerate: 3, scaleResolutionDownBy: 2 },
    high: { active: true, maxBitrate: 2_000_000, maxFramerate: 15, scaleResolutionDownBy: 1 },
    paused: { active: false, maxBitrate: 300_000, maxFramerate: 3, scaleResolutionDownBy: 2 },
};

/** Sets `encoding` on `sender`, once it has encodings. */
async function apply(sender, encoding) {
    const parameters = sender.getParameters();
    if (!parameters.encodings?.length) return;
    Object.assign(parameters.encodings[0], encoding);
    // A busy computer should send fewer frames rather than a smaller picture: a proctor needs to
    // read a face or a screen's text, and the size is what the proctor asked for.
    parameters.degradationPreference = 'maintain-resolution';
    await sender.setParameters(parameters);
}

/** Keeps the encoding last chosen for each video sender of `pc`, until `signal` aborts. */
export function createSenderEncodings(pc, { signal }) {
    const preferred = new Map();
    // Encodings given at creation lack the degradation preference until the sender exists.
    pc.addEventListener('connectionstatechange', () => {
        if (pc.connectionState !== 'connected') return;
        for (const [sender, encoding] of preferred) apply(sender, encoding).catch(() => {});
    }, { signal });
    return {
        /**
         * Sends `track` (with `streams`, one way or both), starting at `encoding`; returns its sender.
         * Without a track, the place for a video that comes later through `replaceTrack`.
         */
        addVideo(track, encoding, { streams = [], direction = 'sendrecv' } = {}) {
            const { sender } = pc.addTransceiver(track ?? 'video', { direction, streams, sendEncodings: [{ ...encoding }] });
            preferred.set(sender, encoding);
            return sender;
        },
        async set(sender, encoding) {
            preferred.set(sender, encoding);
            await apply(sender, encoding);
        },
    };
}
