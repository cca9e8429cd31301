// The device check's ID check: two photos from the live camera (the face, then the ID card held up to
// it), shown to the student, retaken as often as they like, and sent to the server together.
import { t } from './text.js';

const kinds = [
    { kind: 'face', canvas: '#face-photo', take: '#take-face', again: () => t('Take the photo of my face again') },
    { kind: 'id-card', canvas: '#card-photo', take: '#take-card', again: () => t('Take the photo of my ID card again') },
];

/**
 * One of the device check's further checks (see deviceCheckStep.js): passed once both photos are sent.
 * `section` is absent when the exam has no ID check: the check has then always passed.
 */
export function createIdCheckStep(section, { upload }) {
    if (!section) return { passed: true, facePhoto: null, onChange() {}, start() {}, leave() {}, back() {}, stop() {} };
    const find = selector => section.querySelector(selector);
    const listeners = [];
    const send = find('#send-photos');
    const result = find('.check-result');
    const taken = new Map();
    let video = null;
    let sent = false;

    function say(state, text) {
        result.dataset.state = state;
        result.textContent = text;
    }

    function setSent(value) {
        sent = value;
        send.disabled = sent || taken.size < kinds.length;
        listeners.forEach(listener => listener());
    }

    for (const { kind, canvas, take, again } of kinds) {
        const button = find(take);
        button.addEventListener('click', () => {
            if (!video || video.readyState < 2) return say('failed', t('Your camera is not showing a picture yet.'));
            const target = find(canvas);
            target.width = video.videoWidth;
            target.height = video.videoHeight;
            target.getContext('2d').drawImage(video, 0, 0, target.width, target.height);
            taken.set(kind, target);
            button.textContent = again();
            say('pending', taken.size < kinds.length ? t('Now take the other photo.') : t('Check both photos, then send them.'));
            setSent(false);
        });
    }

    send.addEventListener('click', async () => {
        send.disabled = true;
        say('pending', t('Sending your photos…'));
        try {
            for (const { kind } of kinds) await upload(kind, await jpegOf(taken.get(kind)));
            say('passed', t('Your photos were sent.'));
            setSent(true);
        } catch (error) {
            say('failed', error.message);
            setSent(false);
        }
    });

    return {
        get passed() { return sent; },
        /** The face photo as taken, for the face checks to compare the live face with. */
        get facePhoto() { return taken.get('face') ?? null; },
        onChange: listener => listeners.push(listener),
        /** The camera works: photos may be taken from its preview. */
        start(preview) {
            video = preview;
            for (const { take } of kinds) find(take).disabled = false;
            if (!sent) say('pending', t('Take the photo of your face first.'));
        },
        // The photos stay taken and sent when the student moves on, or comes back to the check.
        leave() {},
        back() {},
        stop() {
            video = null;
            for (const { take } of kinds) find(take).disabled = true;
        },
    };
}

function jpegOf(canvas) {
    return new Promise((resolve, reject) => canvas.toBlob(blob => (blob ? resolve(blob) : reject(new Error(t('The photo could not be made. Take it again.')))), 'image/jpeg', 0.9));
}

/** Sends one photo to the exam room's photo handler; resolves when stored, or rejects with the server's words. */
export async function uploadIdPhoto(kind, blob) {
    const form = new FormData();
    form.append('kind', kind);
    form.append('photo', blob, `${kind}.jpg`);
    form.append('__RequestVerificationToken', document.querySelector('#exam-room input[name="__RequestVerificationToken"]').value);
    const response = await fetch('?handler=Photo', { method: 'POST', body: form, credentials: 'same-origin' });
    if (response.ok) return;
    const body = await response.json().catch(() => null);
    throw new Error(body?.error ?? t('The photo could not be sent ({status}). Try again.', { status: response.status }));
}
