// The student's shared screen: asking for the entire screen, refusing anything less, explaining failures.
import { stopStream } from './video.js';
import { t } from './text.js';

/**
 * The shared screen is the second video of a student's peer connection to a proctor: the camera's
 * transceivers come first, the screen's next, in the one offer that opens the connection. The order
 * of m-lines never changes for the life of a connection, so the proctor's page tells camera and
 * screen apart by it (see peer.js `videoIndex`), with nothing added to the signaling.
 */
export const screenVideoIndex = 1;

/**
 * Asks the browser for the student's entire screen. A window or a tab is stopped at once and
 * refused with a named error (NotEntireScreenError) the page can explain, as are the browser's own
 * refusals (NotAllowedError and the rest). Resolves with the stream of the whole screen.
 */
export async function shareEntireScreen() {
    if (!globalThis.isSecureContext || !navigator.mediaDevices?.getDisplayMedia) throw named('NotSupportedError', 'This browser cannot share a screen.');
    const stream = await navigator.mediaDevices.getDisplayMedia({
        // Full HD at most: a larger screen is scaled down, which still reads as text and spares the
        // student's upload and the proctor's decoder. Capturing more than 15 frames a second would
        // only make the encoder drop them.
        video: { displaySurface: 'monitor', width: { max: 1920 }, height: { max: 1080 }, frameRate: { max: 15 } },
        audio: false,
        // Hints for the browser's picker: offer the whole screen first, not this tab, and no button
        // to switch to a tab halfway through the exam.
        monitorTypeSurfaces: 'include',
        selfBrowserSurface: 'exclude',
        surfaceSwitching: 'exclude',
        systemAudio: 'exclude',
    });
    const [track] = stream.getVideoTracks();
    const surface = track?.getSettings().displaySurface;
    if (surface !== 'monitor') {
        stopStream(stream);
        throw named('NotEntireScreenError', `The shared surface was ${surface ?? 'unknown'}, not the entire screen.`, surface);
    }
    // Text and lines rather than motion: the encoder keeps the picture sharp and drops frames instead.
    track.contentHint = 'detail';
    return stream;
}

/** What to tell a student whose screen could not be shared. */
export function describeScreenShareError(error) {
    switch (error?.name) {
        case 'NotEntireScreenError':
            return error.surface === 'browser' ? t('You shared a browser tab, not your entire screen. This exam needs the entire screen: click "Share your entire screen" and choose "Entire screen".')
                : error.surface === 'window' ? t('You shared a window, not your entire screen. This exam needs the entire screen: click "Share your entire screen" and choose "Entire screen".')
                : t('You shared part of your screen, not your entire screen. This exam needs the entire screen: click "Share your entire screen" and choose "Entire screen".');
        case 'NotAllowedError':
        case 'SecurityError':
            return t('Screen sharing was refused. This exam needs your entire screen: click "Share your entire screen" and allow it. If your computer blocks screen recording for the browser (on a Mac: System Settings, Privacy & Security, Screen Recording), allow it there first.');
        case 'NotReadableError':
        case 'AbortError':
            return t('Your screen could not be captured. Close other apps that record or share the screen, then try again.');
        case 'NotSupportedError':
        case 'NotFoundError':
        case 'TypeError':
            return t('This browser cannot share your screen. Use a current Chrome, Edge or Firefox on a computer (not a phone or tablet).');
        case 'InvalidStateError':
            return t('The browser only shares a screen after a click: click "Share your entire screen".');
        default:
            return t('Your screen could not be shared ({reason}). Try again.', { reason: error?.message ?? error });
    }
}

function named(name, message, surface) {
    const error = new Error(message);
    error.name = name;
    error.surface = surface;
    return error;
}
