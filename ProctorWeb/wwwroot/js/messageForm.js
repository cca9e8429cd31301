// The proctor's side of messages: a message to one student or an announcement to everyone, and what
// students wrote to the proctors, each with a Reply that addresses the form to them.
import { reasonOf } from './signaling.js';
import { reachable } from './rosterGrid.js';
import { t, shortTime } from './text.js';

/** `send(to, text)` delivers to the student id `to`, or to everyone when `to` is empty. */
export function createMessageForm(form, { send, say }) {
    const recipient = form.querySelector('#message-to');
    const text = form.querySelector('#message-text');
    const received = form.querySelector('#student-messages');

    form.addEventListener('submit', async event => {
        event.preventDefault();
        const to = recipient.value;
        const message = text.value.trim();
        if (!message) return;
        try {
            await send(to, message);
            text.value = '';
            say(to ? t('Message sent.') : t('Announcement sent to every student.'));
        } catch (error) {
            say(reasonOf(error));
        }
    });

    function replyTo(studentId) {
        const value = String(studentId);
        if (![...recipient.options].some(o => o.value === value)) {
            say(t('That student cannot be reached now: they are not in the exam.'));
            return;
        }
        recipient.value = value;
        text.focus();
    }

    return {
        /** Offers every student in the exam now (from the device check on), keeping the one chosen while they are still there. */
        setRecipients(students) {
            const chosen = recipient.value;
            const wanted = [['', t('Everyone (announcement)')], ...students.filter(s => reachable(s.status)).map(s => [String(s.id), s.name])];
            // Left alone when nobody came or went (most tile changes): a proctor choosing in it keeps their place.
            const same = recipient.options.length === wanted.length && wanted.every(([value, label], i) => recipient.options[i].value === value && recipient.options[i].text === label);
            if (same) return;
            recipient.replaceChildren(...wanted.map(([value, label]) => new Option(label, value)));
            recipient.value = wanted.some(([value]) => value === chosen) ? chosen : '';
        },
        replyTo,
        /** What students wrote before this monitor opened (oldest first), in place of what it showed. */
        showStudentMessages(list) {
            received.replaceChildren();
            received.closest('section').hidden = true;
            for (const message of list) this.addStudentMessage(message);
        },
        /** A student's message, newest first, with a Reply that addresses the form to them. */
        addStudentMessage({ studentId, name, text: words, sentAtUtc }) {
            const item = document.createElement('li');
            const time = document.createElement('time');
            time.dateTime = sentAtUtc;
            time.textContent = shortTime(sentAtUtc);
            const who = document.createElement('strong');
            who.textContent = ` ${t('{name}:', { name })} `;
            const reply = document.createElement('button');
            reply.type = 'button';
            reply.className = 'secondary';
            reply.textContent = t('Reply');
            reply.setAttribute('aria-label', t('Reply to {name}', { name }));
            reply.addEventListener('click', () => replyTo(studentId));
            item.append(time, who, document.createTextNode(words), ' ', reply);
            received.prepend(item);
            received.closest('section').hidden = false;
        },
    };
}
