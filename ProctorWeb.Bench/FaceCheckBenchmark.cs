using Microsoft.Playwright;
using ProctorWeb.E2E.Support;

namespace ProctorWeb.Bench;

/// <summary>
/// Scenario 7: the face checks on the student's own computer, with the product's module, models and settings, the
/// camera showing one face at the exam camera's 640x360. (1) The student's exam page in an exam without and with face
/// checks: the renderer's CPU at the default check rate. The exam has no ID check, so the page has no face photo
/// to compare with and never describes a face. (2) The same detectors as that page starts, in a tab of their own under the room's policy,
/// given a frame of the camera as the ID photo: the time of each check (every fifth one describes the face) and the
/// renderer's CPU, against the same tab's detectors without face checks. Each exam page has a Chromium of its own,
/// as each student has a computer of their own.
/// </summary>
public sealed class FaceCheckBenchmark(ChildServer server)
{
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(20);

    /// <summary>Checks measured after the first few (whose models and buffers are new) are left out; one a second by default.</summary>
    private const int Checks = 60;
    private const int ChecksLeftOut = 5;

    /// <summary>
    /// Notes whether the page told the hub that face checks are unavailable (too slow, say): then the window measured
    /// a page without them. SignalR's JSON protocol sends the hub method's name as the target of a text frame.
    /// </summary>
    private const string UnavailableProbe = """
        (() => {
            const send = WebSocket.prototype.send;
            WebSocket.prototype.send = function (data) {
                if (typeof data === 'string' && data.includes('"target":"FaceChecksUnavailable"')) window.__faceChecksUnavailable = data;
                return send.call(this, data);
            };
        })();
        """;

    /// <summary>
    /// The exam page's detectors (startDetectors, as pages/examRoom.js calls it, with the room's own settings) on the
    /// exam camera, in a tab of their own; with face checks, a frame of the camera is the ID photo, and every check
    /// of the self-view is timed as the product's checker times it.
    /// </summary>
    private const string StartDetectors = """
        async ({ flags, faceChecks }) => {
            const { startDetectors } = await import('/js/flagDetectors.js');
            const { loadFaceChecks } = await import('/js/faceChecks.js');
            const { examCamera } = await import('/js/video.js');
            const stream = await navigator.mediaDevices.getUserMedia({ video: examCamera, audio: true });
            const preview = document.createElement('video');
            preview.muted = true;
            preview.autoplay = true;
            preview.playsInline = true;
            preview.srcObject = stream;
            document.body.append(preview);
            await new Promise(resolve => preview.requestVideoFrameCallback(resolve));
            const photo = await createImageBitmap(preview);
            const checks = window.__checks = [];
            window.__detectors = startDetectors({
                stream, preview, settings: JSON.parse(flags), requireFullscreen: false,
                reporter: { start: () => 0, end: () => {}, instant: () => {} },
                faceChecks, referenceFace: photo,
                onFaceChecksUnavailable: (problem, reason) => { window.__unavailable = `${problem}: ${reason}`; },
                loadFaceChecker: async options => {
                    const loaded = await loadFaceChecks(options);
                    if (!loaded.checker) return loaded;
                    const inspect = loaded.checker.inspect;
                    loaded.checker.inspect = async (source, how) => {
                        const seen = await inspect(source, how);
                        if (source === preview) checks.push({ ms: seen.milliseconds, described: seen.description !== null, faces: seen.faces });
                        return seen;
                    };
                    return loaded;
                },
            });
            window.__stopDetectors = () => { window.__detectors.stop(); stream.getTracks().forEach(t => t.stop()); preview.remove(); };
            return `${preview.videoWidth}x${preview.videoHeight}`;
        }
        """;

