// Who is online, and the ringing panels for incoming and outgoing calls.

const statusLabels = { available: 'Available', ringing: 'Ringing', 'in-call': 'In a call' };

export function createUserList({ list, empty, me, onCall }) {
    function render(users) {
        const others = users.filter(u => u.id !== me);
        const items = others.map(user => {
            const item = document.createElement('li');
            const name = document.createElement('span');
            name.className = 'name';
            name.textContent = user.name;
            const status = document.createElement('span');
            status.className = `status status-${user.status}`;
            status.textContent = statusLabels[user.status] ?? user.status;
            const call = document.createElement('button');
            call.type = 'button';
            call.textContent = `Call ${user.name}`;
            call.addEventListener('click', () => onCall(user));
            item.append(name, status, call);
            return item;
        });
        list.replaceChildren(...items);
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
            incomingText.textContent = `${caller.name} is calling you.`;
            incoming.hidden = false;
            focusBefore = document.activeElement;
            incoming.querySelector('button').focus();
        },
        showOutgoing(callee) {
            outgoingText.textContent = `Ringing ${callee.name}…`;
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
