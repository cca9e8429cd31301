// The device check's measurements: the microphone's level on a meter, and video across a local connection.
import { measureAudioLevel } from './audioLevel.js';

/** Shows the microphone's level in a <meter>, and resolves `heard` once sound passes the threshold. */
export function startMicrophoneMeter(stream, meter, { threshold = 0.02 } = {}) {
    const level = measureAudioLevel(stream.getAudioTracks()[0]);
    let frame = 0;
    let resolveHeard;
    const heard = new Promise(resolve => { resolveHeard = resolve; });

    const measure = () => {
        const rms = level.read();
        meter.value = Math.min(1, rms * 4);
        if (rms > threshold) resolveHeard(true);
        frame = requestAnimationFrame(measure);
    };
    measure();

    return {
        heard: timeoutMs => Promise.race([heard, new Promise(resolve => setTimeout(() => resolve(false), timeoutMs))]),
        stop() {
            cancelAnimationFrame(frame);
            level.stop();
            meter.value = 0;
        },
    };
}

/**
 * Sends the camera from one peer connection to another inside this page, as the classic
 * two-peer-connection demo does: it proves that WebRTC and video decoding work here.
 */
export async function runConnectionSelfTest(stream, { timeoutMs = 10_000 } = {}) {
    const sender = new RTCPeerConnection();
    const receiver = new RTCPeerConnection();
    const track = stream.getVideoTracks()[0].clone();
    try {
        sender.onicecandidate = ({ candidate }) => candidate && receiver.addIceCandidate(candidate).catch(() => {});
        receiver.onicecandidate = ({ candidate }) => candidate && sender.addIceCandidate(candidate).catch(() => {});
        sender.addTrack(track);
        await sender.setLocalDescription();
        await receiver.setRemoteDescription(sender.localDescription);
        await receiver.setLocalDescription();
        await sender.setRemoteDescription(receiver.localDescription);
        const deadline = performance.now() + timeoutMs;
        while (performance.now() < deadline) {
            let decoded = 0;
            (await receiver.getStats()).forEach(r => { if (r.type === 'inbound-rtp' && r.kind === 'video') decoded = r.framesDecoded ?? 0; });
            if (decoded > 0) return true;
            await new Promise(resolve => setTimeout(resolve, 200));
        }
        return false;
    } finally {
        track.stop();
        sender.close();
        receiver.close();
    }
}
