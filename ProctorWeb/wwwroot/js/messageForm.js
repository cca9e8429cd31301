// The proctor's message form: a message to one live student, or an announcement to everyone.
import { reasonOf } from './signaling.js';
import { onCamera } from './rosterGrid.js';

/** `send(to, text)` delivers to the student id `to`, or to everyone when `to` is empty. */
export function createMessageForm(form, { send, say }) {
    const recipient = form.querySelector('#message-to');
    const text = form.querySelector('#message-text');

    form.addEventListener('submit', async event => {
        event.preventDefault();
        const to = recipient.value;
        const message = text.value.trim();
        if (!message) return;
        try {
            await send(to, message);
            text.value = '';
            say(to ? 'Message sent.' : 'Announcement sent to every student.');
        } catch (error) {
            say(reasonOf(error));
        }
    });

    return {
        /** Offers every student on camera (waiting or live), keeping the one chosen while they are still there. */
        setRecipients(students) {
            const chosen = recipient.value;
            const options = [new Option('Everyone (announcement)', '')];
            for (const student of students.filter(s => onCamera(s.status))) options.push(new Option(student.name, String(student.id)));
            recipient.replaceChildren(...options);
            recipient.value = options.some(o => o.value === chosen) ? chosen : '';
        },
    };
}
