// The student's exam page: device check, waiting room, exam, end. The server decides the phase.
import { createSignaling, reasonOf } from '../signaling.js';
import { stopStream } from '../video.js';
import { peerSettingsOf } from '../peer.js';
import { createExamClock } from '../examClock.js';
import { createFlagReporter } from '../flagReporter.js';
import { startDetectors } from '../flagDetectors.js';
import { createDeviceCheckStep } from '../deviceCheckStep.js';
import { createIdCheckStep, uploadIdPhoto } from '../idCheckStep.js';
import { createScreenShareStep } from '../screenShareStep.js';
import { createProctorLinks } from '../proctorLinks.js';
import { createExamRoomView } from '../examRoomView.js';
import { createEvidence } from '../evidence.js';
import { createProctorContact } from '../proctorContact.js';
import { createChime } from '../chime.js';
import { t, flagLabel } from '../text.js';

const root = document.getElementById('exam-room');
const byId = id => document.getElementById(id);
const view = createExamRoomView(root);
const signaling = createSignaling(root.dataset.hub, { reconnect: true });
const clock = createExamClock();
const flagSettings = JSON.parse(root.dataset.flags);
const reporter = createFlagReporter({
    send: report => signaling.invoke('ReportFlag', report),
    storageKey: `proctorweb.flags.${root.dataset.student}`,
    serverNow: clock.serverNow,
    onRaised: (kind, clientId, atMs) => {
        view.notice(t('Your proctors were notified: {flag}.', { flag: flagLabel(kind) }));
        evidence?.flagRaised(clientId, atMs);
    },
});
const clipSettings = JSON.parse(root.dataset.clips);
// checking → (admission →) waiting → running → over; `finished` once this page has let go of everything.
let phase = 'checking';
let passedDeviceCheck = false;
let finished = false;
let toldNoFullscreen = false;
let detectors = null;
let evidence = null;
// The flag kinds this student is exempt from, as the server last said: detectors restart when they change.
let exempt = null;

const idCheck = createIdCheckStep(byId('id-check'), { upload: uploadIdPhoto });
const screenShare = createScreenShareStep({ check: byId('screen-check'), request: byId('screen-request') }, { required: root.dataset.screenShare === 'required' });
const deviceCheck = createDeviceCheckStep(byId('device-check'), { checks: [idCheck, screenShare] });
const proctors = createProctorLinks({
    peerSettings: peerSettingsOf(root),
    send: (proctorId, message) => signaling.send(proctorId, message),
    talk: { panel: byId('proctor-talk'), heading: byId('proctor-talk-heading'), video: byId('proctor-video') },
    onReachable: ok => detectors?.proctorConnection(ok),
    say: view.say,
});
const chime = createChime();
const contact = createProctorContact(byId('proctor-contact'), {
    raiseHand: raised => signaling.invoke('RaiseHand', raised),
    write: text => signaling.invoke('WriteToProctors', text),
    onWritten: text => view.addMessage({ text, fromStudent: true }),
    chime,
});
screenShare.onChange(track => {
    proctors.shareScreen(track);
    detectors?.screenShared(Boolean(track));
    evidence?.screen(track);
});

function applyState(state) {
    if (finished) return;
    clock.sync(state.serverNowUtc);
    phase = state.phase;
    contact.showHand(Boolean(state.handRaised));
    if (phase === 'over') return finish(t('The exam has ended. Your camera and microphone are off. You can close this page.'));
    // Before the waiting room shows: an exempt student is never asked for fullscreen.
    view.fullscreenExempt((state.exempt ?? []).includes('fullscreen-exited'));
    // From the waiting room on, the proctors see the student: before the start, and while a proctor decides on admission.
    const camera = deviceCheck.camera;
    for (const proctorId of state.proctors) proctors.connect(proctorId, camera);
    // From when the proctors see the student, the last seconds of it are kept in memory, for flags and keep requests.
    if (!evidence) {
        evidence = createEvidence({
            settings: clipSettings, serverNow: clock.serverNow, flagStored: clientId => reporter.stored(clientId),
            token: root.querySelector('input[name="__RequestVerificationToken"]').value,
        });
        evidence.camera(camera);
        evidence.screen(screenShare.track);
    }
    if (phase === 'admission') {
        view.show('admission-room');
        view.say(t('Waiting for a proctor to admit you.'));
        return;
    }
    if (phase === 'waiting') {
        view.show('waiting-room');
        clock.countDown(byId('starts-in'), state.startsAtUtc);
        view.say(t('You are in the waiting room.'));
        return;
    }
    const exemptNow = [...(state.exempt ?? [])].sort().join(' ');
    if (detectors && exempt !== exemptNow) {
        detectors.stop();
        detectors = null;
    }
    exempt = exemptNow;
    view.showExam(camera, state.extraMinutes);
    view.say(t('The exam has started.'));
    // The student's own end, extra minutes included: the server's clock decides it, this only counts down.
    // "10 minutes left" and "5 minutes left" are read out to screen readers once each.
    clock.countDown(byId('ends-in'), state.endsAtUtc, { milestones: true });
    detectors ??= startDetectors({
        exempt: state.exempt ?? [],
        stream: camera, preview: view.selfView, settings: flagSettings,
        requireFullscreen: view.requireFullscreen, reporter, toServerTime: clock.toServerTime,
        faceChecks: root.dataset.faceChecks === 'on',
        // The face photo the student just took and sent: whoever sits the exam is compared with it.
        referenceFace: idCheck.facePhoto,
        // The proctors learn that this student's face is not being checked; the student carries on.
        onFaceChecksUnavailable: (problem, reason) => {
            console.warn(`Face checks stopped: ${reason}`);
            signaling.invoke('FaceChecksUnavailable', problem).catch(() => {});
        },
    });
    if (screenShare.required) detectors.screenShared(Boolean(screenShare.track));
    // Once per page: the proctors see that leaving fullscreen cannot be flagged on this device.
    if (view.fullscreenUnavailable && !toldNoFullscreen) {
        toldNoFullscreen = true;
        signaling.invoke('FullscreenUnavailable').catch(() => { toldNoFullscreen = false; });
    }
}

