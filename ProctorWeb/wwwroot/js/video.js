// Camera, microphone and peer connections.

/** Opens camera and microphone, failing with a named error the page can explain. */
export async function openCameraAndMicrophone(video = { width: { ideal: 640 }, height: { ideal: 480 } }) {
    if (!globalThis.isSecureContext || !navigator.mediaDevices?.getUserMedia) {
        const error = new Error('Camera and microphone need a secure page.');
        error.name = 'InsecureContextError';
        throw error;
    }
    return navigator.mediaDevices.getUserMedia({ video, audio: true });
}

/**
 * A student's exam camera: 640x360 at 15 frames a second is enough to read a face and see hands,
 * and every frame not captured is one the student's computer need not show, check for flags and
 * encode (a proctor's laptop in the benchmark runs 25 students' pages at once).
 */
export const examCamera = { width: { ideal: 640 }, height: { ideal: 360 }, frameRate: { ideal: 15, max: 15 } };

/**
 * Encodings for a student's camera as a proctor receives it: a small grid tile by default
 * (320x180, 10 fps, 120 kbps: a proctor's laptop decodes a whole class of them), the full camera
 * when the proctor enlarges the tile or talks to the student.
 */
export const tileQuality = {
    low: { maxBitrate: 120_000, maxFramerate: 10, scaleResolutionDownBy: 2 },
    high: { maxBitrate: 1_000_000, maxFramerate: 15, scaleResolutionDownBy: 1 },
};

/** What to tell a person whose camera or microphone could not be opened. */
export function describeMediaError(error) {
    switch (error?.name) {
        case 'NotAllowedError':
        case 'SecurityError':
            return 'Camera and microphone access is blocked. Allow it for this site (the camera icon in the address bar), then try again.';
        case 'NotFoundError':
        case 'OverconstrainedError':
            return 'No camera or microphone was found. Plug one in, then try again.';
        case 'NotReadableError':
        case 'AbortError':
            return 'Your camera or microphone is busy or failed to start. Close other apps or tabs that use it, then try again.';
        case 'InsecureContextError':
            return 'Camera and microphone only work on a secure page. Open this site over https (or on localhost), then try again.';
        default:
            return `The camera or microphone could not be opened (${error?.message ?? error}). Check your devices, then try again.`;
    }
}

/** What to tell a person when the TURN relay kept a connection from forming (see createPeer's onRelayProblem). */
export function describeRelayProblem(problem) {
    return problem === 'unreachable'
        ? 'The relay server could not be reached. Ask your administrator to check the TURN settings.'
        : 'The relay server refused the connection. Ask your administrator to check the TURN settings.';
}

/** The page's RTCConfiguration parts from its data attributes (data-ice-servers, data-ice-transport-policy). */
export function peerSettingsOf(element) {
    return {
        iceServers: JSON.parse(element.dataset.iceServers || '[]'),
        iceTransportPolicy: element.dataset.iceTransportPolicy || 'all',
    };
}

/**
 * TURN errors reported by icecandidateerror: 401 and 403 mean the relay refused our credentials or
 * address; 7xx (701 in practice) means the server never answered.
 */
function relayProblemOf(errorCode) {
    if (errorCode === 401 || errorCode === 403) return 'refused';
    if (errorCode >= 700 && errorCode < 800) return 'unreachable';
    return null;
}

/** Stops every track, so the camera light goes off. */
export function stopStream(stream) {
    stream?.getTracks().forEach(track => track.stop());
}

/**
 * A peer connection that follows the perfect-negotiation pattern: either side may (re)negotiate,
 * and when both offer at once the polite side rolls back. Messages go out through `send`, so the
 * transport is the caller's business. Candidates that arrive before the remote description wait.
 */
