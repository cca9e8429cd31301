// The proctor's monitor: a live tile per student, enlarge, talk privately, messages.
import { createSignaling, reasonOf } from '../signaling.js';
import { createRosterGrid } from '../rosterGrid.js';
import { openCameraAndMicrophone, describeMediaError, stopStream } from '../video.js';
import { createPeer, peerSettingsOf } from '../peer.js';
import { createPeerSet } from '../peerSet.js';
import { describeRelayProblem } from '../iceRepair.js';
import { createExamClock } from '../examClock.js';

const root = document.getElementById('monitor');
const byId = id => document.getElementById(id);
const examId = Number(root.dataset.exam);
const peerSettings = peerSettingsOf(root);
const signaling = createSignaling(root.dataset.hub, { reconnect: true });
const clock = createExamClock();
// Every flag of the exam, by id; tiles show them grouped by kind.
const flags = new Map();
let talk = null; // { studentId, stream }

const grid = createRosterGrid(byId('grid'), {
    onEnlarge: (id, enlarged) => setQuality(id, enlarged),
    onTalk: (id, start) => (start ? startTalking(id) : stopTalking()),
    timelineUrl: id => `/Exams/${examId}/Students/${id}`,
    onChange: () => {
        const { joined, expected } = grid.counts();
        byId('joined-count').textContent = `Joined ${joined} / ${expected}`;
        refreshRecipients();
    },
});

// One peer connection per live student, keyed by roster id; students offer, the monitor answers.
const peers = createPeerSet(studentId => createPeer({
    polite: true,
    ...peerSettings,
    send: message => signaling.send(String(studentId), message),
    onRemoteStream: stream => grid.showStream(studentId, stream),
    onRelayProblem: problem => say(`${grid.students().find(s => s.id === studentId)?.name ?? 'A student'}: ${describeRelayProblem(problem)}`),
}), { onClose: studentId => { if (talk?.studentId === studentId) stopTalking(); } });

function say(text) {
    byId('monitor-status').textContent = text;
}

function showFlags(studentIds) {
    for (const id of studentIds) grid.setFlags(id, [...flags.values()].filter(f => f.studentId === id));
    grid.sort(byId('flagged-first').checked);
}

function setQuality(id, high) {
    if (!peers.has(id)) return;
    const level = high || talk?.studentId === id ? 'high' : 'low';
    signaling.invoke('SetQuality', String(id), level).catch(error => console.info(reasonOf(error)));
}

async function startTalking(studentId) {
    if (talk) await stopTalking();
    const peer = peers.get(studentId);
    if (!peer) return;
    byId('talk-error').hidden = true;
    let stream;
    try {
        stream = await openCameraAndMicrophone();
    } catch (error) {
        byId('talk-error').textContent = describeMediaError(error);
        byId('talk-error').hidden = false;
        return;
    }
    talk = { studentId, stream };
    peer.sendBack(stream);
    grid.setTalking(studentId, true);
    setQuality(studentId, true);
    signaling.invoke('Talk', String(studentId), true).catch(error => say(reasonOf(error)));
}

async function stopTalking() {
    if (!talk) return;
    const { studentId, stream } = talk;
    talk = null;
    peers.get(studentId)?.stopSendingBack();
    stopStream(stream);
    grid.setTalking(studentId, false);
    setQuality(studentId, grid.isEnlarged(studentId));
    await signaling.invoke('Talk', String(studentId), false).catch(error => console.info(reasonOf(error)));
}

function refreshRecipients() {
    const select = byId('message-to');
    const chosen = select.value;
    const options = [new Option('Everyone (announcement)', '')];
    for (const student of grid.students().filter(s => s.status === 'live')) options.push(new Option(student.name, String(student.id)));
    select.replaceChildren(...options);
    select.value = options.some(o => o.value === chosen) ? chosen : '';
}

signaling.on('StudentChanged', student => {
    if (student.status === 'removed') {
        peers.close(student.id);
        grid.remove(student.id);
        return;
    }
    if (student.status !== 'live') peers.close(student.id);
    grid.update(student);
});
signaling.on('Signal', (from, message) => peers.open(Number(from)).receive(message));
signaling.on('FlagChanged', flag => {
    flags.set(flag.id, flag);
    showFlags([flag.studentId]);
});
byId('flagged-first').addEventListener('change', () => grid.sort(byId('flagged-first').checked));
signaling.onReconnecting(() => {
    stopTalking();
    say('Connection to the server lost. Reconnecting…');
});
signaling.onReconnected(async () => {
    // Students were told this monitor left; watching again brings fresh offers from every live student.
    peers.closeAll();
    try {
        await watch();
        say('Reconnected.');
    } catch (error) {
        say(`Could not watch the exam again: ${reasonOf(error)}. Reload the page.`);
    }
});
signaling.onClose(() => {
    stopTalking();
    say('Lost the connection to the server. Reload the page to reconnect.');
});

byId('message-form').addEventListener('submit', async event => {
    event.preventDefault();
    const to = byId('message-to').value;
    const text = byId('message-text').value.trim();
    if (!text) return;
    try {
        await (to ? signaling.invoke('SendMessage', to, text) : signaling.invoke('Announce', text));
        byId('message-text').value = '';
        say(to ? 'Message sent.' : 'Announcement sent to every student.');
    } catch (error) {
        say(reasonOf(error));
    }
});
window.addEventListener('pagehide', () => { if (talk) stopStream(talk.stream); });

async function watch() {
    const snapshot = await signaling.invoke('Watch', examId);
    clock.sync(snapshot.serverNowUtc);
    clock.countDown(byId('exam-clock'), snapshot.endsAtUtc);
    grid.render(snapshot.students);
    for (const flag of snapshot.flags) flags.set(flag.id, flag);
    showFlags(snapshot.students.map(s => s.id));
}

(async () => {
    try {
        await signaling.start();
        await watch();
    } catch (error) {
        say(`Could not open the monitor: ${reasonOf(error)}`);
    }
})();