/** Ends the exam on this page: every track stops, every peer closes, the hub disconnects. */
function finish(text, heading) {
    if (finished) return;
    finished = true;
    clock.stop();
    detectors?.stop();
    // Clips already claimed are still sent (within the grace after the exam); nothing more is recorded.
    evidence?.stop();
    proctors.stop();
    deviceCheck.stop();
    contact.hide();
    chime.close();
    view.showOver(text, heading);
    signaling.stop();
}

signaling.on('PhaseChanged', applyState);
signaling.on('ProctorJoined', proctorId => { if (['admission', 'waiting', 'running'].includes(phase)) proctors.connect(proctorId, deviceCheck.camera); });
signaling.on('ProctorLeft', proctorId => proctors.disconnect(proctorId));
signaling.on('Signal', (from, message) => proctors.receive(from, message));
signaling.on('QualityRequested', (proctorId, level) => proctors.setQuality(proctorId, level));
signaling.on('ProctorTalking', (proctorId, name, talking) => {
    proctors.showTalking(proctorId, name, talking);
    contact.talking(name, talking);
});
signaling.on('Message', message => {
    view.addMessage(message);
    contact.proctorMessage(message);
});
signaling.on('HandLowered', () => contact.handLowered());
signaling.on('KeepClip', (requestId, atUtc) => evidence?.keepRequested(requestId, atUtc));
signaling.on('Dismissed', reason => finish(reason));
signaling.on('SessionReplaced', () => finish(
    t('You opened your link in another tab, window or device, and the exam carries on there. This tab has stopped, and its camera and microphone are off.'),
    t('This exam goes on in your other tab')));
signaling.onReconnecting(() => {
    detectors?.serverConnection(false);
    reporter.setOnline(false);
    view.say(t('Connection to the server lost. Reconnecting…'));
});
signaling.onReconnected(async () => {
    // The server saw this tab leave: join again as a new connection, with fresh peer connections.
    proctors.disconnectAll();
    try {
        const state = await signaling.invoke('JoinAsStudent');
        await reporter.setOnline(true);
        detectors?.serverConnection(true);
        if (passedDeviceCheck) applyState(await signaling.invoke('Ready'));
        else {
            clock.sync(state.serverNowUtc);
            contact.showHand(Boolean(state.handRaised));
        }
        view.say(t('Reconnected.'));
    } catch (error) {
        finish(reasonOf(error));
    }
});
signaling.onClose(() => {
    // Reconnecting gave up: without a server nobody watches, so the camera goes off.
    if (!finished) finish(t('Lost the connection to the server. Reload the page to rejoin the exam.'));
});

byId('continue').addEventListener('click', async () => {
    deviceCheck.leave();
    try {
        passedDeviceCheck = true;
        applyState(await signaling.invoke('Ready'));
    } catch (error) {
        passedDeviceCheck = false;
        deviceCheck.back();
        view.say(reasonOf(error));
    }
});
window.addEventListener('pagehide', () => { evidence?.stop(); stopStream(deviceCheck.camera); screenShare.stop(); });

(async () => {
    view.show('device-check');
    try {
        await signaling.start();
        const state = await signaling.invoke('JoinAsStudent');
        clock.sync(state.serverNowUtc);
        if (state.phase === 'over') return finish(t('The exam has ended.'));
        // From here the proctors see this student's tile, so they can be asked for help even during the device check.
        contact.showHand(Boolean(state.handRaised));
        contact.show();
        // Flags kept from before a reload go out now.
        reporter.setOnline(true);
    } catch (error) {
        return finish(reasonOf(error));
    }
    await deviceCheck.run();
})();
