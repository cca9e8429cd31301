using System.Diagnostics;
using System.Text.Json;
using Microsoft.Playwright;
using ProctorWeb.E2E.Support;
using static Microsoft.Playwright.Assertions;

namespace ProctorWeb.Bench;

/// <summary>
/// Scenario 8: the clips around flags, on the student's own computer. In a running exam the student's exam page keeps
/// rolling MediaRecorders of its camera and microphone (evidence.js, clipRecorder.js). (1) What they cost: the
/// renderer's CPU over a window with the recorders as the product runs them, against the same page whose
/// MediaRecorder is a stand-in that encodes nothing but answers every call and fires every event the page listens
/// to, so the page's own logic runs unchanged. (2) What a clip weighs: the student pastes into the scratch pad, the
/// paste flag claims a clip, and its upload is read off the network. Each page has a Chromium of its own, as each
/// student has a computer of their own. The camera is Chromium's own turning pattern; a last student's camera shows
/// scenario 7's still face, for its clip only.
/// </summary>
public sealed class ClipBenchmark(ChildServer server)
{
    public static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(20);

    /// <summary>Claimed at the flag, a clip is whole only its seconds after later; then it goes in chunks.</summary>
    private static readonly TimeSpan UploadTimeout = TimeSpan.FromSeconds(90);

    private const string PatternCamera = "Chromium's turning test pattern";
    private const string FaceCamera = "one-face-640x360";

    /// <summary>
    /// Notes each recorder the page makes in <c>window.__recorders</c>: when (performance.now()), with which options and
    /// camera size, and when its start and stop events came. Both init scripts below begin with it.
    /// </summary>
    private const string RecorderLog = """
        const recorders = [];
        Object.defineProperty(window, '__recorders', { value: recorders });
        function note(recorder, stream, options) {
            const camera = stream.getVideoTracks()[0]?.getSettings() ?? {};
            const entry = {
                made: performance.now(), started: null, stopped: null, mimeType: options?.mimeType ?? '',
                videoBitsPerSecond: options?.videoBitsPerSecond ?? 0, audioBitsPerSecond: options?.audioBitsPerSecond ?? 0,
                width: camera.width ?? 0, height: camera.height ?? 0, frameRate: camera.frameRate ?? 0,
            };
            recorders.push(entry);
            recorder.addEventListener('start', () => { entry.started = performance.now(); });
            recorder.addEventListener('stop', () => { entry.stopped = performance.now(); });
        }
        """;

    /// <summary>The browser's own MediaRecorder, only counted: a subclass that notes each one and changes nothing else.</summary>
    private const string CountedRecorders = "(() => {\n" + RecorderLog + """
            const Real = window.MediaRecorder;
            window.MediaRecorder = class MediaRecorder extends Real {
                constructor(stream, options) {
                    super(stream, options);
                    note(this, stream, options);
                }
            };
        })();
        """;

    /// <summary>
    /// A MediaRecorder that encodes nothing: the same type check (the real one's, so the page picks the same type),
    /// state, start and stop, and the same events in the same order a task later (start; then dataavailable, here
    /// empty, and stop). The page drops a recorder's data unread unless a clip claimed it, and this run raises no flag,
    /// so the page does exactly what it does with the real one, minus taking frames and encoding them.
    /// </summary>
    private const string StandInRecorders = "(() => {\n" + RecorderLog + """
            const Real = window.MediaRecorder;
            window.MediaRecorder = class MediaRecorder extends EventTarget {
                static isTypeSupported(type) { return Real.isTypeSupported(type); }
                #state = 'inactive';
                constructor(stream, options = {}) {
                    super();
                    this.stream = stream;
                    this.mimeType = options.mimeType ?? '';
                    this.videoBitsPerSecond = options.videoBitsPerSecond ?? 0;
                    this.audioBitsPerSecond = options.audioBitsPerSecond ?? 0;
                    note(this, stream, options);
                }
                get state() { return this.#state; }
                start() {
                    if (this.#state !== 'inactive') throw new DOMException('The recorder is already recording.', 'InvalidStateError');
                    // As the real one: a stream whose tracks all ended cannot be recorded.
                    if (!this.stream.active) throw new DOMException('The stream is not active.', 'NotSupportedError');
                    this.#state = 'recording';
                    setTimeout(() => this.dispatchEvent(new Event('start')));
                }
                stop() {
                    if (this.#state === 'inactive') return;
                    this.#state = 'inactive';
                    setTimeout(() => {
                        this.dispatchEvent(new BlobEvent('dataavailable', { data: new Blob([], { type: this.mimeType }) }));
                        this.dispatchEvent(new Event('stop'));
                    });
                }
            };
        })();
        """;