export function createPeer({ polite, send, iceServers = [], iceTransportPolicy = 'all', onRemoteStream, onTrack, onConnectionState, onRelayProblem }) {
    const pc = new RTCPeerConnection({ iceServers, iceTransportPolicy });
    let makingOffer = false;
    let ignoreOffer = false;
    let settingRemoteAnswer = false;
    let closed = false;
    const earlyCandidates = [];
    // TURN errors seen while gathering, and whether any candidate was gathered at all.
    const relayProblems = new Set();
    let gatheredCandidates = 0;
    let relayProblemReported = false;
    // Messages are handled strictly one after another: a candidate must not overtake its description.
    let inbox = Promise.resolve();

    const sendDescription = () => send({ type: pc.localDescription.type, sdp: pc.localDescription.sdp });

    pc.onnegotiationneeded = async () => {
        try {
            makingOffer = true;
            await pc.setLocalDescription();
            await sendDescription();
        } catch (error) {
            if (!closed) console.warn('Negotiation failed', error);
        } finally {
            makingOffer = false;
        }
    };

    pc.onicecandidate = ({ candidate }) => {
        if (!candidate || closed) return;
        gatheredCandidates++;
        send({
            type: 'candidate',
            candidate: candidate.candidate,
            sdpMid: candidate.sdpMid,
            sdpMLineIndex: candidate.sdpMLineIndex,
            usernameFragment: candidate.usernameFragment,
        }).catch(error => console.warn('Could not send a candidate', error));
    };

    pc.ontrack = ({ track, streams }) => {
        onTrack?.(track, streams);
        onRemoteStream?.(streams[0] ?? new MediaStream([track]));
    };
    // A broken media path gets ICE restarts before anyone is told it failed.
    const maxRestarts = 2;
    let preferredEncoding = null;
    let restarts = 0;
    let disconnectedTimer = 0;
    let repairing = false;
    function restartIce() {
        restarts += 1;
        repairing = true;
        pc.restartIce();
        onConnectionState?.('restarting');
    }
    // A restart on a path that still works changes no state: the new answer is the sign it is repaired.
    function repaired() {
        if (repairing && pc.connectionState === 'connected') {
            repairing = false;
            onConnectionState?.('connected');
        }
    }
    pc.onconnectionstatechange = () => {
        const state = pc.connectionState;
        clearTimeout(disconnectedTimer);
        if (state === 'connected') {
            restarts = 0;
            repairing = false;
            // Encodings given at creation lack the degradation preference until the sender exists.
            if (preferredEncoding) peer.setVideoEncoding(preferredEncoding).catch(() => {});
        }
        if (state === 'failed' && restarts < maxRestarts && relayProblems.size === 0) return restartIce();
        if (state === 'disconnected') {
            // 'disconnected' often heals by itself within a moment; restart only if it does not.
            disconnectedTimer = setTimeout(() => {
                if (!closed && pc.connectionState === 'disconnected' && restarts < maxRestarts) restartIce();
            }, 2000);
        }
        onConnectionState?.(state);
        if (state === 'failed') reportRelayProblem();
    };
    pc.onicecandidateerror = ({ errorCode }) => {
        const problem = relayProblemOf(errorCode);
        if (problem) relayProblems.add(problem);
    };
    // With iceTransportPolicy 'relay' and a refused allocation there is no candidate at all, and Chrome
    // then never reports 'failed' (its ICE state stays 'new'): finished gathering empty-handed is the failure.
    pc.onicegatheringstatechange = () => {
        if (pc.iceGatheringState === 'complete' && gatheredCandidates === 0) reportRelayProblem();
    };

    /** Explains a failed connection once, and only when the relay is what went wrong. */
    function reportRelayProblem() {
        if (closed || relayProblemReported || relayProblems.size === 0) return;
        relayProblemReported = true;
        onRelayProblem?.(relayProblems.has('refused') ? 'refused' : 'unreachable');
    }

    async function handle(message) {
        if (closed) return;
        if (message.type === 'offer' || message.type === 'answer') {
            const readyForOffer = !makingOffer && (pc.signalingState === 'stable' || settingRemoteAnswer);
            const collision = message.type === 'offer' && !readyForOffer;
            ignoreOffer = !polite && collision;
            if (ignoreOffer) return;
            settingRemoteAnswer = message.type === 'answer';
            await pc.setRemoteDescription({ type: message.type, sdp: message.sdp });
            settingRemoteAnswer = false;
            if (message.type === 'answer') repaired();
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

    const peer = {
        receive(message) {
            inbox = inbox.then(() => handle(message)).catch(error => {
                if (!closed) console.warn('Could not apply a signaling message', error);
            });
            return inbox;
        },
        /** Sends a stream; with `videoEncoding`, the video starts at that quality (see tileQuality). */
        addStream(stream, { videoEncoding } = {}) {
            preferredEncoding = videoEncoding ?? preferredEncoding;
            for (const track of stream.getTracks()) {
                if (videoEncoding && track.kind === 'video') {
                    pc.addTransceiver(track, { direction: 'sendrecv', streams: [stream], sendEncodings: [{ ...videoEncoding }] });
                } else {
                    pc.addTrack(track, stream);
                }
            }
        },
        /** Changes the video quality being sent, without renegotiating. */
        async setVideoEncoding(encoding) {
            preferredEncoding = encoding;
            for (const sender of pc.getSenders().filter(s => s.track?.kind === 'video')) {
                const parameters = sender.getParameters();
                if (!parameters.encodings?.length) continue;
                Object.assign(parameters.encodings[0], encoding);
                // A busy computer should send fewer frames rather than a smaller picture: a proctor
                // needs to read a face, and the tile's size is what the proctor asked for.
                parameters.degradationPreference = 'maintain-resolution';
                await sender.setParameters(parameters);
            }
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
        /** Renegotiates the media path from scratch (after a reconnect, or when the network changed). */
        restartIce,
        close() {
            closed = true;
            clearTimeout(disconnectedTimer);
            pc.onnegotiationneeded = pc.onicecandidate = pc.ontrack = pc.onconnectionstatechange = null;
            pc.onicecandidateerror = pc.onicegatheringstatechange = null;
            pc.close();
        },
    };
    return peer;
}
