// The proctor's monitor: a live tile per student, enlarge, talk privately, messages.
import { createSignaling, reasonOf } from '../signaling.js';
import { createRosterGrid, onCamera } from '../rosterGrid.js';
import { createPeer, peerSettingsOf } from '../peer.js';
import { createPeerSet } from '../peerSet.js';
import { describeRelayProblem } from '../iceRepair.js';
import { createExamClock } from '../examClock.js';
import { createTalkBack } from '../talkBack.js';
import { createMessageForm } from '../messageForm.js';
import { screenVideoIndex } from '../screenShare.js';
import { watchTileViewing } from '../tileViewing.js';
import { createChime } from '../chime.js';
import { announce } from '../announcer.js';
import { t, flagLabel } from '../text.js';

const root = document.getElementById('monitor');
const byId = id => document.getElementById(id);
const examId = Number(root.dataset.exam);
const peerSettings = peerSettingsOf(root);
const signaling = createSignaling(root.dataset.hub, { reconnect: true });
const clock = createExamClock();
// Every flag of the exam, by id; tiles show them grouped by kind.
const flags = new Map();

// The status line is itself a polite live region: what it says is read out, so it is not announced again.
const say = text => { byId('monitor-status').textContent = text; };
const nameOf = id => grid.students().find(s => s.id === id)?.name;
// A raised hand or a student's message chimes unless the proctor turned it off (remembered on this browser).
const soundSetting = byId('contact-sound');
soundSetting.checked = localStorage.getItem('proctorweb.contactSound') !== 'off';
soundSetting.addEventListener('change', () => localStorage.setItem('proctorweb.contactSound', soundSetting.checked ? 'on' : 'off'));
const chime = createChime({ enabled: () => soundSetting.checked });
const messages = createMessageForm(byId('message-form'), {
    send: (to, text) => (to ? signaling.invoke('SendMessage', to, text) : signaling.invoke('Announce', text)),
    say,
});
const screenShare = root.dataset.screenShare === 'required';
// A tile out of view asks its student to pause that video to this proctor; back in view, to send it again.
const viewing = watchTileViewing({ onChange: id => askForViewing(id) });
const grid = createRosterGrid(byId('grid'), {
    screenShare,
    viewing,
    onEnlarge: (id, enlarged, screen) => (screen ? setScreenQuality(id, enlarged) : setQuality(id, enlarged)),
    onTalk: (id, start) => (start ? talk.start(id, peers.get(id)) : talk.stop()),
    onKeep: id => keepClip(id),
    timelineUrl: id => `/Exams/${examId}/Students/${id}`,
    photoUrl: (id, kind) => `/Exams/${examId}/Students/${id}?handler=Photo&kind=${kind}`,
    onAdmit: id => signaling.invoke('Admit', String(id)).catch(error => say(reasonOf(error))),
    onReject: (id, reason) => signaling.invoke('Reject', String(id), reason).catch(error => say(reasonOf(error))),
    onReply: id => messages.replyTo(id),
    onLowerHand: id => signaling.invoke('LowerHand', String(id)).catch(error => say(reasonOf(error))),
    onHand: (student, raised) => {
        if (raised) {
            say(t('{name} raised a hand.', { name: student.name }));
            chime.play();
        }
        grid.sort(byId('flagged-first').checked);
    },
    onChange: () => {
        const { joined, expected } = grid.counts();
        byId('joined-count').textContent = t('Joined {joined} / {expected}', { joined, expected });
        messages.setRecipients(grid.students());
    },
});
// One peer connection per student on camera, keyed by roster id; students offer, the monitor answers.
const peers = createPeerSet(studentId => {
    const peer = createPeer({
        polite: true,
        ...peerSettings,
        send: message => signaling.send(String(studentId), message),
        onRemoteStream: (stream, videoIndex) => (videoIndex === screenVideoIndex ? grid.showScreen(studentId, stream) : grid.showStream(studentId, stream)),
        onRelayProblem: problem => say(t('{name}: {problem}', { name: nameOf(studentId) ?? t('A student'), problem: describeRelayProblem(problem) })),
    });
    // A student's new peer sends at the tile's size; one whose tile is out of view pauses at once (the peer is in the set by then).
    if (viewing.isOutOfView(studentId)) queueMicrotask(() => askForViewing(studentId));
    return peer;
}, { onClose: studentId => { if (talk.studentId === studentId) talk.stop(); } });
const talk = createTalkBack({
    error: byId('talk-error'),
    onChange: (studentId, talking) => {
        grid.setTalking(studentId, talking);
        const name = nameOf(studentId) ?? t('the student');
        announce(talking ? t('Talking to {name}', { name }) : t('Stopped talking to {name}', { name }));
        setQuality(studentId, talking || grid.isEnlarged(studentId));
        const refused = talking ? error => say(reasonOf(error)) : error => console.info(reasonOf(error));
        return signaling.invoke('Talk', String(studentId), talking).catch(refused);
    },
});