    public async Task RunAsync(Results results)
    {
        var media = Directory.CreateTempSubdirectory("proctorweb-bench-media-").FullName;
        try
        {
            var links = server.Setup.Clips.Links;
            var loadBefore = ProcessCpu.LoadAverage();
            using var playwright = await Microsoft.Playwright.Playwright.CreateAsync();
            RecorderRun product;
            ClipSample patternClip;
            ClipSettings settings;
            await using (var student = await OpenExamPageAsync(playwright, media, links[0], "clips-product", CountedRecorders, cameraFile: null))
            {
                product = await MeasureAsync(student, "as the product runs them");
                settings = await SettingsAsync(student.Page, server.Setup.MaxClipsPerStudent);
                patternClip = await FlagClipAsync(student, settings, PatternCamera);
            }
            RecorderRun standIn;
            await using (var student = await OpenExamPageAsync(playwright, media, links[1], "clips-stand-in", StandInRecorders, cameraFile: null))
            {
                standIn = await MeasureAsync(student, "with the stand-in that encodes nothing");
            }
            var loadAfter = ProcessCpu.LoadAverage();
            ClipSample faceClip;
            await using (var student = await OpenExamPageAsync(playwright, media, links[2], "clips-face", CountedRecorders, await FaceFixtures.FileAsync(FaceCamera)))
            {
                faceClip = await FlagClipAsync(student, settings, FaceCamera + ".y4m (a still photo)");
            }
            results.Clips = new ClipResult(product, standIn, patternClip, faceClip, settings, Window.TotalSeconds, loadBefore, loadAfter);
            Console.WriteLine($"Clips: renderer {product.RendererPercent:0.0}% with the recorders, {standIn.RendererPercent:0.0}% with the stand-in (+{results.Clips.ExtraRendererPercent:0.0}% of one core); " +
                $"a paste flag's clip {patternClip.TotalBytes:N0} B over {patternClip.SpanSeconds:0.0} s (test pattern), {faceClip.TotalBytes:N0} B over {faceClip.SpanSeconds:0.0} s (still face).");
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

    /// <summary>A student of the clips exam in a Chromium of their own, in the running exam: from here the page records.</summary>
    private async Task<ExamPage> OpenExamPageAsync(IPlaywright playwright, string media, string link, string role, string recorders, string? cameraFile)
    {
        var browser = await BenchBrowser.LaunchAsync(playwright, server, media, FakeCamera.Red, role, cameraFile, chromiumPattern: cameraFile is null);
        try
        {
            var context = await browser.NewContextAsync();
            await context.AddInitScriptAsync(recorders);
            var page = await browser.PassDeviceCheckAsync(context, link);
            await BenchBrowser.ContinueButton(page).ClickAsync();
            await BenchBrowser.ExpectInExamAsync(page);
            return new ExamPage(browser, page, Stopwatch.StartNew());
        }
        catch
        {
            await browser.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// The renderer's and the whole browser's CPU over the window, and the page's recorders over the same window. The
    /// page adds a recorder every step and drops none until the first is too old to be claimed (about 19 s in), so
    /// until then fewer run than in the rest of the exam: the warm-up begins only once the first one was dropped.
    /// </summary>
    private static async Task<RecorderRun> MeasureAsync(ExamPage student, string how)
    {
        await student.Page.WaitForFunctionAsync("() => window.__recorders.some(r => r.stopped !== null)", null, new() { Timeout = 60_000, PollingInterval = 500 });
        await Task.Delay(WarmUp);
        var browser = ProcessCpu.FindProcesses(student.Browser.Marker);
        var from = await PageNowAsync(student.Page);
        var before = ProcessCpu.Read();
        var renderers = before.RenderersOf(browser);
        await Task.Delay(Window);
        var after = ProcessCpu.Read();
        var to = await PageNowAsync(student.Page);
        var (renderer, whole) = (ProcessCpu.TreePercent(before, after, renderers), ProcessCpu.TreePercent(before, after, browser));
        var recorders = await RecordersAsync(student.Page);
        var run = new RecorderRun(renderer, whole, recorders.Count(r => r.Made >= from && r.Made < to), MostRecording(recorders, from, to), MeanRecording(recorders, from, to));
        if (run.MostRecording == 0)
        {
            throw new InvalidOperationException($"The exam page ran no recorder while measured {how}: it did not record at all.");
        }
        Console.WriteLine($"Exam page with its recorders {how}: renderer {renderer:0.0}%, whole browser {whole:0.0}% of one core; " +
            $"{run.RecordersMade} recorders made, {run.MeanRecording:0.0} recording on average, at most {run.MostRecording}.");
        return run;
    }

    /// <summary>
    /// Once the page has recorded for a clip's full seconds before (plus a tick), the student pastes into the scratch
    /// pad as a person does; the paste flag claims a clip, which the page sends once it is whole.
    /// </summary>
    private static async Task<ClipSample> FlagClipAsync(ExamPage student, ClipSettings settings, string camera)
    {
        var recorded = TimeSpan.FromSeconds(settings.SecondsBefore + settings.RecorderStepSeconds + 1);
        if (recorded > student.InExam.Elapsed)
        {
            await Task.Delay(recorded - student.InExam.Elapsed);
        }
        var upload = new ClipUploadWatch(student.Page);
        var flagged = Stopwatch.StartNew();
        await student.Page.GetByLabel("Scratch pad (not saved, not seen by proctors)").FocusAsync();
        await student.Page.Keyboard.PressAsync("Control+V");
        await Expect(student.Page.GetByText("Your proctors were notified: Paste.")).ToBeVisibleAsync();
        var clip = await upload.WholeAsync().WaitAsync(UploadTimeout);
        var seconds = flagged.Elapsed.TotalSeconds;

        var span = clip.GetProperty("endedAtUtc").GetDateTime() - clip.GetProperty("startedAtUtc").GetDateTime();
        var recorder = (await RecordersAsync(student.Page))[^1];
        var sample = new ClipSample(camera, $"{recorder.Width}x{recorder.Height} at {recorder.FrameRate:0} fps", clip.GetProperty("mimeType").GetString()!, clip.GetProperty("source").GetString()!,
            clip.GetProperty("totalBytes").GetInt64(), span.TotalSeconds, upload.Chunks, seconds);
        Console.WriteLine($"Clip of a paste flag, {camera}: {sample.TotalBytes:N0} B over {sample.SpanSeconds:0.0} s ({sample.BytesPerSecond / 1000:0.0} kB/s), " +
            $"{sample.MimeType}, {sample.Chunks} chunk(s), whole on the server {seconds:0.0} s after the paste.");
        return sample;
    }

    /// <summary>The room page's clip settings (data-clips), the bit rates its recorders were asked for, and the app's quota.</summary>
    private static async Task<ClipSettings> SettingsAsync(IPage page, int maxClips)
    {
        var clips = JsonDocument.Parse(await page.Locator("#exam-room").GetAttributeAsync("data-clips") ?? "{}").RootElement;
        var asked = (await RecordersAsync(page)).FirstOrDefault() ?? throw new InvalidOperationException("The exam page made no recorder.");
        return new ClipSettings(clips.GetProperty("secondsBefore").GetInt32(), clips.GetProperty("secondsAfter").GetInt32(), clips.GetProperty("recorderStepSeconds").GetInt32(),
            asked.VideoBitsPerSecond, asked.AudioBitsPerSecond, maxClips);
    }

    private static async Task<double> PageNowAsync(IPage page) => await page.EvaluateAsync<double>("() => performance.now()");

    private static async Task<List<RecorderEntry>> RecordersAsync(IPage page) =>
        JsonSerializer.Deserialize<List<RecorderEntry>>(await page.EvaluateAsync<string>("() => JSON.stringify(window.__recorders)"), JsonSerializerOptions.Web)!;

    /// <summary>The most recorders recording at one moment of the window: a count changes only when one starts or stops.</summary>
    private static int MostRecording(List<RecorderEntry> recorders, double from, double to)
    {
        var moments = recorders.SelectMany(r => new[] { r.Started, r.Stopped }).OfType<double>().Where(t => t > from && t < to).Append(from);
        return moments.Max(t => recorders.Count(r => r.RecordingAt(t)));
    }

    /// <summary>Recorders recording, averaged over the window's time.</summary>
    private static double MeanRecording(List<RecorderEntry> recorders, double from, double to) =>
        recorders.Where(r => r.Started is not null).Sum(r => Math.Max(0, Math.Min(r.Stopped ?? to, to) - Math.Max(r.Started!.Value, from))) / (to - from);

    /// <summary>One recorder as window.__recorders noted it; times are the page's performance.now() in ms.</summary>
    private sealed record RecorderEntry(double Made, double? Started, double? Stopped, string MimeType, double VideoBitsPerSecond, double AudioBitsPerSecond, int Width, int Height, double FrameRate)
    {
        public bool RecordingAt(double t) => Started <= t && (Stopped is null || Stopped > t);
    }

    /// <summary>A student's exam page, the browser it has to itself, and how long it has been in the running exam.</summary>
    private sealed record ExamPage(BenchBrowser Browser, IPage Page, Stopwatch InExam) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => Browser.DisposeAsync();
    }
}
