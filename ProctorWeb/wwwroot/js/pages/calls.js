// Calls page: wires the hub, the online list, the ringing panels and the call view together.
import { createSignaling, reasonOf } from '../signaling.js';
import { createUserList, createRinger } from '../userList.js';
import { openCameraAndMicrophone, describeMediaError, stopStream } from '../video.js';
import { createPeer, peerSettingsOf } from '../peer.js';
import { describeRelayProblem } from '../iceRepair.js';

const root = document.getElementById('calls-page');
const byId = id => document.getElementById(id);
const status = byId('call-status');
const peerSettings = peerSettingsOf(root);
const signaling = createSignaling(root.dataset.hub, { reconnect: true });

const endMessages = {
    declined: peer => `${peer.name} declined the call.`,
    cancelled: peer => `${peer.name} cancelled the call.`,
    missed: (peer, incoming) => incoming ? `Missed call from ${peer.name}.` : `${peer.name} did not answer.`,
    'hung-up': peer => `${peer.name} hung up.`,
    'peer-left': peer => `${peer.name} left: the call ended.`,
};

// The one call this tab is part of: { id, peer, incoming, active, connection, localStream }.
let current = null;

const ringer = createRinger({
    incoming: byId('incoming'), incomingText: byId('incoming-text'),
    outgoing: byId('outgoing'), outgoingText: byId('outgoing-text'),
});
const users = createUserList({ list: byId('online-users'), empty: byId('nobody-online'), me: root.dataset.me, onCall: ring });

// Whether the status line shows the "repairing" warning, which a repaired connection may clear.
let repairNotice = false;

function say(text) {
    status.textContent = text;
    repairNotice = false;
}

async function ring(user) {
    if (current) {
        say('Finish your current call first.');
        return;
    }
    try {
        const result = await signaling.invoke('Ring', user.id);
        if (result.outcome !== 'ringing') {
            say(result.message);
            return;
        }
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
    const call = current;
    call.active = true;
    call.peer = peer;
    call.connection = createPeer({
        polite,
        ...peerSettings,
        send: message => signaling.send(peer.id, message),
        onRemoteStream: stream => { byId('remote-video').srcObject = stream; },
        onConnectionState: state => {
            if (state === 'restarting') {
                say(`The connection to ${peer.name} is unstable: trying to repair it…`);
                repairNotice = true;
            } else if (state === 'connected' && repairNotice) say('');
            else if (state === 'failed') say(`The connection to ${peer.name} failed. Hang up and call again.`);
        },
        onRelayProblem: problem => say(describeRelayProblem(problem)),
    });
    byId('call-title').textContent = `In a call with ${peer.name}`;
    byId('call').hidden = false;
    openMedia(call);
}

async function openMedia(call) {
    byId('media-error').hidden = true;
    try {
        const stream = await openCameraAndMicrophone();
        if (current !== call) {
            // The call ended while the camera was starting: release it at once.
            stopStream(stream);
            return;
        }
        call.localStream = stream;
        byId('local-video').srcObject = stream;
        call.connection.addStream(stream);
    } catch (error) {
        if (current !== call) return;
        byId('media-error-text').textContent = describeMediaError(error);
        byId('media-error').hidden = false;
    }
}

/** Ends this tab's side of the call: every local track stops and the peer connection closes. */
function endCall(message) {
    const call = current;
    current = null;
    ringer.hide();
    if (call) {
        stopStream(call.localStream);
        call.connection?.close();
    }
    for (const video of [byId('local-video'), byId('remote-video')]) video.srcObject = null;
    byId('call').hidden = true;
    byId('media-error').hidden = true;
    say(message);
}

async function leave(method, message) {
    const call = current;
    if (!call) return;
    endCall(message);
    try {
        await signaling.invoke(method, call.id);
    } catch (error) {
        // The other side may have ended it first; our side is already over either way.
        console.info(reasonOf(error));
    }
}

signaling.on('OnlineUsers', list => users.render(list));
signaling.on('IncomingCall', ({ callId, caller }) => {
    if (current) return;
    current = { id: callId, peer: caller, incoming: true, active: false };
    ringer.showIncoming(caller);
});
signaling.on('CallStarted', startCall);
signaling.on('Signal', (from, message) => {
    if (current?.active && current.peer.id === from) current.connection.receive(message);
});
signaling.on('CallEnded', ({ callId, reason }) => {
    if (current?.id !== callId) return;
    const describe = endMessages[reason] ?? (() => 'The call ended.');
    endCall(describe(current.peer, current.incoming));
});
signaling.on('SessionReplaced', () => {
    endCall('You opened Calls in another tab or window, so this tab stopped. Use the other one, or reload here to use this one.');
    byId('lobby').hidden = true;
    signaling.stop();
});
signaling.on('PeerConnectionChanged', (callId, connected) => {
    if (current?.id !== callId) return;
    say(connected ? `${current.peer.name} is back.` : `${current.peer.name} lost their connection; waiting for them to come back…`);
});
signaling.onReconnecting(() => {
    say(current?.active ? 'Connection to the server lost. Reconnecting… (the call goes on meanwhile)' : 'Connection to the server lost. Reconnecting…');
});
signaling.onReconnected(async () => {
    const call = current;
    if (!call) return say('Reconnected.');
    // A ringing call cannot survive the gap; an accepted one may, if the server kept it.
    const kept = call.active && await signaling.invoke('Resume', call.id).catch(() => false);
    if (!kept) return endCall('The connection dropped for too long, so the call ended. Call again.');
    call.connection.restartIce();
    say('Reconnected.');
});
signaling.onClose(() => {
    if (byId('lobby').hidden) return;
    endCall('Lost the connection to the server. Reload the page to reconnect.');
    byId('lobby').hidden = true;
});

byId('accept').addEventListener('click', async () => {
    if (!current?.incoming || current.active) return;
    ringer.hide();
    say(`Connecting to ${current.peer.name}…`);
    try {
        await signaling.invoke('Accept', current.id);
    } catch (error) {
        endCall(reasonOf(error));
    }
});
byId('decline').addEventListener('click', () => leave('Decline', 'You declined the call.'));
byId('cancel').addEventListener('click', () => leave('Cancel', 'You cancelled the call.'));
byId('hang-up').addEventListener('click', () => leave('HangUp', 'You hung up.'));
byId('retry-media').addEventListener('click', () => { if (current?.active) openMedia(current); });
// Leaving the page is a hang-up too: release the camera before the page goes.
window.addEventListener('pagehide', () => endCall(''));

signaling.start().catch(error => say(`Could not connect to the server: ${reasonOf(error)}. Reload to try again.`));
