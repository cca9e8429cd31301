// On a proctor's tile, what the student asked for: a raised hand (since when) and their latest message,
// with Reply (the message form, addressed to them) and Lower hand (answered some other way).
import { tileButton } from './tileButton.js';
import { t, shortTime } from './text.js';

/** `onReply()` addresses the message form to the student; `onLowerHand()` asks the server to lower the hand. */
export function createTileContact(name, { onReply, onLowerHand }) {
    const element = document.createElement('div');
    element.className = 'tile-contact';
    const hand = document.createElement('p');
    hand.className = 'hand';
    hand.hidden = true;
    const handText = document.createElement('span');
    const lower = tileButton(t('Lower hand for {name}', { name }), t('Lower hand'));
    hand.append(handText, lower);
    const latest = document.createElement('p');
    latest.className = 'student-message';
    latest.setAttribute('aria-label', t("{name}'s latest message", { name }));
    latest.hidden = true;
    const reply = tileButton(t('Reply to {name}', { name }), t('Reply'));
    element.append(hand, latest, reply);
    reply.hidden = true;
    lower.addEventListener('click', () => onLowerHand());
    reply.addEventListener('click', () => onReply());
    let raisedAt = null;

    function showReply() {
        reply.hidden = hand.hidden && latest.hidden;
    }

    return {
        element,
        get handRaised() { return raisedAt !== null; },
        /** `raisedAtUtc` is null while the hand is down; a student who is not in the exam now has none. */
        setHand(raisedAtUtc) {
            raisedAt = raisedAtUtc ? new Date(raisedAtUtc) : null;
            hand.hidden = raisedAt === null;
            if (raisedAt) handText.textContent = t('✋ Hand raised at {time}', { time: shortTime(raisedAt) });
            showReply();
        },
        /** When the hand went up, for the order of the tiles (earliest first). */
        raisedAt: () => raisedAt?.getTime() ?? Infinity,
        showMessage(text) {
            latest.textContent = t('“{text}”', { text });
            latest.hidden = false;
            showReply();
        },
    };
}
