// The proctor talking privately with one student at a time: the proctor's camera and microphone go
// back on that student's peer connection, and are released when the talk ends.
import { openCameraAndMicrophone, describeMediaError, stopStream } from './video.js';

/** `error` is where a camera that would not open is explained; `onChange(studentId, talking)` hears each start and stop. */
export function createTalkBack({ error, onChange }) {
    let talk = null; // { studentId, peer, stream }

    async function stop() {
        if (!talk) return;
        const { studentId, peer, stream } = talk;
        talk = null;
        peer.stopSendingBack();
        stopStream(stream);
        await onChange(studentId, false);
    }

    return {
        get studentId() { return talk?.studentId; },
        async start(studentId, peer) {
            if (talk) await stop();
            if (!peer) return;
            error.hidden = true;
            let stream;
            try {
                stream = await openCameraAndMicrophone();
            } catch (failure) {
                error.textContent = describeMediaError(failure);
                error.hidden = false;
                return;
            }
            talk = { studentId, peer, stream };
            peer.sendBack(stream);
            onChange(studentId, true);
        },
        stop,
        /** Lets go of the camera at once, as the page goes. */
        release() {
            if (talk) stopStream(talk.stream);
        },
    };
}
