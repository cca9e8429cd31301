// The student's exam page: device check, waiting room, exam room, end. The server decides the phase.
import { createSignaling, reasonOf } from '../signaling.js';
import { openCameraAndMicrophone, describeMediaError, stopStream, examCamera } from '../video.js';
import { createPeer, peerSettingsOf } from '../peer.js';
import { createPeerSet } from '../peerSet.js';
import { describeRelayProblem } from '../iceRepair.js';
import { tileQuality } from '../senderEncodings.js';
import { startMicrophoneMeter, runConnectionSelfTest } from '../deviceCheck.js';
import { createExamClock } from '../examClock.js';
import { createFlagReporter } from '../flagReporter.js';
import { startDetectors } from '../flagDetectors.js';

const root = document.getElementById('exam-room');
const byId = id => document.getElementById(id);
const peerSettings = peerSettingsOf(root);
const signaling = createSignaling(root.dataset.hub, { reconnect: true });
const clock = createExamClock();
const flagSettings = JSON.parse(root.dataset.flags);
const flagLabels = JSON.parse(root.dataset.flagLabels);
const reporter = createFlagReporter({
    send: report => signaling.invoke('ReportFlag', report),
    storageKey: `proctorweb.flags.${root.dataset.student}`,
    serverNow: clock.serverNow,
    onRaised: kind => notice(`Your proctors were notified: ${flagLabels[kind] ?? kind}.`),
});
const sections = ['device-check', 'waiting-room', 'in-exam', 'exam-over'];

let camera = null;
let meter = null;
let detectors = null;
let phase = 'checking';
let passedDeviceCheck = false;
let finished = false;
let noticeTimer = 0;
// What each proctor who talks to the student sends back, by the proctor's connection id.
const talkStreams = new Map();
// One peer connection per proctor watching, keyed by the proctor's connection id; the student offers.
const peers = createPeerSet(proctorId => createPeer({
    polite: false,
    ...peerSettings,
    send: message => signaling.send(proctorId, message),
    onTrack: track => showProctorTrack(proctorId, track),
    onConnectionState: () => detectors?.proctorConnection(proctorsReachable()),
    onRelayProblem: problem => say(`Your proctors cannot see you. ${describeRelayProblem(problem)}`),
}), { onClose: proctorId => talkStreams.delete(proctorId) });

function show(section) {
    for (const id of sections) byId(id).hidden = id !== section;
}

function say(text) {
    byId('room-status').textContent = text;
}

/** A discreet note that a flag was raised, so nothing is recorded behind the student's back. */
function notice(text) {
    const element = byId('flag-notice');
    element.textContent = text;
    element.hidden = false;
    clearTimeout(noticeTimer);
    noticeTimer = setTimeout(() => { element.hidden = true; }, 6000);
}

function setCheck(id, state, text) {
    const result = byId(id).querySelector('.check-result');
    result.dataset.state = state;
    result.textContent = text;
}

async function checkDevices() {
    byId('device-error').hidden = true;
    byId('continue').disabled = true;
    meter?.stop();
    stopStream(camera);
    setCheck('camera-check', 'pending', 'Starting your camera…');
    setCheck('microphone-check', 'pending', 'Say something: the bar should move.');
    setCheck('connection-check', 'pending', 'Waiting for the camera…');
    try {
        camera = await openCameraAndMicrophone(examCamera);
    } catch (error) {
        setCheck('camera-check', 'failed', 'Camera and microphone could not start.');
        return fail(describeMediaError(error));
    }
    byId('check-preview').srcObject = camera;
    setCheck('camera-check', 'passed', 'Your camera works.');

    meter = startMicrophoneMeter(camera, byId('mic-level'));
    setCheck('connection-check', 'pending', 'Testing the connection…');
    const [heard, connected] = await Promise.all([meter.heard(10_000), runConnectionSelfTest(camera).catch(() => false)]);
    setCheck('microphone-check', heard ? 'passed' : 'failed', heard ? 'We can hear you.' : 'We hear nothing.');
    setCheck('connection-check', connected ? 'passed' : 'failed', connected ? 'Video can travel over your connection.' : 'Video could not travel over your connection.');
    if (!heard) return fail('Your microphone is silent. Check that it is not muted or switched off, then try again.');
    if (!connected) return fail('The connection test failed. Disable VPNs or firewalls that block video calls, or try another network, then try again.');
    byId('continue').disabled = false;
}

function fail(message) {
    byId('device-error-text').textContent = message;
    byId('device-error').hidden = false;
}

function applyState(state) {
    if (finished) return;
    clock.sync(state.serverNowUtc);
    phase = state.phase;
    if (phase === 'over') return finish('The exam has ended. Your camera and microphone are off. You can close this page.');
    if (phase === 'waiting') {
        show('waiting-room');
        clock.countDown(byId('starts-in'), state.startsAtUtc);
        say('You are in the waiting room.');
        return;
    }
    show('in-exam');
    say('The exam has started.');
    byId('self-view').srcObject = camera;
    clock.countDown(byId('ends-in'), state.endsAtUtc);
    const requireFullscreen = root.dataset.fullscreen === 'required';
    byId('fullscreen-request').hidden = !requireFullscreen || Boolean(document.fullscreenElement);
    detectors ??= startDetectors({ stream: camera, preview: byId('self-view'), settings: flagSettings, requireFullscreen, reporter, toServerTime: clock.toServerTime });
    for (const proctorId of state.proctors) connectTo(proctorId);
}

