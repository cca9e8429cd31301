// The student's line to the proctors, at the top of the exam page where a phone shows it without
// scrolling: a raised hand, a message of their own, and the proctors' latest message and talk,
// announced to screen readers and with a short chime.
import { reasonOf } from './signaling.js';

/**
 * `raiseHand(raised)` answers whether the hand is up as the server now has it; `write(text)` sends a
 * message to the proctors; `onWritten(text)` hears each message that went; `chime.play()` sounds.
 */
export function createProctorContact(bar, { raiseHand, write, onWritten, chime }) {
    const find = selector => bar.querySelector(selector);
    const talkNews = find('.talk-news');
    const messageNews = find('.message-news');
    const handButton = find('.raise-hand');
    const handNote = find('.hand-note');
    const form = find('form');
    const input = form.querySelector('input');
    const formNote = find('.write-note');
    let raised = false;
    let busy = false;

    function showHand(up) {
        raised = up;
        handButton.textContent = up ? 'Lower your hand' : 'Raise your hand';
        handButton.setAttribute('aria-pressed', String(up));
        handNote.textContent = up ? 'Your hand is raised: a proctor will answer you here.' : '';
    }

    handButton.addEventListener('click', async () => {
        if (busy) return;
        busy = true;
        try {
            showHand(await raiseHand(!raised));
        } catch (error) {
            handNote.textContent = reasonOf(error);
        } finally {
            busy = false;
        }
    });

    form.addEventListener('submit', async event => {
        event.preventDefault();
        const text = input.value.trim();
        if (!text) {
            formNote.textContent = 'Write your message first.';
            input.focus();
            return;
        }
        const button = form.querySelector('button');
        button.disabled = true;
        try {
            await write(text);
            // Only what went is cleared: a refused message stays in the box to send again.
            if (input.value.trim() === text) input.value = '';
            formNote.textContent = 'Sent to your proctors.';
            onWritten(text);
        } catch (error) {
            formNote.textContent = reasonOf(error);
        } finally {
            button.disabled = false;
        }
    });

    return {
        show() { bar.hidden = false; },
        hide() {
            bar.hidden = true;
            talkNews.textContent = '';
        },
        /** The hand as the server has it (after a reload it may still be up). */
        showHand,
        /** A proctor answered the raised hand. */
        handLowered() {
            if (raised) showHand(false);
        },
        proctorMessage({ from, text, toEveryone }) {
            messageNews.textContent = toEveryone ? `Announcement from ${from}: ${text}` : `${from}: ${text}`;
            chime.play();
        },
        talking(name, talking) {
            talkNews.textContent = talking ? `${name}, your proctor, is talking to you.` : '';
            if (talking) chime.play();
        },
    };
}
