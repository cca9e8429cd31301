// Camera and microphone: opening them, explaining why they would not open, and stopping them.
import { t } from './text.js';

/** Opens camera and microphone, failing with a named error the page can explain. */
export async function openCameraAndMicrophone(video = { width: { ideal: 640 }, height: { ideal: 480 } }) {
    if (!globalThis.isSecureContext || !navigator.mediaDevices?.getUserMedia) {
        const error = new Error('Camera and microphone need a secure page.');
        error.name = 'InsecureContextError';
        throw error;
    }
    return navigator.mediaDevices.getUserMedia({ video, audio: true });
}

/**
 * A student's exam camera: 640x360 at 15 frames a second is enough to read a face and see hands,
 * and every frame not captured is one the student's computer need not show, check for flags and
 * encode (a proctor's laptop in the benchmark runs 25 students' pages at once).
 */
export const examCamera = { width: { ideal: 640 }, height: { ideal: 360 }, frameRate: { ideal: 15, max: 15 } };

/** What to tell a person whose camera or microphone could not be opened. */
export function describeMediaError(error) {
    switch (error?.name) {
        case 'NotAllowedError':
        case 'SecurityError':
            return t('Camera and microphone access is blocked. Allow it for this site (the camera icon in the address bar), then try again.');
        case 'NotFoundError':
        case 'OverconstrainedError':
            return t('No camera or microphone was found. Plug one in, then try again.');
        case 'NotReadableError':
        case 'AbortError':
            return t('Your camera or microphone is busy or failed to start. Close other apps or tabs that use it, then try again.');
        case 'InsecureContextError':
            return t('Camera and microphone only work on a secure page. Open this site over https (or on localhost), then try again.');
        default:
            return t('The camera or microphone could not be opened ({reason}). Check your devices, then try again.', { reason: error?.message ?? error });
    }
}

/** Stops every track, so the camera light goes off. */
export function stopStream(stream) {
    stream?.getTracks().forEach(track => track.stop());
}
