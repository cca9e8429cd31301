using Microsoft.Playwright;
using ProctorWeb.E2E.Support;
using static Microsoft.Playwright.Assertions;

namespace ProctorWeb.Bench;

/// <summary>
/// One Chromium with a fake camera and microphone, as in ProctorWeb.E2E. Students share one browser (a context
/// each, as separate people would have separate profiles); the proctor has a browser of their own.
/// </summary>
public sealed class BenchBrowser(IBrowser browser, string role, ChildServer server) : IAsyncDisposable
{
    /// <summary>
    /// On the proctor's pages: when a video element is given a stream, the time of its first presented frame,
    /// by the element's label ("Name's camera"), from requestVideoFrameCallback.
    /// </summary>
    private const string FirstFrameProbe = """
        (() => {
            const firstFrames = new Map();
            Object.defineProperty(window, '__firstFrames', { value: firstFrames });
            const property = Object.getOwnPropertyDescriptor(HTMLMediaElement.prototype, 'srcObject');
            Object.defineProperty(HTMLMediaElement.prototype, 'srcObject', {
                configurable: true,
                enumerable: property.enumerable,
                get() { return property.get.call(this); },
                set(stream) {
                    property.set.call(this, stream);
                    const label = this.getAttribute('aria-label');
                    if (!stream || !label || firstFrames.has(label) || !this.requestVideoFrameCallback) return;
                    this.requestVideoFrameCallback(now => { if (!firstFrames.has(label)) firstFrames.set(label, performance.timeOrigin + now); });
                },
            });
        })();
        """;

    // Generous: a grid the machine cannot carry slows every page, and the benchmark should still see how far it got.
    public static readonly TimeSpan StepTimeout = TimeSpan.FromSeconds(60);

    /// <summary>A switch Chromium ignores, on the browser's command line only so that its processes can be found.</summary>
    public string Marker { get; } = $"--proctorweb-bench={role}";

