using Microsoft.Playwright;

namespace ProctorWeb.Bench;

/// <summary>
/// Scenario 4: from the student's "Continue to the exam" click (the join) to the first frame the proctor's grid
/// presents, against the floor WebRTC itself sets on this machine: the same camera through two peer connections
/// inside one page, with no server in between. Runs alternate, so drift on the shared machine hits both alike.
/// </summary>
public sealed class FirstFrameBenchmark(BenchBrowser students, BenchBrowser proctor, BenchServer.ExamSetup exam)
{
    /// <summary>Records the time of the first click on the join button, before the page's own handler runs.</summary>
    private const string StampJoinClick = """
        () => document.addEventListener('click', event => {
            if (event.target.closest('#continue')) window.__joinClickAt ??= performance.timeOrigin + performance.now();
        }, { capture: true })
        """;

    /// <summary>
    /// The baseline, with the product's own tile encoding: the camera is open and showing (as after the device
    /// check), then the clock starts, two peer connections negotiate directly and the receiving video element
    /// presents its first frame. Everything is closed afterwards.
    /// </summary>
    private const string TwoPeersInOnePage = """
        async () => {
            const { tileQuality } = await import('/js/senderEncodings.js');
            const { examCamera } = await import('/js/video.js');
            const frame = video => new Promise(resolve => video.requestVideoFrameCallback(now => resolve(performance.timeOrigin + now)));
            const element = () => { const v = document.createElement('video'); v.muted = true; v.autoplay = true; v.playsInline = true; document.body.append(v); return v; };
            const camera = await navigator.mediaDevices.getUserMedia({ video: examCamera, audio: true });
            const preview = element();
            preview.srcObject = camera;
            await frame(preview);

            const start = performance.timeOrigin + performance.now();
            const sender = new RTCPeerConnection();
            const receiver = new RTCPeerConnection();
            sender.onicecandidate = ({ candidate }) => candidate && receiver.addIceCandidate(candidate);
            receiver.onicecandidate = ({ candidate }) => candidate && sender.addIceCandidate(candidate);
            const remote = element();
            const firstFrame = frame(remote);
            receiver.ontrack = ({ streams }) => { if (remote.srcObject !== streams[0]) remote.srcObject = streams[0]; };
            for (const track of camera.getTracks()) {
                if (track.kind === 'video') sender.addTransceiver(track, { direction: 'sendrecv', streams: [camera], sendEncodings: [{ ...tileQuality.low }] });
                else sender.addTrack(track, camera);
            }
            await sender.setLocalDescription();
            await receiver.setRemoteDescription(sender.localDescription);
            await receiver.setLocalDescription();
            await sender.setRemoteDescription(receiver.localDescription);
            const end = await firstFrame;

            sender.close();
            receiver.close();
            camera.getTracks().forEach(track => track.stop());
            return end - start;
        }
        """;

    public async Task<FirstFrameResult> RunAsync(IBrowserContext teacher, int runs)
    {
        var monitor = await proctor.OpenMonitorAsync(teacher, exam.ExamId);
        var product = new List<double>();
        var baseline = new List<double>();
        for (var run = 0; run < runs; run++)
        {
            baseline.Add(await BaselineAsync());
            product.Add(await JoinAsync(monitor, exam.Names[run], exam.Links[run]));
            Console.WriteLine($"First frame run {run + 1}/{runs}: join {product[^1]:0} ms, two peers in one page {baseline[^1]:0} ms.");
        }
        await monitor.CloseAsync();
        return new FirstFrameResult(LatencyStats.Of([.. product]), LatencyStats.Of([.. baseline]), [.. product], [.. baseline]);
    }

    private async Task<double> JoinAsync(IPage monitor, string name, string link)
    {
        await using var context = await students.NewContextAsync();
        var page = await students.PassDeviceCheckAsync(context, link);
        await page.EvaluateAsync(StampJoinClick);
        await BenchBrowser.ContinueButton(page).ClickAsync();
        var firstFrame = await BenchBrowser.FirstFrameAsync(monitor, name);
        var clicked = await page.EvaluateAsync<double?>("() => window.__joinClickAt") ?? throw new InvalidOperationException("The join click was not seen.");
        await BenchBrowser.ExpectInExamAsync(page);
        return firstFrame - clicked;
    }

    private async Task<double> BaselineAsync()
    {
        await using var context = await students.NewContextAsync();
        var page = await context.NewPageAsync();
        // Any page of the app: the same origin (a secure context on loopback) and the product's video.js.
        await page.GotoAsync(students.Url("/Account/Login"));
        return await page.EvaluateAsync<double>(TwoPeersInOnePage);
    }
}
