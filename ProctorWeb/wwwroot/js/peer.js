// One peer connection with perfect negotiation (as webrtc/samples' peer.js): either side may
// (re)negotiate, and when both offer at once the polite side rolls back. Messages go out through
// an injected `send`, so the transport is the caller's business.
import { watchIceRepair } from './iceRepair.js';
import { createSenderEncodings } from './senderEncodings.js';

/** The page's RTCConfiguration parts from its data attributes (data-ice-servers, data-ice-transport-policy). */
export function peerSettingsOf(element) {
    return {
        iceServers: JSON.parse(element.dataset.iceServers || '[]'),
        iceTransportPolicy: element.dataset.iceTransportPolicy || 'all',
    };
}

/**
 * A peer connection to one remote party. Candidates that arrive before the remote description wait.
 * `onConnectionState` and `onRelayProblem` come from ICE repair (see iceRepair.js). `onTrack` and
 * `onRemoteStream` hear, with each video, its `videoIndex`: its place among the other side's videos in
 * m-line order (0 for the first), which stays the same for the life of the connection.
 */
export function createPeer({ polite, send, iceServers = [], iceTransportPolicy = 'all', onRemoteStream, onTrack, onConnectionState, onRelayProblem }) {
    const pc = new RTCPeerConnection({ iceServers, iceTransportPolicy });
    const lifetime = new AbortController();
    const { signal } = lifetime;
    const ice = watchIceRepair(pc, { onConnectionState, onRelayProblem, signal });
    const encodings = createSenderEncodings(pc, { signal });
    const on = (event, handler) => pc.addEventListener(event, handler, { signal });
    let makingOffer = false;
    let ignoreOffer = false;
    let settingRemoteAnswer = false;
    let cameraSender = null;
    const earlyCandidates = [];
    // Messages are handled strictly one after another: a candidate must not overtake its description.
    let inbox = Promise.resolve();

    const sendDescription = () => send({ type: pc.localDescription.type, sdp: pc.localDescription.sdp });

    on('negotiationneeded', async () => {
        try {
            makingOffer = true;
            await pc.setLocalDescription();
            await sendDescription();
        } catch (error) {
            if (!signal.aborted) console.warn('Negotiation failed', error);
        } finally {
            makingOffer = false;
        }
    });

    on('icecandidate', ({ candidate }) => {
        if (!candidate) return;
        send({
            type: 'candidate',
            candidate: candidate.candidate,
            sdpMid: candidate.sdpMid,
            sdpMLineIndex: candidate.sdpMLineIndex,
            usernameFragment: candidate.usernameFragment,
        }).catch(error => console.warn('Could not send a candidate', error));
    });

    on('track', ({ track, streams, transceiver }) => {
        // Transceivers the remote description made are listed in m-line order.
        const videoIndex = track.kind === 'video' ? pc.getTransceivers().filter(t => t.receiver.track.kind === 'video').indexOf(transceiver) : 0;
        onTrack?.(track, videoIndex);
        onRemoteStream?.(streams[0] ?? new MediaStream([track]), videoIndex);
    });

    async function handle(message) {
        if (signal.aborted) return;
        if (message.type === 'offer' || message.type === 'answer') {
            const readyForOffer = !makingOffer && (pc.signalingState === 'stable' || settingRemoteAnswer);
            const collision = message.type === 'offer' && !readyForOffer;
            ignoreOffer = !polite && collision;
            if (ignoreOffer) return;
            settingRemoteAnswer = message.type === 'answer';
            await pc.setRemoteDescription({ type: message.type, sdp: message.sdp });
            settingRemoteAnswer = false;
            if (message.type === 'answer') ice.answered();
            while (earlyCandidates.length) await addCandidate(earlyCandidates.shift());
            if (message.type === 'offer') {
                await pc.setLocalDescription();
                await sendDescription();
            }
        } else if (message.type === 'candidate') {
            const candidate = {
                candidate: message.candidate,
                sdpMid: message.sdpMid,
                sdpMLineIndex: message.sdpMLineIndex,
                usernameFragment: message.usernameFragment,
            };
            if (!pc.remoteDescription) earlyCandidates.push(candidate);
            else await addCandidate(candidate);
        }
    }

    async function addCandidate(candidate) {
        try {
            await pc.addIceCandidate(candidate);
        } catch (error) {
            // Candidates of an offer we ignored in a collision are expected to fail.
            if (!ignoreOffer) throw error;
        }
    }

    return {
        receive(message) {
            inbox = inbox.then(() => handle(message)).catch(error => {
                if (!signal.aborted) console.warn('Could not apply a signaling message', error);
            });
            return inbox;
        },
        /** Sends a stream; with `videoEncoding`, the video starts at that quality (see tileQuality). */
        addStream(stream, { videoEncoding } = {}) {
            for (const track of stream.getTracks()) {
                if (videoEncoding && track.kind === 'video') cameraSender = encodings.addVideo(track, videoEncoding, { streams: [stream] });
                else pc.addTrack(track, stream);
            }
        },
        /** Changes the quality of the stream's video being sent, without renegotiating. */
        setVideoEncoding: async encoding => { if (cameraSender) await encodings.set(cameraSender, encoding); },
        /**
         * Sends one more video, one way only, after those already added (a student's shared screen);
         * `track` may be null until there is one. Its track and quality change without renegotiating.
         */
        addOneWayVideo(track, encoding) {
            const sender = encodings.addVideo(track, encoding, { direction: 'sendonly' });
            return {
                replaceTrack: next => sender.replaceTrack(next),
                setEncoding: next => encodings.set(sender, next),
            };
        },
        /** Answers on the transceivers the other side opened (a proctor talking back to a student). */
        sendBack(stream) {
            for (const track of stream.getTracks()) {
                const transceiver = pc.getTransceivers().find(t => t.receiver.track.kind === track.kind && !t.sender.track && !t.stopped);
                if (!transceiver) continue;
                transceiver.sender.replaceTrack(track);
                transceiver.sender.setStreams?.(stream);
                transceiver.direction = 'sendrecv';
            }
        },
        stopSendingBack() {
            for (const transceiver of pc.getTransceivers().filter(t => t.sender.track && !t.stopped)) {
                transceiver.sender.replaceTrack(null);
                transceiver.direction = 'recvonly';
            }
        },
        get connectionState() { return pc.connectionState; },
        restartIce: ice.restartIce,
        close() {
            lifetime.abort();
            pc.close();
        },
    };
}
