using System.Diagnostics;
using System.Text.Json;
using Microsoft.Playwright;

namespace ProctorWeb.E2E.Support;

/// <summary>One person at their own computer: a Chromium of their own with its own fake camera, in a fresh context.</summary>
public sealed class Person : IAsyncDisposable
{
    private readonly List<string> _errors = [];

    private Person(string name, IBrowser browser, IBrowserContext context, IPage page, AppServer app, Words words)
    {
        Name = name;
        Words = words;
        Browser = browser;
        Context = context;
        Page = page;
        App = app;
    }

    public string Name { get; }
    public IBrowser Browser { get; }
    public IBrowserContext Context { get; }
    public IPage Page { get; private set; }
    public AppServer App { get; }

    /// <summary>The words the app shows this person, in their browser's language.</summary>
    public Words Words { get; }

    /// <summary>Uncaught page errors and console errors seen so far, on every page of this person.</summary>
    public IReadOnlyList<string> Errors => _errors;

    /// <param name="shareScreen">Whether the page may share a screen: the fake picker then answers at once with
    /// Chromium's fake entire screen (a green test pattern as large as the page asks, up to its own limit).</param>
    /// <param name="cameraFile">A .y4m file the camera plays instead of <paramref name="camera"/>'s colour (see <see cref="FaceFixtures"/>).</param>
    public static async Task<Person> LaunchAsync(IPlaywright playwright, AppServer app, string name, Rgb camera, string mediaDirectory, string? timezoneId = null, (int Width, int Height)? cameraSize = null, bool speaking = false, bool shareScreen = false, string? cameraFile = null, string locale = "en-US")
    {
        var size = cameraSize ?? (320, 240);
        // Chromium's own fake microphone beeps briefly; speech from a file is someone who talks on.
        string[] microphone = speaking ? [$"--use-file-for-fake-audio-capture={FakeMicrophone.WriteSpeech(mediaDirectory)}"] : [];
        string[] screen = shareScreen ? ["--auto-select-desktop-capture-source=Entire screen"] : [];
        var browser = await IdleBrowsers.TakeAsync(playwright, new()
        {
            ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium",
            Args =
            [
                "--use-fake-device-for-media-stream",
                "--use-fake-ui-for-media-stream",
                $"--use-file-for-fake-video-capture={cameraFile ?? FakeCamera.Write(mediaDirectory, camera, size.Width, size.Height)}",
                "--autoplay-policy=no-user-gesture-required",
                .. microphone,
                .. screen,
            ],
        });
        var context = await browser.NewContextAsync(new() { ViewportSize = new() { Width = 1200, Height = 900 }, TimezoneId = timezoneId, Locale = locale });
        context.SetDefaultTimeout(15_000);
        await context.AddInitScriptAsync(MediaProbe.InitScript);
        var person = new Person(name, browser, context, await context.NewPageAsync(), app, new Words(locale));
        person.Watch(person.Page);
        return person;
    }

    public void Watch(IPage page)
    {
        page.PageError += (_, error) => _errors.Add($"uncaught: {error}");
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                _errors.Add($"console: {message.Text} ({message.Location})");
            }
        };
    }

    public async Task<IPage> OpenAnotherTabAsync()
    {
        var page = await Context.NewPageAsync();
        Watch(page);
        return page;
    }

    public async Task SignInAsync(TestUser user, IPage? page = null)
    {
        page ??= Page;
        await page.GotoAsync(App.Url("/Account/Login"));
        await page.GetByLabel(Words["Email"]).FillAsync(user.Email);
        await page.GetByLabel(Words["Password"]).FillAsync(TestUser.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = Words["Sign in"] }).ClickAsync();
        await Assertions.Expect(page.GetByText($"{Words["Signed in as"]} {user.DisplayName}")).ToBeVisibleAsync();
    }

    public async Task OpenCallsAsync(IPage? page = null)
    {
        page ??= Page;
        await page.GotoAsync(App.Url("/Calls"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Online now" })).ToBeVisibleAsync();
    }

    public ILocator CallButton(string displayName) => Page.GetByRole(AriaRole.Button, new() { Name = $"Call {displayName}", Exact = true });

    public ILocator RemoteVideo => Page.Locator("#remote-video");

    public ILocator Status => Page.GetByRole(AriaRole.Status);

    /// <summary>Frames a video element has presented so far.</summary>
    public static Task<int> PresentedFramesAsync(ILocator video) =>
        video.EvaluateAsync<int>("v => v.getVideoPlaybackQuality().totalVideoFrames");

    /// <summary>Waits until a video element shows new frames of roughly the expected colour.</summary>
    public static async Task ExpectVideoOfColourAsync(ILocator video, Rgb colour, string what)
    {
        var before = await PresentedFramesAsync(video);
        await Eventually.TrueAsync(async () => await PresentedFramesAsync(video) > before + 3, $"{what} to play");
        await Eventually.TrueAsync(async () =>
        {
            var rgb = await video.EvaluateAsync<int[]>(MediaProbe.CentrePixel);
            return colour.Resembles(new Rgb(rgb[0], rgb[1], rgb[2]));
        }, $"{what} to show {colour}");
    }

    public async Task<(int FramesDecoded, int AudioPackets)> InboundAsync()
    {
        var totals = await Page.EvaluateAsync<JsonElement>(MediaProbe.InboundTotals);
        return (totals.GetProperty("framesDecoded").GetInt32(), totals.GetProperty("audioPackets").GetInt32());
    }

    /// <summary>Waits until the remote video decodes new frames and audio packets keep arriving.</summary>
    public async Task ExpectRemoteMediaFlowingAsync()
    {
        var before = await InboundAsync();
        await Eventually.TrueAsync(async () =>
        {
            var now = await InboundAsync();
            return now.FramesDecoded > before.FramesDecoded + 5 && now.AudioPackets > before.AudioPackets + 5;
        }, $"{Name}'s remote video and audio to flow");
        await Eventually.TrueAsync(async () => await RemoteVideo.EvaluateAsync<int>("v => v.videoWidth") > 0, $"{Name}'s remote video to have a size");
    }

    public async Task<Rgb> RemoteCentreColourAsync()
    {
        var rgb = await RemoteVideo.EvaluateAsync<int[]>(MediaProbe.CentrePixel);
        return new Rgb(rgb[0], rgb[1], rgb[2]);
    }

    /// <summary>Every camera, microphone and shared screen track this person's page ever opened.</summary>
    public Task<string[]> LocalTrackStatesAsync() =>
        Page.EvaluateAsync<string[]>("() => [...[...window.__probe.streams, ...window.__probe.screens].flatMap(s => s.getTracks()), ...window.__probe.clones].map(t => t.readyState)");

    public Task<string[]> PeerConnectionStatesAsync() =>
        Page.EvaluateAsync<string[]>("() => window.__probe.peers.map(pc => pc.connectionState)");

    public void AssertNoErrors() => Assert.True(_errors.Count == 0, $"{Name}'s browser reported errors:\n{string.Join("\n", _errors)}");

    public async ValueTask DisposeAsync()
    {
        await IdleBrowsers.ReturnAsync(Browser, Context);
    }
}

public static class Eventually
{
    /// <summary>Polls a condition until it holds, for conditions that no web-first assertion expresses (stats, pixels).</summary>
    public static async Task TrueAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        var limit = timeout ?? TimeSpan.FromSeconds(15);
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > limit)
            {
                throw new TimeoutException($"Timed out after {limit.TotalSeconds:0} s waiting for {what}.");
            }
            await Task.Delay(100);
        }
    }
}