    /// <param name="cameraFile">A .y4m file the camera plays instead of a colour (the face-check scenario's photo of a face).</param>
    /// <param name="shareScreen">Pages may share Chromium's fake entire screen, which the fake picker picks at once.</param>
    /// <param name="chromiumPattern">
    /// The camera shows Chromium's own test pattern instead of a file (then neither file nor colour is used): a flat green
    /// picture whose middle, a disc with a turning wedge cut out of it (about a fifth of the picture), changes every frame,
    /// where the colour files move a small block along the top edge and a face file stands still.
    /// </param>
    /// <param name="niceness">
    /// Above 0, the browser and every process it starts run at that lower priority (nice), so that on a machine it
    /// shares they take only the CPU that the others leave over.
    /// </param>
    public static async Task<BenchBrowser> LaunchAsync(IPlaywright playwright, ChildServer server, string mediaDirectory, E2E.Support.Rgb colour, string role, string? cameraFile = null, bool shareScreen = false,
        bool chromiumPattern = false, int niceness = 0)
    {
        var chromium = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium";
        string[] screen = shareScreen ? ["--auto-select-desktop-capture-source=Entire screen"] : [];
        // A webcam's usual 640x360 at 30 fps, which the student's page asks for; the tile encoding scales it down.
        string[] camera = chromiumPattern ? [] : [$"--use-file-for-fake-video-capture={cameraFile ?? FakeCamera.Write(mediaDirectory, colour, 640, 360, fps: 30)}"];
        var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = niceness > 0 ? NiceWrapper(mediaDirectory, chromium, niceness) : chromium,
            Args =
            [
                "--use-fake-device-for-media-stream",
                "--use-fake-ui-for-media-stream",
                .. camera,
                "--autoplay-policy=no-user-gesture-required",
                $"--proctorweb-bench={role}",
                .. screen,
            ],
        });
        return new BenchBrowser(browser, role, server);
    }

    /// <summary>A script that starts Chromium through nice(1); its children inherit the priority.</summary>
    private static string NiceWrapper(string directory, string chromium, int niceness)
    {
        var path = Path.Combine(directory, $"chromium-nice-{niceness}.sh");
        File.WriteAllText(path, $"#!/bin/sh\nexec nice -n {niceness} '{chromium}' \"$@\"\n");
        // The benchmark runs on Linux only (see ProcessCpu); the check is for the analyzer.
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        return path;
    }

    public async Task<IBrowserContext> NewContextAsync(bool proctor = false)
    {
        var context = await browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 800 } });
        context.SetDefaultTimeout((float)StepTimeout.TotalMilliseconds);
        await context.AddInitScriptAsync(MediaProbe.InitScript);
        if (proctor)
        {
            await context.AddInitScriptAsync(FirstFrameProbe);
        }
        return context;
    }

    public string Url(string path) => server.Setup.BaseUrl + path;

    /// <summary>A signed-in teacher's context, for monitor pages.</summary>
    public async Task<IBrowserContext> SignedInTeacherAsync()
    {
        var context = await NewContextAsync(proctor: true);
        var page = await context.NewPageAsync();
        await page.GotoAsync(Url("/Account/Login"));
        await page.GetByLabel("Email").FillAsync(server.Setup.TeacherEmail);
        await page.GetByLabel("Password").FillAsync(server.Setup.TeacherPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.GetByText("Signed in as Bench Teacher")).ToBeVisibleAsync(new() { Timeout = (float)StepTimeout.TotalMilliseconds });
        await page.CloseAsync();
        return context;
    }

    public async Task<IPage> OpenMonitorAsync(IBrowserContext teacher, int examId)
    {
        var page = await teacher.NewPageAsync();
        await page.GotoAsync(Url($"/Exams/{examId}/Monitor"));
        await Expect(page.GetByRole(AriaRole.List, new() { Name = "Students" })).ToBeVisibleAsync(new() { Timeout = (float)StepTimeout.TotalMilliseconds });
        return page;
    }

    /// <summary>
    /// A student opens their link, agrees and passes the device check (sharing the screen, for an exam that requires
    /// it); the page waits at "Continue to the exam".
    /// </summary>
    public async Task<IPage> PassDeviceCheckAsync(IBrowserContext student, string link, bool shareScreen = false)
    {
        var page = await student.NewPageAsync();
        await page.GotoAsync(Url(link));
        await page.GetByLabel("I understand and agree").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue to the device check" }).ClickAsync();
        if (shareScreen)
        {
            await page.GetByRole(AriaRole.Button, new() { Name = "Share your entire screen", Exact = true }).ClickAsync();
        }
        await Expect(ContinueButton(page)).ToBeEnabledAsync(new() { Timeout = (float)StepTimeout.TotalMilliseconds });
        return page;
    }

    public static ILocator ContinueButton(IPage page) => page.GetByRole(AriaRole.Button, new() { Name = "Continue to the exam" });

    public static Task ExpectInExamAsync(IPage page) =>
        Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Exam in progress" })).ToBeVisibleAsync(new() { Timeout = (float)StepTimeout.TotalMilliseconds });

    /// <summary>Waits until the proctor's page presented a first frame of the student's camera; returns its wall-clock time in ms.</summary>
    public static async Task<double> FirstFrameAsync(IPage monitor, string studentName)
    {
        var label = $"{studentName}'s camera";
        try
        {
            await monitor.WaitForFunctionAsync("label => window.__firstFrames.has(label)", label, new() { Timeout = (float)StepTimeout.TotalMilliseconds, PollingInterval = 10 });
        }
        catch (TimeoutException)
        {
            var seen = await monitor.EvaluateAsync<string>("() => [...document.querySelectorAll('#grid li')].map(li => li.innerText.replace(/\\s+/g, ' ')).join(' | ') + ' || frames of: ' + [...window.__firstFrames.keys()].join(', ')");
            throw new TimeoutException($"The proctor's grid showed no frame of {studentName} within {StepTimeout.TotalSeconds:0} s. The grid: {seen}");
        }
        return await monitor.EvaluateAsync<double>("label => window.__firstFrames.get(label)", label);
    }

    public async ValueTask DisposeAsync() => await browser.CloseAsync();
}
