using System.Text.Json;
using Microsoft.Playwright;

namespace ProctorWeb.Bench;

/// <summary>
/// Scenario 6: what a student's computer uploads while one proctor watches, with the exam's screen sharing off and
/// on. The student's real exam page sends with the product's own modules and encodings; the figure is the sum over
/// every outbound-rtp of the page's connected peers (payload and RTP headers), over a window after a warm-up.
/// Each run measures, in turn: a student of an exam without screen sharing, a student of an exam that requires it,
/// and the same student while the proctor has the screen enlarged. Runs repeat, so the machine's drift falls on all three.
/// Each student has a context of one browser that may share Chromium's fake entire screen (a moving test pattern,
/// so the screen's figure is what a screen that changes all the time costs, not a still one).
/// </summary>
public sealed class UploadBenchmark(BenchBrowser students, BenchBrowser proctor, BenchServer.ExamSetup withoutScreen, BenchServer.ExamSetup withScreen)
{
    /// <summary>Encoders ramp up over the first seconds, and a new quality takes a moment to settle.</summary>
    public static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(10);

    /// <summary>Bytes sent so far by the page's connected peers, by what they carry; the screen is told by its track.</summary>
    private const string OutboundTotals = """
        async () => {
            const screens = new Set(window.__probe.screens.flatMap(s => s.getTracks()).map(t => t.id));
            const totals = { at: performance.now(), audio: 0, camera: 0, screen: 0, screenWidth: 0, screenFps: 0, cameraWidth: 0 };
            for (const pc of window.__probe.peers) {
                if (pc.connectionState !== 'connected') continue;
                const stats = await pc.getStats();
                stats.forEach(r => {
                    if (r.type !== 'outbound-rtp') return;
                    const bytes = (r.bytesSent ?? 0) + (r.headerBytesSent ?? 0);
                    const screen = screens.has(stats.get(r.mediaSourceId)?.trackIdentifier);
                    if (r.kind === 'audio') totals.audio += bytes;
                    else if (screen) { totals.screen += bytes; totals.screenWidth = r.frameWidth ?? 0; totals.screenFps = r.framesPerSecond ?? 0; }
                    else { totals.camera += bytes; totals.cameraWidth = r.frameWidth ?? 0; }
                });
            }
            return JSON.stringify(totals);
        }
        """;

    public async Task<UploadResult> RunAsync(IBrowserContext teacher, int runs)
    {
        var samples = new List<UploadRun>();
        double cap = 0;
        for (var run = 0; run < runs; run++)
        {
            var off = await MeasureAsync(teacher, withoutScreen, run, async page => [await SampleAsync(page)]);
            var on = await MeasureAsync(teacher, withScreen, run, async (page, monitor) =>
            {
                cap = await page.EvaluateAsync<double>("async () => (await import('/js/senderEncodings.js')).screenQuality.low.maxBitrate");
                var small = await SampleAsync(page);
                await monitor.GetByRole(AriaRole.Button, new() { Name = $"Enlarge {withScreen.Names[run]}'s screen", Exact = true }).ClickAsync();
                return [small, await SampleAsync(page)];
            });
            samples.Add(new UploadRun(off[0], on[0], on[1]));
            Console.WriteLine($"Upload run {run + 1}/{runs}: screen sharing off {Describe(off[0])}; on {Describe(on[0])}; screen enlarged {Describe(on[1])}.");
        }
        return UploadResult.Of(samples, cap);
    }

    private static string Describe(UploadSample s) =>
        $"{s.TotalBytesPerSecond / 1000:0.0} kB/s (audio {s.AudioBytesPerSecond / 1000:0.0}, camera {s.CameraBytesPerSecond / 1000:0.0} at {s.CameraWidth} px, screen {s.ScreenBytesPerSecond / 1000:0.0} at {s.ScreenWidth} px {s.ScreenFps:0} fps)";

    private Task<UploadSample[]> MeasureAsync(IBrowserContext teacher, BenchServer.ExamSetup exam, int run, Func<IPage, Task<UploadSample[]>> measure) =>
        MeasureAsync(teacher, exam, run, (page, _) => measure(page));

    /// <summary>A fresh monitor and a fresh student of <paramref name="exam"/>, closed afterwards: the proctor watches one student only.</summary>
    private async Task<UploadSample[]> MeasureAsync(IBrowserContext teacher, BenchServer.ExamSetup exam, int run, Func<IPage, IPage, Task<UploadSample[]>> measure)
    {
        var monitor = await proctor.OpenMonitorAsync(teacher, exam.ExamId);
        await using var context = await students.NewContextAsync();
        try
        {
            var page = await students.PassDeviceCheckAsync(context, exam.Links[run], shareScreen: exam == withScreen);
            await BenchBrowser.ContinueButton(page).ClickAsync();
            await BenchBrowser.ExpectInExamAsync(page);
            await BenchBrowser.FirstFrameAsync(monitor, exam.Names[run]);
            return await measure(page, monitor);
        }
        finally
        {
            await monitor.CloseAsync();
        }
    }

    private static async Task<UploadSample> SampleAsync(IPage student)
    {
        await Task.Delay(WarmUp);
        var before = await TotalsAsync(student);
        await Task.Delay(Window);
        var after = await TotalsAsync(student);
        var seconds = (after.GetProperty("at").GetDouble() - before.GetProperty("at").GetDouble()) / 1000;
        double Rate(string name) => (after.GetProperty(name).GetDouble() - before.GetProperty(name).GetDouble()) / seconds;
        return new UploadSample(seconds, Rate("audio"), Rate("camera"), Rate("screen"),
            after.GetProperty("cameraWidth").GetInt32(), after.GetProperty("screenWidth").GetInt32(), after.GetProperty("screenFps").GetDouble());
    }

    private static async Task<JsonElement> TotalsAsync(IPage page) =>
        JsonDocument.Parse(await page.EvaluateAsync<string>(OutboundTotals)).RootElement;
}
