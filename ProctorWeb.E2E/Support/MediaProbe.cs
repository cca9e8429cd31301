namespace ProctorWeb.E2E.Support;

/// <summary>
/// Test-side instrumentation added to every page before its scripts run: it remembers every
/// peer connection and every camera stream the page creates, so a test can read their stats
/// and states without the app exposing anything.
/// </summary>
public static class MediaProbe
{
    /// <remarks>
    /// Every track a page copies is kept in <c>__probe.clones</c>; every tone a page starts is counted in <c>__probe.tones</c>.
    /// Screen sharing: <c>__probe.screens</c> keeps every shared screen's stream; a test may queue answers for the
    /// next requests in <c>__probe.screenAnswers</c>: an error name ("NotAllowedError") fails that request as the
    /// browser would, a surface ("window", "browser") makes the real fake screen report that surface, since
    /// Chromium's fake picker offers nothing but the entire screen.
    /// </remarks>
    public const string InitScript = """
        (() => {
            const probe = { peers: [], streams: [], screens: [], clones: [], screenAnswers: [], tones: 0 };
            Object.defineProperty(window, '__probe', { value: probe });
            const startTone = OscillatorNode.prototype.start;
            OscillatorNode.prototype.start = function (...args) {
                probe.tones += 1;
                return startTone.apply(this, args);
            };
            // A copy of a track captures until it is stopped itself: the privacy checks look at copies too.
            const clone = MediaStreamTrack.prototype.clone;
            MediaStreamTrack.prototype.clone = function () {
                const copy = clone.call(this);
                probe.clones.push(copy);
                return copy;
            };
            const NativePeer = window.RTCPeerConnection;
            window.RTCPeerConnection = class extends NativePeer {
                constructor(...args) { super(...args); probe.peers.push(this); }
            };
            const devices = navigator.mediaDevices;
            if (devices?.getUserMedia) {
                const open = devices.getUserMedia.bind(devices);
                devices.getUserMedia = async constraints => {
                    if (probe.failNext) {
                        const name = probe.failNext;
                        probe.failNext = null;
                        throw new DOMException('Simulated by the test', name);
                    }
                    const stream = await open(constraints);
                    probe.streams.push(stream);
                    return stream;
                };
            }
            if (devices?.getDisplayMedia) {
                const share = devices.getDisplayMedia.bind(devices);
                devices.getDisplayMedia = async options => {
                    const answer = probe.screenAnswers.shift();
                    if (answer?.endsWith('Error')) throw new DOMException('Simulated by the test', answer);
                    const stream = await share(options);
                    probe.screens.push(stream);
                    if (answer) {
                        const [track] = stream.getVideoTracks();
                        const settings = track.getSettings.bind(track);
                        track.getSettings = () => ({ ...settings(), displaySurface: answer });
                    }
                    return stream;
                };
            }
        })();
        """;

    /// <summary>Frames decoded so far on the page's open peer connections, for one kind of track.</summary>
    public const string InboundTotals = """
        async () => {
            const totals = { framesDecoded: 0, audioPackets: 0 };
            for (const pc of window.__probe.peers) {
                if (pc.connectionState === 'closed') continue;
                (await pc.getStats()).forEach(r => {
                    if (r.type !== 'inbound-rtp') return;
                    if (r.kind === 'video') totals.framesDecoded += r.framesDecoded ?? 0;
                    if (r.kind === 'audio') totals.audioPackets += r.packetsReceived ?? 0;
                });
            }
            return totals;
        }
        """;

    /// <summary>
    /// The candidate types ("host", "srflx", "relay") of the selected pair of each connected peer
    /// connection on the page, as "local/remote".
    /// </summary>
    public const string SelectedCandidateTypes = """
        async () => {
            const types = [];
            for (const pc of window.__probe.peers) {
                if (pc.connectionState !== 'connected') continue;
                const stats = await pc.getStats();
                stats.forEach(r => {
                    if (r.type !== 'transport' || !r.selectedCandidatePairId) return;
                    const pair = stats.get(r.selectedCandidatePairId);
                    types.push(`${stats.get(pair.localCandidateId)?.candidateType}/${stats.get(pair.remoteCandidateId)?.candidateType}`);
                });
            }
            return types;
        }
        """;

    /// <summary>
    /// What the page receives of the track a video element shows, from the inbound-rtp stats of that track
    /// (frames decoded, frame size, frames per second); null while the element shows no received track.
    /// </summary>
    public const string InboundOfVideo = """
        async video => {
            const track = video.srcObject?.getVideoTracks()[0];
            if (!track) return null;
            for (const pc of window.__probe.peers) {
                if (pc.connectionState === 'closed') continue;
                let found = null;
                (await pc.getStats()).forEach(r => {
                    if (r.type === 'inbound-rtp' && r.trackIdentifier === track.id) {
                        found = { framesDecoded: r.framesDecoded ?? 0, width: r.frameWidth ?? 0, height: r.frameHeight ?? 0, fps: r.framesPerSecond ?? 0 };
                    }
                });
                if (found) return found;
            }
            return null;
        }
        """;

    /// <summary>The colour of the middle pixel of a video element, as it is shown.</summary>
    public const string CentrePixel = """
        video => {
            const canvas = document.createElement('canvas');
            canvas.width = video.videoWidth;
            canvas.height = video.videoHeight;
            const context = canvas.getContext('2d');
            context.drawImage(video, 0, 0);
            const [r, g, b] = context.getImageData(canvas.width >> 1, canvas.height >> 1, 1, 1).data;
            return [r, g, b];
        }
        """;

    /// <summary>Wall-clock time of the next frame the element presents.</summary>
    public const string WatchFirstFrame = """
        video => { window.__firstFrameAt = null; video.requestVideoFrameCallback(() => { window.__firstFrameAt = performance.timeOrigin + performance.now(); }); }
        """;
}