    public async Task RunAsync(Results results)
    {
        var media = Directory.CreateTempSubdirectory("proctorweb-bench-media-").FullName;
        try
        {
            var camera = await FaceFixtures.FileAsync("one-face-640x360");
            var loadBefore = ProcessCpu.LoadAverage();
            using var playwright = await Microsoft.Playwright.Playwright.CreateAsync();
            var (off, offBrowser, _) = await ExamPageAsync(playwright, media, camera, server.Setup.FacesOff, faceChecks: false);
            var (on, onBrowser, detectors) = await ExamPageAsync(playwright, media, camera, server.Setup.FacesOn, faceChecks: true);
            results.Face = new FaceResult("one-face-640x360.y4m", detectors.CameraSize, off, on, offBrowser, onBrowser, detectors.Off, detectors.On,
                LatencyStats.Of([.. detectors.Checks.Select(c => c.Ms)]),
                detectors.Checks.Any(c => !c.Described) ? LatencyStats.Of([.. detectors.Checks.Where(c => !c.Described).Select(c => c.Ms)]) : null,
                detectors.Checks.Any(c => c.Described) ? LatencyStats.Of([.. detectors.Checks.Where(c => c.Described).Select(c => c.Ms)]) : null,
                detectors.Checks, Window.TotalSeconds, detectors.Seconds, loadBefore, ProcessCpu.LoadAverage());
            Console.WriteLine($"Face checks: per check p50 {results.Face.Checks.P50Ms:0} ms, p95 {results.Face.Checks.P95Ms:0} ms ({results.Face.Checks.Count} checks); " +
                $"exam page renderer {off:0.0}% without, {on:0.0}% with face checks; detectors' tab {detectors.Off:0.0}% without, {detectors.On:0.0}% with face checks and an ID photo (of one core).");
        }
        catch (Exception ex)
        {
            results.Error = results.Error is null ? ex.ToString() : results.Error + "\n" + ex;
            Console.Error.WriteLine(ex);
        }
        finally
        {
            Directory.Delete(media, recursive: true);
        }
    }

    /// <summary>
    /// A student in the exam page, in a Chromium of their own: the renderer's and the whole browser's CPU over the
    /// window. With face checks, the page's own detectors' tab measurement follows in the same browser.
    /// </summary>
    private async Task<(double Renderer, double Browser, DetectorRun Detectors)> ExamPageAsync(IPlaywright playwright, string media, string camera, BenchServer.ExamSetup exam, bool faceChecks)
    {
        await using var student = await BenchBrowser.LaunchAsync(playwright, server, media, FakeCamera.Red, faceChecks ? "face-checks-on" : "face-checks-off", camera);
        var context = await student.NewContextAsync();
        await context.AddInitScriptAsync(UnavailableProbe);
        var page = await student.PassDeviceCheckAsync(context, exam.Links[0]);
        // Both models' weights: once they are in, the page checks faces (after one check of an empty picture, in the warm-up).
        Task ModelLoaded(string file) => page.WaitForResponseAsync(r => r.Url.EndsWith(file, StringComparison.Ordinal), new() { Timeout = 120_000 });
        var modelsLoaded = faceChecks ? Task.WhenAll(ModelLoaded("/blazeface.bin"), ModelLoaded("/facemesh.bin")) : Task.CompletedTask;
        await BenchBrowser.ContinueButton(page).ClickAsync();
        await BenchBrowser.ExpectInExamAsync(page);
        await modelsLoaded;
        await Task.Delay(WarmUp);

        var browser = ProcessCpu.FindProcesses(student.Marker);
        var before = ProcessCpu.Read();
        var renderers = before.RenderersOf(browser);
        await Task.Delay(Window);
        var after = ProcessCpu.Read();
        if (await page.EvaluateAsync<string?>("() => window.__faceChecksUnavailable ?? null") is { } unavailable)
        {
            throw new InvalidOperationException($"The exam page gave up its face checks while measured: {unavailable}");
        }
        var (renderer, whole) = (ProcessCpu.TreePercent(before, after, renderers), ProcessCpu.TreePercent(before, after, browser));
        Console.WriteLine($"Exam page {(faceChecks ? "with" : "without")} face checks: renderer {renderer:0.0}%, whole browser {whole:0.0}% of one core.");
        if (!faceChecks)
        {
            return (renderer, whole, DetectorRun.None);
        }

        var flags = await page.Locator("#exam-room").GetAttributeAsync("data-flags") ?? throw new InvalidOperationException("The exam page has no data-flags.");
        await page.CloseAsync();
        return (renderer, whole, await DetectorsAsync(student, context, browser, flags));
    }

