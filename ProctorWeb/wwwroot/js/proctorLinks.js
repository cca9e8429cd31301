// The student's side of the proctors' peers: the camera goes to every proctor watching, as a small
// tile until a proctor asks for more, and a proctor who talks to the student is shown and heard.
import { createPeer } from './peer.js';
import { createPeerSet } from './peerSet.js';
import { describeRelayProblem } from './iceRepair.js';
import { tileQuality } from './senderEncodings.js';

/**
 * `send(proctorId, message)` relays signaling; `onReachable(ok)` hears whether every proctor's
 * connection is up; `say(text)` explains a relay problem to the student.
 */
export function createProctorLinks({ peerSettings, send, talk: { panel, heading, video }, onReachable, say }) {
    // What each proctor who talks to the student sends back, by the proctor's connection id.
    const talkStreams = new Map();
    // One peer connection per proctor watching, keyed by the proctor's connection id; the student offers.
    const peers = createPeerSet(proctorId => createPeer({
        polite: false,
        ...peerSettings,
        send: message => send(proctorId, message),
        onTrack: track => showTrack(proctorId, track),
        onConnectionState: () => onReachable(reachable()),
        onRelayProblem: problem => say(`Your proctors cannot see you. ${describeRelayProblem(problem)}`),
    }), { onClose: proctorId => talkStreams.delete(proctorId) });

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
            peers.open(proctorId).addStream(camera, { videoEncoding: tileQuality.low });
        },
        disconnect: proctorId => peers.close(proctorId),
        disconnectAll: () => peers.closeAll(),
        receive: (proctorId, message) => peers.get(proctorId)?.receive(message),
        setQuality(proctorId, level) {
            peers.get(proctorId)?.setVideoEncoding(tileQuality[level] ?? tileQuality.low).catch(error => console.warn('Could not change quality', error));
        },
        showTalking(proctorId, name, talking) {
            heading.textContent = `${name} is talking with you`;
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
