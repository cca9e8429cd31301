// The student's line to the proctors, at the top of the exam page where a phone shows it without
// scrolling: a raised hand, a message of their own, and the proctors' latest message and talk,
// announced to screen readers and with a short chime. The proctors' message line is a live region of
// its own; a talk starting and the hand going up or down are said in the page's announcements.
import { reasonOf } from './signaling.js';
import { t } from './text.js';
import { announce } from './announcer.js';

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
        handButton.textContent = up ? t('Lower your hand') : t('Raise your hand');
        handButton.setAttribute('aria-pressed', String(up));
        handNote.textContent = up ? t('Your hand is raised: a proctor will answer you here.') : '';
    }

    /** The hand went up or down by the student's click or a proctor's answer: said, as focus stays on the button. */
    function changeHand(up) {
        const changed = up !== raised;
        showHand(up);
        if (changed) announce(up ? t('Your hand is raised: a proctor will answer you here.') : t('Your hand is lowered.'));
    }

    handButton.addEventListener('click', async () => {
        if (busy) return;
        busy = true;
        try {
            changeHand(await raiseHand(!raised));
        } catch (error) {
            handNote.textContent = reasonOf(error);
            announce(handNote.textContent);
        } finally {
            busy = false;
        }
    });

    form.addEventListener('submit', async event => {
        event.preventDefault();
        const text = input.value.trim();
        if (!text) {
            formNote.textContent = t('Write your message first.');
            input.focus();
            return;
        }
        const button = form.querySelector('button');
        button.disabled = true;
        try {
            await write(text);
            // Only what went is cleared: a refused message stays in the box to send again.
            if (input.value.trim() === text) input.value = '';
            formNote.textContent = t('Sent to your proctors.');
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
            if (raised) changeHand(false);
        },
        proctorMessage({ from, text, toEveryone }) {
            messageNews.textContent = toEveryone ? t('Announcement from {name}: {text}', { name: from, text }) : t('{name}: {text}', { name: from, text });
            chime.play();
        },
        talking(name, talking) {
            const news = talking ? t('{name}, your proctor, is talking to you.', { name }) : '';
            if (talking && talkNews.textContent !== news) announce(news);
            talkNews.textContent = news;
            if (talking) chime.play();
        },
    };
}
