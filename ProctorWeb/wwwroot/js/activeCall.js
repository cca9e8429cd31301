// An accepted one-to-one call on this side: the peer connection to the other person, this side's
// camera and microphone, and the call's section with both videos.
import { openCameraAndMicrophone, describeMediaError, stopStream } from './video.js';
import { createPeer } from './peer.js';
import { describeRelayProblem } from './iceRepair.js';
import { t } from './text.js';

/**
 * Starts the call with `other` ({ id, name }): shows it and opens the camera. `send` relays signaling
 * to the other side; `status` is the page's status line (statusLine.js).
 */
export function startActiveCall({ other, polite, peerSettings, send, status, view }) {
    const { section, title, local, remote, mediaError, mediaErrorText } = view;
    let stream = null;
    let ended = false;
    const connection = createPeer({
        polite,
        ...peerSettings,
        send,
        onRemoteStream: remoteStream => { remote.srcObject = remoteStream; },
        onConnectionState: state => {
            if (state === 'restarting') status.warn(t('The connection to {name} is unstable: trying to repair it…', { name: other.name }));
            else if (state === 'connected') status.withdrawWarning();
            else if (state === 'failed') status.say(t('The connection to {name} failed. Hang up and call again.', { name: other.name }));
        },
        onRelayProblem: problem => status.say(describeRelayProblem(problem)),
    });

    async function openMedia() {
        mediaError.hidden = true;
        try {
            const opened = await openCameraAndMicrophone();
            if (ended) {
                // The call ended while the camera was starting: release it at once.
                stopStream(opened);
                return;
            }
            stream = opened;
            local.srcObject = opened;
            connection.addStream(opened);
        } catch (error) {
            if (ended) return;
            mediaErrorText.textContent = describeMediaError(error);
            mediaError.hidden = false;
        }
    }

    title.textContent = t('In a call with {name}', { name: other.name });
    section.hidden = false;
    openMedia();

    return {
        receive: message => connection.receive(message),
        /** After the server connection came back: the network may have changed meanwhile. */
        restartIce: () => connection.restartIce(),
        retryMedia: openMedia,
        /** Ends this side: every local track stops and the peer connection closes. */
        end() {
            ended = true;
            stopStream(stream);
            connection.close();
            local.srcObject = null;
            remote.srcObject = null;
            section.hidden = true;
            mediaError.hidden = true;
        },
    };
}
