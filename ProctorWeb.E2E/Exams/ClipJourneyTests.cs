using System.Security.Cryptography;
using Microsoft.Playwright;
using ProctorWeb.Data;
using ProctorWeb.E2E.Support;
using Clip = ProctorWeb.Data.Clip;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace ProctorWeb.E2E.Exams;

public class ClipJourneyTests(ITestOutputHelper output) : BrowserTest(output)
{
    // Short clips keep the journeys short; the rules are the same at the default 10 s + 10 s.
    private const int Before = 4;
    private const int After = 4;
    private const int Step = 3;
    private static readonly (int, int) StudentCamera = (640, 360);

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Clips:SecondsBefore"] = $"{Before}",
        ["Clips:SecondsAfter"] = $"{After}",
        ["Clips:RecorderStepSeconds"] = $"{Step}",
        // Small chunks: a clip takes many requests, as a long clip on a slow line does.
        ["Clips:ChunkBytes"] = "16384",
    };

    /// <summary>
    /// One journey, as every launch of a browser costs seconds: the flag's clip is sent over a connection that drops
    /// twice (a chunk whose answer is lost, and one that never leaves), and still ends as one whole clip.
    /// </summary>
    [Fact]
    public async Task SwitchingAwayAndAProctorsKeepEachLeaveOneWholeClipThatPlaysOnTheTimelineInTheStudentsCameraColourEvenOverADroppingConnection()
    {
        var owner = await App.CreateUserAsync("Tess");
        var (examId, links) = await App.CreateExamAsync(owner, DateTime.UtcNow.AddMinutes(-1), 30, "Ada");
        var proctor = await ExamSteps.OpenMonitorAsync((n, c) => LaunchAsync(n, c), App, owner, examId);
        var ada = await LaunchAsync("Ada", FakeCamera.Red, cameraSize: StudentCamera);
        await ExamSteps.JoinRunningExamAsync(ada, links[0]);
        await Expect(ExamSteps.Tile(proctor.Page, "Ada")).ToContainTextAsync("Live");
        await RecordedLongEnoughAsync(ada);
        var chunks = await DropSecondAndFourthChunkAsync(ada);

        await ExamSteps.SwitchToAnotherTabAsync(ada);
        await Expect(ExamSteps.Badges(proctor.Page, "Ada")).ToContainTextAsync("Left the exam page");
        await ada.Page.BringToFrontAsync();
        var flagClip = await WholeClipAsync("Ada", ClipKinds.Flag);
        Assert.Equal((await App.FlagsOfAsync("Ada")).Single(f => f.Kind == "left-page").Id, flagClip.FlagId);
        Assert.True(chunks() > 4, $"The clip took {chunks()} chunk requests: the dropped ones were not exercised.");
        Assert.Single(await App.ClipsOfAsync("Ada"));

        await proctor.Page.GetByRole(AriaRole.Button, new() { Name = "Keep a clip of Ada" }).ClickAsync();
        await Expect(proctor.Page.Locator("#monitor-status")).ToContainTextAsync("Keeping a clip of Ada");
        var keptClip = await WholeClipAsync("Ada", ClipKinds.Kept);

        foreach (var clip in new[] { flagClip, keptClip })
        {
            AssertSpan(clip);
            AssertFileIsTheEvidence(clip);
        }
        Assert.Empty(Directory.GetFiles(App.ClipFolder, "*.part"));

        var timeline = await proctor.Page.RunAndWaitForPopupAsync(() =>
            proctor.Page.GetByRole(AriaRole.Link, new() { Name = "Timeline of Ada" }).ClickAsync());
        // The kept clip may show the flag's moment too, and is then offered beside it as well.
        var leftPage = timeline.GetByRole(AriaRole.Listitem).Filter(new() { HasText = "Flag: Left the exam page" });
        await AssertPlaysAsync(leftPage.Locator($"video.clip-player[data-clip='{flagClip.Id}']"), FakeCamera.Red);
        var kept = timeline.GetByRole(AriaRole.Listitem).Filter(new() { HasText = "Clip kept at the request of Tess" });
        await AssertPlaysAsync(kept.Locator($"video.clip-player[data-clip='{keptClip.Id}']"), FakeCamera.Red);

        await timeline.GotoAsync(App.Url($"/Exams/{examId}/Report"));
        await Expect(timeline.GetByRole(AriaRole.Row).Filter(new() { HasText = "Ada" })).ToContainTextAsync("1 of 1");
        proctor.AssertNoErrors();
    }

    /// <summary>The second chunk request reaches the server but its answer is lost; the fourth never leaves the student's computer.</summary>
    private static async Task<Func<int>> DropSecondAndFourthChunkAsync(Person student)
    {
        var chunks = 0;
        await student.Page.RouteAsync("**/Join/Clips?handler=Chunk*", async route =>
        {
            switch (Interlocked.Increment(ref chunks))
            {
                case 2:
                    await route.FetchAsync();
                    await route.AbortAsync("connectionreset");
                    break;
                case 4:
                    await route.AbortAsync("internetdisconnected");
                    break;
                default:
                    await route.ContinueAsync();
                    break;
            }
        });
        return () => Volatile.Read(ref chunks);
    }

    /// <summary>The page's recorders need the seconds before a moment to have passed before they can hold them.</summary>
    private static async Task RecordedLongEnoughAsync(Person student)
    {
        var since = await student.Page.EvaluateAsync<double>("() => performance.now()");
        await student.Page.WaitForFunctionAsync("a => performance.now() - a.since > a.ms", new { since, ms = (Before + Step) * 1000 }, new() { PollingInterval = 250 });
    }

    private async Task<Clip> WholeClipAsync(string student, string kind)
    {
        Clip? found = null;
        await Eventually.TrueAsync(async () => (found = (await App.ClipsOfAsync(student)).FirstOrDefault(c => c.Kind == kind && c.Complete)) is not null,
            $"a whole {kind} clip of {student}", TimeSpan.FromSeconds(45));
        return found!;
    }

    private void AssertSpan(Clip clip)
    {
        var seconds = (clip.EndedAtUtc - clip.StartedAtUtc).TotalSeconds;
        Output.WriteLine($"{clip.Kind} clip: {seconds:0.0} s, {clip.DeclaredBytes} bytes");
        Assert.InRange(seconds, Before + After - 1.5, Before + Step + After + 3);
    }

    /// <summary>The file on disk is exactly what the database says: its length and its SHA-256.</summary>
    private void AssertFileIsTheEvidence(Clip clip)
    {
        var bytes = File.ReadAllBytes(Path.Combine(App.ClipFolder, clip.FileName));
        Assert.Equal(clip.DeclaredBytes, bytes.Length);
        Assert.Equal(clip.Sha256, Convert.ToHexStringLower(SHA256.HashData(bytes)));
        // A WebM file starts with the EBML magic number.
        Assert.Equal(new byte[] { 0x1A, 0x45, 0xDF, 0xA3 }, bytes[..4]);
    }

    /// <summary>The player learns the clip's length, about the configured span, and shows the student's camera colour.</summary>
    private async Task AssertPlaysAsync(ILocator player, Rgb colour)
    {
        // A player loads once the proctor scrolls to it.
        await player.ScrollIntoViewIfNeededAsync();
        await Expect(player).ToHaveAttributeAsync("data-duration", new System.Text.RegularExpressions.Regex(@"^\d+(\.\d+)?$"), new() { Timeout = 15_000 });
        var duration = double.Parse(await player.GetAttributeAsync("data-duration") ?? "0", System.Globalization.CultureInfo.InvariantCulture);
        Output.WriteLine($"Player's duration: {duration:0.00} s");
        Assert.InRange(duration, Before + After - 1.5, Before + Step + After + 3);
        await player.EvaluateAsync("v => { v.muted = true; return v.play(); }");
        await Expect(player).ToHaveJSPropertyAsync("paused", false);
        await player.EvaluateAsync("v => new Promise(resolve => { const check = () => v.currentTime > 1 ? resolve() : v.requestVideoFrameCallback(check); check(); })");
        var rgb = await player.EvaluateAsync<int[]>(MediaProbe.CentrePixel);
        Assert.True(colour.Resembles(new Rgb(rgb[0], rgb[1], rgb[2])), $"The clip shows rgb({string.Join(", ", rgb)}), not the camera's {colour}.");
    }
}
