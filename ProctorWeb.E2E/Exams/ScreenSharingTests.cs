using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using ProctorWeb.Data;
using ProctorWeb.E2E.Support;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace ProctorWeb.E2E.Exams;

public class ScreenSharingTests(ITestOutputHelper output) : BrowserTest(output)
{
    // Chromium's fake entire screen fills what the page asks for: Full HD, sent at half size until enlarged.
    private const int ScreenWidth = 1920;

    // Short clips, so the clip of a flag raised just before the end is whole soon after it.
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Clips:SecondsBefore"] = "4",
        ["Clips:SecondsAfter"] = "4",
        ["Clips:RecorderStepSeconds"] = "3",
    };

    /// <summary>
    /// One journey, as every launch of a browser costs seconds: refusing and sharing a window keep the student
    /// out; the proctor, who opens the monitor later, sees the screen small and then full; stopping the share is
    /// flagged until the student shares again on the same connection; a flag while sharing keeps a clip of the camera
    /// and one of the screen, both sent whole although the exam ends before their last seconds; the end stops every track.
    /// </summary>
    [Fact]
    public async Task OnlyAStudentSharingTheEntireScreenEntersAndTheProctorSeesItSmallThenFullAndAStoppedShareIsFlaggedUntilSharedAgain()
    {
        var owner = await App.CreateUserAsync("Tess");
        var (examId, links) = await App.CreateExamAsync(owner, DateTime.UtcNow.AddMinutes(-1), 30, exam => exam.RequireScreenShare = true, "Ada");
        var ada = await LaunchAsync("Ada", FakeCamera.Red, cameraSize: (640, 360), shareScreen: true);
        // The first request is refused as when the student cancels the picker; the second shares a window.
        await ada.Context.AddInitScriptAsync("window.__probe.screenAnswers.push('NotAllowedError', 'window');");
        var page = ada.Page;
        // What the page says of its clips (a refused upload, a clip with nothing recorded), for a failure's message.
        var pageWarnings = new List<string>();
        page.Console += (_, message) => { if (message.Type is "warning" or "error") pageWarnings.Add(message.Text); };
        await page.GotoAsync(links[0]);
        await Expect(page.GetByText("Screen sharing: you share your entire screen for the whole exam.")).ToBeVisibleAsync();
        await page.GetByLabel("I understand and agree").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue to the device check" }).ClickAsync();
        var share = page.GetByRole(AriaRole.Button, new() { Name = "Share your entire screen", Exact = true });
        var enter = page.GetByRole(AriaRole.Button, new() { Name = "Continue to the exam" });

        await share.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Screen sharing was refused.");
        await Expect(page.GetByText("We can hear you.")).ToBeVisibleAsync();
        await Expect(page.GetByText("Video can travel over your connection.")).ToBeVisibleAsync();
        await Expect(enter).ToBeDisabledAsync();

        await share.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("You shared a window, not your entire screen.");
        Assert.Equal(["ended"], await page.EvaluateAsync<string[]>("() => window.__probe.screens[0].getTracks().map(t => t.readyState)"));
        await Expect(enter).ToBeDisabledAsync();

        await share.ClickAsync();
        await Expect(page.GetByText("Your entire screen is shared.")).ToBeVisibleAsync();
        var screenshots = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "screenshots")).FullName;
        await page.ScreenshotAsync(new() { Path = Path.Combine(screenshots, "device-check-screen.png"), FullPage = true });
        await enter.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Exam in progress" })).ToBeVisibleAsync();

        // A proctor who comes after the student still gets the screen, beside the camera.
        var proctor = await ExamSteps.OpenMonitorAsync((n, c) => LaunchAsync(n, c), App, owner, examId);
        var monitor = proctor.Page;
        var screen = ExamSteps.Tile(monitor, "Ada").GetByLabel("Ada's screen", new() { Exact = true });
        await Person.ExpectVideoOfColourAsync(ExamSteps.TileVideo(monitor, "Ada"), FakeCamera.Red, "Ada's camera");
        await ExpectDecodingAsync(screen, "Ada's screen");
        await ExpectScreenWidthAsync(screen, ScreenWidth / 2);
        var centre = await screen.EvaluateAsync<int[]>(MediaProbe.CentrePixel);
        Assert.False(FakeCamera.Red.Resembles(new Rgb(centre[0], centre[1], centre[2])), "The screen's picture is the camera's.");
        await Expect(ExamSteps.Tile(monitor, "Ada").GetByText("No screen shared")).ToBeHiddenAsync();
        await monitor.ScreenshotAsync(new() { Path = Path.Combine(screenshots, "monitor-screen.png") });

        // Enlarging the screen asks for all of it; shrinking, for the small picture again.
        var small = await InboundAsync(screen);
        await monitor.GetByRole(AriaRole.Button, new() { Name = "Enlarge screen of Ada", Exact = true }).ClickAsync();
        await ExpectScreenWidthAsync(screen, ScreenWidth);
        await monitor.ScreenshotAsync(new() { Path = Path.Combine(screenshots, "monitor-screen-enlarged.png") });
        await Eventually.TrueAsync(async () => (await InboundAsync(screen)).GetProperty("fps").GetDouble() > small.GetProperty("fps").GetDouble() + 2, "the enlarged screen to arrive at more frames a second");
        Output.WriteLine($"Screen small: {small}; enlarged: {await InboundAsync(screen)}");
        await monitor.GetByRole(AriaRole.Button, new() { Name = "Shrink screen of Ada", Exact = true }).ClickAsync();
        await ExpectScreenWidthAsync(screen, ScreenWidth / 2);

        // The browser's own "Stop sharing" ends the capture, and only then does the track fire "ended".
        var peers = await page.EvaluateAsync<int>("() => window.__probe.peers.length");
        await page.EvaluateAsync("() => { const [track] = window.__probe.screens.at(-1).getVideoTracks(); track.stop(); track.dispatchEvent(new Event('ended')); }");
        var shareAgain = page.GetByRole(AriaRole.Button, new() { Name = "Share your entire screen again" });
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("You stopped sharing your screen");
        var badge = ExamSteps.Badges(monitor, "Ada").GetByText("Screen sharing stopped");
        await Expect(badge).ToHaveClassAsync("badge active");
        await Expect(ExamSteps.Tile(monitor, "Ada").GetByText("No screen shared")).ToBeVisibleAsync();
        await monitor.ScreenshotAsync(new() { Path = Path.Combine(screenshots, "monitor-screen-stopped.png") });
        await page.ScreenshotAsync(new() { Path = Path.Combine(screenshots, "exam-room-share-again.png") });
        await Eventually.TrueAsync(async () => (await ScreenFlagsAsync()).Any(f => f.EndedAtUtc is null), "the stopped share to be stored as a flag going on");

        await shareAgain.ClickAsync();
        await Expect(shareAgain).ToBeHiddenAsync();
        await ExpectDecodingAsync(screen, "Ada's screen shared again");
        await Expect(badge).ToHaveClassAsync("badge");
        await Expect(ExamSteps.Tile(monitor, "Ada").GetByText("No screen shared")).ToBeHiddenAsync();
        var flag = Assert.Single(await ScreenFlagsAsync());
        Assert.NotNull(flag.EndedAtUtc);
        Assert.Equal(peers, await page.EvaluateAsync<int>("() => window.__probe.peers.length"));

        await page.GetByLabel("Scratch pad (not saved, not seen by proctors)").FocusAsync();
        await page.Keyboard.PressAsync("Control+V");
        await Expect(ExamSteps.Badges(monitor, "Ada")).ToContainTextAsync("Paste");

        // When the exam ends, nothing of the student's is captured any more: camera, microphone and screen.
        await monitor.GetByText("End exam for everyone…").ClickAsync();
        await monitor.GetByRole(AriaRole.Button, new() { Name = "Yes, end the exam now" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Exam over" })).ToBeVisibleAsync();
        Assert.Equal(3, await page.EvaluateAsync<int>("() => window.__probe.screens.length"));
        Assert.All(await ada.LocalTrackStatesAsync(), state => Assert.Equal("ended", state));
        var paste = (await App.FlagsOfAsync("Ada")).Single(f => f.Kind == "paste");
        // The clips that show the paste, as its timeline picks them: its own, or those of a flag raised with it (the
        // page records one clip for flags within 3 s of each other, and a loaded machine may raise another then).
        async Task<List<string>> WholeSourcesShowingThePasteAsync() => (await App.ClipsOfAsync("Ada"))
            .Where(c => c.Complete && ProctorWeb.Evidence.ClipCoverage.Shows(new(c.Id, c.RosterEntryId, c.FlagId, c.StartedAtUtc, c.EndedAtUtc), c.RosterEntryId, paste.Id, paste.StartedAtUtc))
            .Select(c => c.Source).Distinct().Order().ToList();
        // Up to a minute: a chunk lost under a loaded full run is retried up to 15 s later, and there are two clips.
        try
        {
            await Eventually.TrueAsync(async () => (await WholeSourcesShowingThePasteAsync()).Count == 2, "the paste's two clips to be whole", TimeSpan.FromSeconds(60));
        }
        catch (TimeoutException timedOut)
        {
            var clips = (await App.ClipsOfAsync("Ada")).Select(c => $"#{c.Id} flag {c.FlagId} {c.Source} {c.StartedAtUtc:HH:mm:ss.fff}-{c.EndedAtUtc:HH:mm:ss.fff} {c.ReceivedBytes}/{c.DeclaredBytes} B complete {c.Complete}");
            var flags = (await App.FlagsOfAsync("Ada")).Select(f => $"#{f.Id} {f.Kind} {f.StartedAtUtc:HH:mm:ss.fff}-{f.EndedAtUtc:HH:mm:ss.fff}");
            throw new TimeoutException($"{timedOut.Message}\nClips: {string.Join("; ", clips)}\nFlags: {string.Join("; ", flags)}\nPage said: {string.Join(" | ", pageWarnings)}", timedOut);
        }
        Assert.Equal(["camera", "screen"], await WholeSourcesShowingThePasteAsync());
        Output.WriteLine($"Flags: {string.Join("; ", (await App.FlagsOfAsync("Ada")).Select(f => $"{f.Kind} {f.StartedAtUtc:HH:mm:ss.fff}"))}");
        proctor.AssertNoErrors();
        ada.AssertNoErrors();
    }

    private static async Task<JsonElement> InboundAsync(ILocator video) =>
        await video.EvaluateAsync<JsonElement?>(MediaProbe.InboundOfVideo) ?? throw new InvalidOperationException("The video shows no received track.");

    /// <summary>Waits until the video's own track decodes new frames (not merely that the element exists).</summary>
    private static async Task ExpectDecodingAsync(ILocator video, string what)
    {
        await Eventually.TrueAsync(async () => await video.EvaluateAsync<JsonElement?>(MediaProbe.InboundOfVideo) is not null, $"{what} to arrive");
        var before = (await InboundAsync(video)).GetProperty("framesDecoded").GetInt32();
        await Eventually.TrueAsync(async () => (await InboundAsync(video)).GetProperty("framesDecoded").GetInt32() > before + 2, $"{what} to decode frames");
    }

    private static Task ExpectScreenWidthAsync(ILocator screen, int width) =>
        Eventually.TrueAsync(async () => await screen.EvaluateAsync<int>("v => v.videoWidth") == width, $"the screen to arrive {width} pixels wide");

    private async Task<List<Flag>> ScreenFlagsAsync()
    {
        using var scope = App.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return await db.Flags.AsNoTracking().Where(f => f.Kind == "screen-share-stopped").ToListAsync();
    }
}
