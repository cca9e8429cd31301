// On a proctor's tile, what the ID check and admission add: the student's two ID photos, what the
// proctor should know about the student's page, and Admit / Turn away while the student waits.
import { tileButton } from './tileButton.js';
import { t } from './text.js';

/** `photoUrl(kind)` is where a proctor's page may load the photo; `onAdmit()` and `onReject(reason)` ask the server. */
export function createTileAdmission(name, { photoUrl, onAdmit, onReject }) {
    const element = document.createElement('div');
    element.className = 'tile-admission';
    const photos = document.createElement('div');
    photos.className = 'tile-photos';
    const notices = document.createElement('ul');
    notices.className = 'notices';
    notices.setAttribute('aria-label', t("Notes about {name}'s page", { name }));
    const controls = document.createElement('div');
    controls.className = 'admission-controls';
    controls.hidden = true;
    const admit = tileButton(t('Admit {name}', { name }), t('Admit'));
    const turnAway = tileButton(t('Turn away {name}', { name }), t('Turn away'), 'danger');
    const form = document.createElement('form');
    form.className = 'reject-form';
    form.hidden = true;
    const reason = document.createElement('input');
    reason.required = true;
    reason.maxLength = 500;
    reason.setAttribute('aria-label', t('Why {name} is turned away (they see it)', { name }));
    reason.placeholder = t('Reason (the student sees it)');
    const send = tileButton(t('Send the reason to {name}', { name }), t('Send'), 'danger');
    send.type = 'submit';
    const cancel = tileButton(t('Cancel turning {name} away', { name }), t('Cancel'));
    form.append(reason, send, cancel);
    controls.append(admit, turnAway);
    element.append(photos, notices, controls, form);

    const images = new Map();
    admit.addEventListener('click', () => onAdmit());
    turnAway.addEventListener('click', () => { form.hidden = false; controls.hidden = true; reason.focus(); });
    cancel.addEventListener('click', () => { form.hidden = true; controls.hidden = false; });
    form.addEventListener('submit', event => {
        event.preventDefault();
        const text = reason.value.trim();
        if (!text) return reason.focus();
        onReject(text);
    });

    return {
        element,
        update(student) {
            const waiting = student.status === 'awaiting-admission';
            controls.hidden = !waiting || !form.hidden;
            if (!waiting) form.hidden = true;
            notices.replaceChildren(...(student.notices ?? []).map(text => {
                const item = document.createElement('li');
                // The server sends these notices in English to every proctor (StudentNotices, FaceCheckProblems): each reads them in their own language.
                item.textContent = t(text);
                return item;
            }));
            for (const kind of student.photos ?? []) showPhoto(kind);
        },
        /** A photo of this kind was taken or retaken: load it afresh. */
        showPhoto,
    };

    function showPhoto(kind, fresh = false) {
        let link = images.get(kind);
        if (!link) {
            link = document.createElement('a');
            link.target = '_blank';
            link.rel = 'noopener';
            const image = document.createElement('img');
            image.alt = kind === 'id-card' ? t('{name}: photo of their ID card', { name }) : t('{name}: photo of their face', { name });
            link.append(image);
            images.set(kind, link);
            photos.append(...['face', 'id-card'].filter(k => images.has(k)).map(k => images.get(k)));
        } else if (!fresh) {
            return;
        }
        // A retake has the same address; the query makes the browser fetch it again.
        const url = `${photoUrl(kind)}&taken=${Date.now()}`;
        link.href = url;
        link.firstChild.src = url;
    }
}
