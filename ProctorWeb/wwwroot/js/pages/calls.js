// Calls page: wires the hub, the online list, the ringing panels and the call in progress together.
import { createSignaling, reasonOf } from '../signaling.js';
import { createUserList, createRinger } from '../userList.js';
import { peerSettingsOf } from '../peer.js';
import { createStatusLine } from '../statusLine.js';
import { startActiveCall } from '../activeCall.js';
import { t } from '../text.js';

const root = document.getElementById('calls-page');
const byId = id => document.getElementById(id);
const status = createStatusLine(byId('call-status'));
const say = status.say;
const peerSettings = peerSettingsOf(root);
const signaling = createSignaling(root.dataset.hub, { reconnect: true });
const callView = {
    section: byId('call'), title: byId('call-title'), local: byId('local-video'), remote: byId('remote-video'),
    mediaError: byId('media-error'), mediaErrorText: byId('media-error-text'),
};
const endMessages = {
    declined: peer => t('{name} declined the call.', { name: peer.name }),
    cancelled: peer => t('{name} cancelled the call.', { name: peer.name }),
    missed: (peer, incoming) => incoming ? t('Missed call from {name}.', { name: peer.name }) : t('{name} did not answer.', { name: peer.name }),
    'hung-up': peer => t('{name} hung up.', { name: peer.name }),
    'peer-left': peer => t('{name} left: the call ended.', { name: peer.name }),
};

// The one call this tab is part of: { id, peer, incoming, active }, and `media` once accepted.
let current = null;

const ringer = createRinger({
    incoming: byId('incoming'), incomingText: byId('incoming-text'),
    outgoing: byId('outgoing'), outgoingText: byId('outgoing-text'),
});
const users = createUserList({ list: byId('online-users'), empty: byId('nobody-online'), me: root.dataset.me, onCall: ring });

async function ring(user) {
    if (current) return say(t('Finish your current call first.'));
    try {
        const result = await signaling.invoke('Ring', user.id);
        if (result.outcome !== 'ringing') return say(result.message);
        current = { id: result.callId, peer: user, incoming: false, active: false };
        say('');
        ringer.showOutgoing(user);
    } catch (error) {
        say(reasonOf(error));
    }
}

function startCall({ callId, peer, polite }) {
    if (current?.id !== callId) return;
    ringer.hide();
    say('');
    Object.assign(current, { active: true, peer });
    current.media = startActiveCall({
        other: peer, polite, peerSettings, status, view: callView,
        send: message => signaling.send(peer.id, message),
    });
}

/** Ends this tab's side of the call: the camera stops and the peer connection closes. */
function endCall(message) {
    const call = current;
    current = null;
    ringer.hide();
    call?.media?.end();
    say(message);
}

async function leave(method, message) {
    const call = current;
    if (!call) return;
    endCall(message);
    // The other side may have ended it first; our side is already over either way.
    await signaling.invoke(method, call.id).catch(error => console.info(reasonOf(error)));
}

signaling.on('OnlineUsers', list => users.render(list));
signaling.on('IncomingCall', ({ callId, caller }) => {
    if (current) return;
    current = { id: callId, peer: caller, incoming: true, active: false };
    ringer.showIncoming(caller);
});
signaling.on('CallStarted', startCall);
signaling.on('Signal', (from, message) => {
    if (current?.active && current.peer.id === from) current.media.receive(message);
});
signaling.on('CallEnded', ({ callId, reason }) => {
    if (current?.id !== callId) return;
    const describe = endMessages[reason] ?? (() => t('The call ended.'));
    endCall(describe(current.peer, current.incoming));
});
signaling.on('SessionReplaced', () => {
    endCall(t('You opened Calls in another tab or window, so this tab stopped. Use the other one, or reload here to use this one.'));
    byId('lobby').hidden = true;
    signaling.stop();
});
signaling.on('PeerConnectionChanged', (callId, connected) => {
    if (current?.id !== callId) return;
    say(connected ? t('{name} is back.', { name: current.peer.name }) : t('{name} lost their connection; waiting for them to come back…', { name: current.peer.name }));
});
signaling.onReconnecting(() => {
    say(current?.active ? t('Connection to the server lost. Reconnecting… (the call goes on meanwhile)') : t('Connection to the server lost. Reconnecting…'));
});
signaling.onReconnected(async () => {
    const call = current;
    if (!call) return say(t('Reconnected.'));
    // A ringing call cannot survive the gap; an accepted one may, if the server kept it.
    const kept = call.active && await signaling.invoke('Resume', call.id).catch(() => false);
    if (!kept) return endCall(t('The connection dropped for too long, so the call ended. Call again.'));
    call.media.restartIce();
    say(t('Reconnected.'));
});
signaling.onClose(() => {
    if (byId('lobby').hidden) return;
    endCall(t('Lost the connection to the server. Reload the page to reconnect.'));
    byId('lobby').hidden = true;
});

byId('accept').addEventListener('click', async () => {
    if (!current?.incoming || current.active) return;
    ringer.hide();
    say(t('Connecting to {name}…', { name: current.peer.name }));
    await signaling.invoke('Accept', current.id).catch(error => endCall(reasonOf(error)));
});
byId('decline').addEventListener('click', () => leave('Decline', t('You declined the call.')));
byId('cancel').addEventListener('click', () => leave('Cancel', t('You cancelled the call.')));
byId('hang-up').addEventListener('click', () => leave('HangUp', t('You hung up.')));
byId('retry-media').addEventListener('click', () => { if (current?.active) current.media.retryMedia(); });
// Leaving the page is a hang-up too: release the camera before the page goes.
window.addEventListener('pagehide', () => endCall(''));

signaling.start().catch(error => say(t('Could not connect to the server: {reason}. Reload to try again.', { reason: reasonOf(error) })));
