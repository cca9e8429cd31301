// The student's side of the proctors' peers: the camera (and the shared screen, when the exam requires
// one) goes to every proctor watching, small until a proctor asks for more, and a proctor who talks
// to the student is shown and heard.
import { createPeer } from './peer.js';
import { createPeerSet } from './peerSet.js';
import { describeRelayProblem } from './iceRepair.js';
import { tileQuality, screenQuality } from './senderEncodings.js';
import { t } from './text.js';

/**
 * `send(proctorId, message)` relays signaling; `onReachable(ok)` hears whether every proctor's
 * connection is up; `say(text)` explains a relay problem to the student.
 */
export function createProctorLinks({ peerSettings, send, talk: { panel, heading, video }, onReachable, say }) {
    // What each proctor who talks to the student sends back, by the proctor's connection id.
    const talkStreams = new Map();
    // The screen's sender on each proctor's connection, by the proctor's connection id.
    const screenSenders = new Map();
    // The shared screen's track: undefined while no screen was ever shared (the exam needs none),
    // null while the student has stopped sharing.
    let screen;
    // One peer connection per proctor watching, keyed by the proctor's connection id; the student offers.
    const peers = createPeerSet(proctorId => createPeer({
        polite: false,
        ...peerSettings,
        send: message => send(proctorId, message),
        onTrack: track => showTrack(proctorId, track),
        onConnectionState: () => onReachable(reachable()),
        onRelayProblem: problem => say(t('Your proctors cannot see you. {problem}', { problem: describeRelayProblem(problem) })),
    }), {
        onClose: proctorId => {
            talkStreams.delete(proctorId);
            screenSenders.delete(proctorId);
        },
    });

    function reachable() {
        return [...peers.values()].every(peer => !['disconnected', 'failed'].includes(peer.connectionState));
    }

    function showTrack(proctorId, track) {
        const stream = talkStreams.get(proctorId) ?? new MediaStream();
        talkStreams.set(proctorId, stream);
        if (!stream.getTracks().includes(track)) stream.addTrack(track);
        video.srcObject = stream;
    }

    return {
        connect(proctorId, camera) {
            if (peers.has(proctorId) || !camera) return;
            const peer = peers.open(proctorId);
            peer.addStream(camera, { videoEncoding: tileQuality.low });
            // After the camera, in the same offer: the proctor's page knows the screen by this order
            // (see screenShare.js). A stopped share still gets its place, for the track to come.
            if (screen !== undefined) screenSenders.set(proctorId, peer.addOneWayVideo(screen, screenQuality.low));
        },
        /** The screen's new track (null when sharing stopped) goes to every proctor, on the same connections. */
        shareScreen(track) {
            screen = track;
            for (const [proctorId, sender] of screenSenders) {
                sender.replaceTrack(track).catch(error => console.warn(`Could not send the screen to ${proctorId}`, error));
            }
        },
        disconnect: proctorId => peers.close(proctorId),
        disconnectAll: () => peers.closeAll(),
        receive: (proctorId, message) => peers.get(proctorId)?.receive(message),
        /** `level` is 'low', 'high' or 'paused' for the camera, 'screen-low', 'screen-high' or 'screen-paused' for the screen. */
        setQuality(proctorId, level) {
            const [, forScreen, size] = /^(screen-)?(.*)$/.exec(level);
            const changing = forScreen
                ? screenSenders.get(proctorId)?.setEncoding(qualityOf(screenQuality, size))
                : peers.get(proctorId)?.setVideoEncoding(qualityOf(tileQuality, size));
            changing?.catch(error => console.warn('Could not change quality', error));
        },
        showTalking(proctorId, name, talking) {
            heading.textContent = t('{name} is talking with you', { name });
            panel.hidden = !talking;
            if (!talking) video.srcObject = null;
            else if (talkStreams.has(proctorId)) video.srcObject = talkStreams.get(proctorId);
        },
        /** Closes every peer and hides the proctor who was talking. */
        stop() {
            peers.closeAll();
            video.srcObject = null;
            panel.hidden = true;
        },
    };
}

const qualityOf = (qualities, size) => (Object.hasOwn(qualities, size) ? qualities[size] : qualities.low);