function connectTo(proctorId) {
    if (peers.has(proctorId) || !camera) return;
    peers.open(proctorId).addStream(camera, { videoEncoding: tileQuality.low });
}

function proctorsReachable() {
    return [...peers.values()].every(peer => !['disconnected', 'failed'].includes(peer.connectionState));
}

function showProctorTrack(proctorId, track) {
    const stream = talkStreams.get(proctorId) ?? new MediaStream();
    talkStreams.set(proctorId, stream);
    if (!stream.getTracks().includes(track)) stream.addTrack(track);
    byId('proctor-video').srcObject = stream;
}

function addMessage({ from, text, toEveryone }) {
    const item = document.createElement('li');
    const who = document.createElement('strong');
    who.textContent = toEveryone ? `Announcement from ${from}: ` : `${from} to you: `;
    item.append(who, document.createTextNode(text));
    byId('message-list').append(item);
    byId('messages').hidden = false;
}

/** Ends the exam on this page: every track stops, every peer closes, the hub disconnects. */
function finish(text) {
    if (finished) return;
    finished = true;
    clock.stop();
    meter?.stop();
    detectors?.stop();
    peers.closeAll();
    stopStream(camera);
    camera = null;
    for (const id of ['check-preview', 'self-view', 'proctor-video']) byId(id).srcObject = null;
    byId('proctor-talk').hidden = true;
    byId('over-text').textContent = text;
    show('exam-over');
    say('');
    signaling.stop();
}

signaling.on('PhaseChanged', applyState);
signaling.on('ProctorJoined', proctorId => { if (phase === 'running') connectTo(proctorId); });
signaling.on('ProctorLeft', proctorId => peers.close(proctorId));
signaling.on('Signal', (from, message) => peers.get(from)?.receive(message));
signaling.on('QualityRequested', (proctorId, level) => {
    peers.get(proctorId)?.setVideoEncoding(tileQuality[level] ?? tileQuality.low).catch(error => console.warn('Could not change quality', error));
});
signaling.on('ProctorTalking', (proctorId, name, talking) => {
    byId('proctor-talk-heading').textContent = `${name} is talking with you`;
    byId('proctor-talk').hidden = !talking;
    if (!talking) byId('proctor-video').srcObject = null;
    else if (talkStreams.has(proctorId)) byId('proctor-video').srcObject = talkStreams.get(proctorId);
});
signaling.on('Message', addMessage);
signaling.on('Dismissed', reason => finish(reason));
signaling.on('SessionReplaced', () => finish('You opened this exam in another tab or window, so this one stopped. Continue in the other one.'));
signaling.onReconnecting(() => {
    detectors?.serverConnection(false);
    reporter.setOnline(false);
    say('Connection to the server lost. Reconnecting…');
});
signaling.onReconnected(async () => {
    // The server saw this tab leave: join again as a new connection, with fresh peer connections.
    peers.closeAll();
    try {
        const state = await signaling.invoke('JoinAsStudent');
        await reporter.setOnline(true);
        detectors?.serverConnection(true);
        if (passedDeviceCheck) applyState(await signaling.invoke('Ready'));
        else clock.sync(state.serverNowUtc);
        say('Reconnected.');
    } catch (error) {
        finish(reasonOf(error));
    }
});
signaling.onClose(() => {
    // Reconnecting gave up: without a server nobody watches, so the camera goes off.
    if (!finished) finish('Lost the connection to the server. Reload the page to rejoin the exam.');
});

byId('retry-devices').addEventListener('click', checkDevices);
byId('enter-fullscreen').addEventListener('click', () => {
    document.documentElement.requestFullscreen().then(() => { byId('fullscreen-request').hidden = true; })
        .catch(error => say(`Fullscreen was refused: ${error.message}`));
});
document.addEventListener('fullscreenchange', () => {
    if (phase === 'running' && root.dataset.fullscreen === 'required') byId('fullscreen-request').hidden = Boolean(document.fullscreenElement);
});
byId('continue').addEventListener('click', async () => {
    byId('continue').disabled = true;
    meter?.stop();
    // The hidden preview would go on drawing every camera frame for the whole exam.
    byId('check-preview').srcObject = null;
    try {
        passedDeviceCheck = true;
        applyState(await signaling.invoke('Ready'));
    } catch (error) {
        passedDeviceCheck = false;
        byId('check-preview').srcObject = camera;
        byId('continue').disabled = false;
        say(reasonOf(error));
    }
});
window.addEventListener('pagehide', () => { stopStream(camera); });

(async () => {
    show('device-check');
    try {
        await signaling.start();
        const state = await signaling.invoke('JoinAsStudent');
        clock.sync(state.serverNowUtc);
        if (state.phase === 'over') return finish('The exam has ended.');
        // Flags kept from before a reload go out now.
        reporter.setOnline(true);
    } catch (error) {
        return finish(reasonOf(error));
    }
    await checkDevices();
})();