function showFlags(studentIds) {
    for (const id of studentIds) grid.setFlags(id, [...flags.values()].filter(f => f.studentId === id));
    grid.sort(byId('flagged-first').checked);
}

async function keepClip(id) {
    const name = nameOf(id) ?? t('the student');
    try {
        await signaling.invoke('KeepClip', String(id));
        say(t('Keeping a clip of {name} around now. It appears on their timeline once their page has sent it.', { name }));
    } catch (error) {
        say(t('Could not keep a clip of {name}: {reason}', { name, reason: reasonOf(error) }));
    }
}

// An enlarged tile or the student being talked to is never paused.
function setQuality(id, high) {
    requestQuality(id, high || talk.studentId === id ? 'high' : viewing.isOutOfView(id) ? 'paused' : 'low');
}

function setScreenQuality(id, high) {
    requestQuality(id, high ? 'screen-high' : viewing.isOutOfView(id) ? 'screen-paused' : 'screen-low');
}

/** The quality that the tile's being in view or not asks for, camera and screen. */
function askForViewing(id) {
    setQuality(id, grid.isEnlarged(id));
    if (screenShare) setScreenQuality(id, grid.isScreenEnlarged(id));
}

function requestQuality(id, level) {
    if (!peers.has(id)) return;
    signaling.invoke('SetQuality', String(id), level).catch(error => console.info(reasonOf(error)));
}

// Ending and messages reach nobody once the exam is over for its last student: the page stops offering them and
// says what is left to do. New times (extra minutes given after the end) may open it again.
function showOver(over = true) {
    byId('exam-over').hidden = !over;
    root.querySelector('.end-exam').hidden = over;
    byId('message-form').hidden = over;
}

function countDown(times) {
    showOver(false);
    clock.countDownExam(byId('exam-clock'), times, showOver);
}

async function watch() {
    const snapshot = await signaling.invoke('Watch', examId);
    clock.sync(snapshot.serverNowUtc);
    countDown(snapshot);
    grid.render(snapshot.students);
    for (const flag of snapshot.flags) flags.set(flag.id, flag);
    showFlags(snapshot.students.map(s => s.id));
    // What students wrote before this monitor opened (or while it was reconnecting).
    messages.showStudentMessages(snapshot.studentMessages);
    for (const message of snapshot.studentMessages) grid.showMessage(message.studentId, message.text);
}

signaling.on('StudentChanged', student => {
    if (!onCamera(student.status)) peers.close(student.id);
    if (student.status === 'removed') grid.remove(student.id);
    else grid.update(student);
});
signaling.on('Signal', (from, message) => peers.open(Number(from)).receive(message));
signaling.on('TimesChanged', times => {
    clock.sync(times.serverNowUtc);
    countDown(times);
});
signaling.on('AccommodationChanged', (studentId, accommodation) => grid.setAccommodation(studentId, accommodation));
signaling.on('IdPhotoTaken', (studentId, kind) => grid.photoTaken(studentId, kind));
signaling.on('StudentWrote', message => {
    grid.showMessage(message.studentId, message.text);
    messages.addStudentMessage(message);
    say(t('{name} wrote: {text}', { name: message.name, text: message.text }));
    chime.play();
});
signaling.on('FlagChanged', flag => {
    // A new flag is read out ("Ada Lovelace: Left the exam page") in this proctor's language; its end or review is not.
    if (!flags.has(flag.id)) announce(t('{name}: {flag}', { name: nameOf(flag.studentId) ?? t('A student'), flag: flagLabel(flag.kind) }));
    flags.set(flag.id, flag);
    showFlags([flag.studentId]);
});
signaling.onReconnecting(() => {
    talk.stop();
    say(t('Connection to the server lost. Reconnecting…'));
});
signaling.onReconnected(async () => {
    // Students were told this monitor left; watching again brings fresh offers from every live student.
    peers.closeAll();
    try {
        await watch();
        say(t('Reconnected.'));
    } catch (error) {
        say(t('Could not watch the exam again: {reason}. Reload the page.', { reason: reasonOf(error) }));
    }
});
signaling.onClose(() => {
    talk.stop();
    say(t('Lost the connection to the server. Reload the page to reconnect.'));
});

byId('flagged-first').addEventListener('change', () => grid.sort(byId('flagged-first').checked));
window.addEventListener('pagehide', () => talk.release());

(async () => {
    try {
        await signaling.start();
        await watch();
    } catch (error) {
        say(t('Could not open the monitor: {reason}', { reason: reasonOf(error) }));
    }
})();
