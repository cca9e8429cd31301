// Who is online, and the ringing panels for incoming and outgoing calls.
import { t } from './text.js';

const statusLabels = () => ({ available: t('Available'), ringing: t('Ringing'), 'in-call': t('In a call') });

/**
 * The people online besides me, each with a Call button. Updated in place, person by person, so a keyboard
 * user on someone's Call button keeps their focus when anybody else comes, goes or changes status.
 */
export function createUserList({ list, empty, me, onCall }) {
    // User id → { item, name, status, call, user }.
    const rows = new Map();

    function rowFor(user) {
        let row = rows.get(user.id);
        if (row) return row;
        const item = document.createElement('li');
        const name = document.createElement('span');
        name.className = 'name';
        const status = document.createElement('span');
        const call = document.createElement('button');
        call.type = 'button';
        row = { item, name, status, call, user };
        call.addEventListener('click', () => onCall(row.user));
        item.append(name, status, call);
        rows.set(user.id, row);
        return row;
    }

    function render(users) {
        const others = users.filter(u => u.id !== me);
        const labels = statusLabels();
        const staying = new Set(others.map(u => u.id));
        for (const [id, row] of rows) {
            if (staying.has(id)) continue;
            row.item.remove();
            rows.delete(id);
        }
        const focused = document.activeElement;
        others.forEach((user, index) => {
            const row = rowFor(user);
            row.user = user;
            row.name.textContent = user.name;
            row.status.className = `status status-${user.status}`;
            row.status.textContent = labels[user.status] ?? user.status;
            row.call.textContent = t('Call {name}', { name: user.name });
            // Moved only when out of place: moving an element takes the focus off it.
            if (list.children[index] !== row.item) list.insertBefore(row.item, list.children[index] ?? null);
        });
        if (focused && focused !== document.activeElement && list.contains(focused)) focused.focus();
        empty.hidden = others.length > 0;
    }

    return { render };
}

export function createRinger({ incoming, incomingText, outgoing, outgoingText }) {
    // Where the person was before a call rang: focus goes back there once the ringing panel goes.
    let focusBefore = null;
    return {
        /** A keyboard or screen reader user lands on Accept (Tab reaches Decline); the alert dialog is announced. */
        showIncoming(caller) {
            incomingText.textContent = t('{name} is calling you.', { name: caller.name });
            incoming.hidden = false;
            focusBefore = document.activeElement;
            incoming.querySelector('button').focus();
        },
        showOutgoing(callee) {
            outgoingText.textContent = t('Ringing {name}…', { name: callee.name });
            outgoing.hidden = false;
        },
        hide() {
            const hadFocus = incoming.contains(document.activeElement);
            incoming.hidden = true;
            outgoing.hidden = true;
            if (hadFocus && focusBefore?.isConnected) focusBefore.focus();
            focusBefore = null;
        },
    };
}