    /// <summary>The detectors in a tab of their own, first without face checks for the window, then with them and an ID photo for <see cref="Checks"/> checks.</summary>
    private static async Task<DetectorRun> DetectorsAsync(BenchBrowser student, IBrowserContext context, List<int> browser, string flags)
    {
        var tab = await context.NewPageAsync();
        // The room's address and real response headers (its policy allows WebAssembly), but an empty page: the exam
        // page's own script, which would join the exam again, does not run.
        await tab.RouteAsync(student.Url("/Join/Room"), async route =>
        {
            var room = await route.FetchAsync();
            await route.FulfillAsync(new() { Response = room, Body = "<!doctype html><html lang=\"en\"><title>Detectors</title></html>" });
        });
        await tab.GotoAsync(student.Url("/Join/Room"));

        await tab.EvaluateAsync(StartDetectors, new { flags, faceChecks = false });
        await Task.Delay(WarmUp);
        var before = ProcessCpu.Read();
        var renderers = before.RenderersOf(browser);
        await Task.Delay(Window);
        var without = ProcessCpu.TreePercent(before, ProcessCpu.Read(), renderers);
        await tab.EvaluateAsync("() => window.__stopDetectors()");

        var size = await tab.EvaluateAsync<string>(StartDetectors, new { flags, faceChecks = true });
        var wait = new PageWaitForFunctionOptions { Timeout = 300_000, PollingInterval = 100 };
        await tab.WaitForFunctionAsync($"() => window.__checks.length >= {ChecksLeftOut} || window.__unavailable", null, wait);
        before = ProcessCpu.Read();
        renderers = before.RenderersOf(browser);
        var started = DateTime.UtcNow;
        await tab.WaitForFunctionAsync($"() => window.__checks.length >= {ChecksLeftOut + Checks} || window.__unavailable", null, wait);
        var with = ProcessCpu.TreePercent(before, ProcessCpu.Read(), renderers);
        var seconds = (DateTime.UtcNow - started).TotalSeconds;
        if (await tab.EvaluateAsync<string?>("() => window.__unavailable ?? null") is { } unavailable)
        {
            throw new InvalidOperationException($"The detectors gave up their face checks: {unavailable}");
        }
        var checks = System.Text.Json.JsonSerializer.Deserialize<CheckTime[]>(await tab.EvaluateAsync<string>("() => JSON.stringify(window.__checks)"), System.Text.Json.JsonSerializerOptions.Web)!
            .Skip(ChecksLeftOut).Take(Checks).ToList();
        await tab.EvaluateAsync("() => window.__stopDetectors()");
        await tab.CloseAsync();
        if (checks.Any(c => c.Faces != 1))
        {
            throw new InvalidOperationException($"The camera shows one face, but {checks.Count(c => c.Faces != 1)} of {checks.Count} checks saw another number.");
        }
        Console.WriteLine($"Detectors' tab: renderer {without:0.0}% without face checks, {with:0.0}% with them and an ID photo ({checks.Count} checks in {seconds:0} s).");
        return new DetectorRun(size, without, with, checks, seconds);
    }

    private sealed record DetectorRun(string CameraSize, double Off, double On, List<CheckTime> Checks, double Seconds)
    {
        public static readonly DetectorRun None = new("", 0, 0, [], 0);
    }
}
