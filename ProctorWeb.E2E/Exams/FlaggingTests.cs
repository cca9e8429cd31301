using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using ProctorWeb.Data;
using ProctorWeb.E2E.Support;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace ProctorWeb.E2E.Exams;

public class FlaggingTests(ITestOutputHelper output) : BrowserTest(output)
{
    private static readonly (int, int) StudentCamera = (640, 360);

    [Fact]
    public async Task SwitchingAwayShowsOnTheProctorsTileWithinTwoSecondsAndPasteAndADarkCameraToo()
    {
        var owner = await App.CreateUserAsync("Tess");
        var (examId, links) = await App.CreateExamAsync(owner, DateTime.UtcNow.AddMinutes(-1), 30, "Ada", "Ben");
        var proctor = await ExamSteps.OpenMonitorAsync((n, c) => LaunchAsync(n, c), App, owner, examId);
        var ada = await LaunchAsync("Ada", FakeCamera.Red, cameraSize: StudentCamera);
        var ben = await LaunchAsync("Ben", FakeCamera.Black, cameraSize: StudentCamera, speaking: true);
        await ExamSteps.JoinRunningExamAsync(ada, links[0]);
        await ExamSteps.JoinRunningExamAsync(ben, links[1]);
        await Expect(ExamSteps.Tile(proctor.Page, "Ada")).ToContainTextAsync("Live");

        // Ben's camera shows black: covered; and his microphone hears a voice that goes on.
        await Expect(ExamSteps.Badges(proctor.Page, "Ben")).ToContainTextAsync("Camera covered or dark");
        await Expect(ExamSteps.Badges(proctor.Page, "Ben")).ToContainTextAsync("Voice or noise");

        // Ada switches to another tab.
        await ada.Page.EvaluateAsync("() => window.addEventListener('blur', () => { window.__leftAt = performance.timeOrigin + performance.now(); }, { once: true })");
        await proctor.Page.EvaluateAsync("""
            () => {
                const badges = [...document.querySelectorAll('ul.badges')].find(b => b.getAttribute('aria-label') === 'Flags of Ada');
                new MutationObserver((_, observer) => {
                    if (badges.textContent.includes('Left the exam page')) { window.__badgeAt = performance.timeOrigin + performance.now(); observer.disconnect(); }
                }).observe(badges, { childList: true, subtree: true, characterData: true });
            }
            """);
        await ExamSteps.SwitchToAnotherTabAsync(ada);

        await Expect(ExamSteps.Badges(proctor.Page, "Ada")).ToContainTextAsync("Left the exam page");
        var leftAt = await ada.Page.EvaluateAsync<double>("() => window.__leftAt");
        var badgeAt = await proctor.Page.EvaluateAsync<double>("() => window.__badgeAt");
        // Measured and reported, not enforced: this machine is shared and its timing noisy.
        Output.WriteLine($"Student left the page to proctor's badge: {badgeAt - leftAt:0} ms (grace 1000 ms included)");
        Assert.True(badgeAt > leftAt, "The badge appeared before the student left the page.");
        await Expect(ada.Page.GetByText("Your proctors were notified: Left the exam page.")).ToBeVisibleAsync();

        await ada.Page.BringToFrontAsync();
        await ada.Page.GetByLabel("Scratch pad (not saved, not seen by proctors)").FocusAsync();
        await ada.Page.Keyboard.PressAsync("Control+V");
        await Expect(ExamSteps.Badges(proctor.Page, "Ada")).ToContainTextAsync("Paste");

        // The tab flag ends once Ada is back, and the record shows how long she was away.
        await Eventually.TrueAsync(async () => (await App.FlagsOfAsync("Ada")).Any(f => f.Kind == "left-page" && f.EndedAtUtc is not null), "the tab flag to end");
        var flags = await App.FlagsOfAsync("Ada");
        var away = flags.Single(f => f.Kind == "left-page");
        Assert.InRange((away.EndedAtUtc!.Value - away.StartedAtUtc).TotalSeconds, 0.1, 30);
        Assert.Single(flags, f => f.Kind == "paste");
        // Chromium's own fake microphone only beeps, and the fake camera moves: nothing else was flagged.
        Assert.Equal(["left-page", "paste"], flags.Select(f => f.Kind).Order());
        proctor.AssertNoErrors();
    }

    [Fact]
    public async Task AFlagRaisedWhileTheServerIsUnreachableArrivesOnceWhenTheConnectionIsBack()
    {
        var owner = await App.CreateUserAsync("Tess");
        var (examId, links) = await App.CreateExamAsync(owner, DateTime.UtcNow.AddMinutes(-1), 30, "Ada");
        var proctor = await ExamSteps.OpenMonitorAsync((n, c) => LaunchAsync(n, c), App, owner, examId);
        var ada = await LaunchAsync("Ada", FakeCamera.Red, cameraSize: StudentCamera);
        await ExamSteps.JoinRunningExamAsync(ada, links[0]);

        await ada.Context.SetOfflineAsync(true);
        await Expect(ada.Status).ToContainTextAsync("Reconnecting", new() { Timeout = 15_000 });
        // The lost connection is a flag of its own, a second later: its notice would replace the paste's.
        await Expect(ada.Page.GetByText("Your proctors were notified: Lost connection to the server.")).ToBeVisibleAsync();
        await ada.Page.GetByLabel("Scratch pad (not saved, not seen by proctors)").FocusAsync();
        await ada.Page.Keyboard.PressAsync("Control+V");
        await Expect(ada.Page.GetByText("Your proctors were notified: Paste.")).ToBeVisibleAsync();
        Assert.DoesNotContain(await App.FlagsOfAsync("Ada"), f => f.Kind == "paste");

        await ada.Context.SetOfflineAsync(false);
        await Expect(ExamSteps.Badges(proctor.Page, "Ada")).ToContainTextAsync("Paste", new() { Timeout = 20_000 });
        await Expect(ExamSteps.Badges(proctor.Page, "Ada")).ToContainTextAsync("Lost connection to the server");
        await Expect(ExamSteps.Tile(proctor.Page, "Ada")).ToContainTextAsync("Live");
        Assert.Single(await App.FlagsOfAsync("Ada"), f => f.Kind == "paste");
        Assert.Equal(0, await ada.Page.EvaluateAsync<int>("() => JSON.parse(localStorage.getItem(Object.keys(localStorage).find(k => k.startsWith('proctorweb.flags.')))).length"));
    }

    [Fact]
    public async Task LeavingFullscreenIsFlaggedOnlyOnceTheStudentHasBeenInIt()
    {
        var owner = await App.CreateUserAsync("Tess");
        var (examId, links) = await App.CreateExamAsync(owner, DateTime.UtcNow.AddMinutes(-1), 30, requireFullscreen: true, "Ada", "Ben");
        var proctor = await ExamSteps.OpenMonitorAsync((n, c) => LaunchAsync(n, c), App, owner, examId);
        var ada = await LaunchAsync("Ada", FakeCamera.Red, cameraSize: StudentCamera);
        await ExamSteps.JoinRunningExamAsync(ada, links[0]);
        // Ben's browser has no Fullscreen API, as iPhone Safari: nothing to ask of him, and the proctor is told.
        var ben = await LaunchAsync("Ben", FakeCamera.Green, cameraSize: StudentCamera);
        await ben.Context.AddInitScriptAsync("Object.defineProperty(Document.prototype, 'fullscreenEnabled', { get: () => false });");
        await ExamSteps.JoinRunningExamAsync(ben, links[1]);
        await Expect(ExamSteps.Tile(proctor.Page, "Ben")).ToContainTextAsync("No fullscreen on this device: leaving it is not flagged");
        await Expect(ben.Page.GetByRole(AriaRole.Button, new() { Name = "Enter fullscreen" })).ToBeHiddenAsync();

        // Not yet in fullscreen, and not flagged for it: nobody could have pressed anything yet. Leaving the page,
        // flagged after the same grace, shows the detectors ran long enough to have raised it.
        await ExamSteps.SwitchToAnotherTabAsync(ada);
        await Expect(ExamSteps.Badges(proctor.Page, "Ada")).ToContainTextAsync("Left the exam page");
        await ada.Page.BringToFrontAsync();
        await Expect(ExamSteps.Badges(proctor.Page, "Ada")).Not.ToContainTextAsync("Left fullscreen");
        Assert.DoesNotContain(await App.FlagsOfAsync("Ada"), f => f.Kind == "fullscreen-exited");

        await ada.Page.GetByRole(AriaRole.Button, new() { Name = "Enter fullscreen" }).ClickAsync();
        await Expect(ada.Page.GetByRole(AriaRole.Button, new() { Name = "Enter fullscreen" })).ToBeHiddenAsync();
        Assert.True(await ada.Page.EvaluateAsync<bool>("() => document.fullscreenElement !== null"));
        await Eventually.TrueAsync(async () => (await App.FlagsOfAsync("Ada")).All(f => f.EndedAtUtc is not null), "the left-page flag to end");
        var before = (await App.FlagsOfAsync("Ada")).Count;

        await ada.Page.EvaluateAsync("() => document.exitFullscreen()");

        await Expect(ada.Page.GetByRole(AriaRole.Button, new() { Name = "Enter fullscreen" })).ToBeVisibleAsync();
        await Expect(ExamSteps.Badges(proctor.Page, "Ada")).ToContainTextAsync("Left fullscreen");
        await Eventually.TrueAsync(async () => (await App.FlagsOfAsync("Ada")).Count == before + 1, "the new flag to be stored");
        Assert.Equal("fullscreen-exited", (await App.FlagsOfAsync("Ada")).Last().Kind);
        Assert.DoesNotContain(await App.FlagsOfAsync("Ben"), f => f.Kind == "fullscreen-exited");
    }

    [Fact]
    public async Task AProctorConfirmsOneFlagAndDismissesAnotherAndTheCsvSaysExactlyThat()
    {
        var owner = await App.CreateUserAsync("Tess");
        var (examId, links) = await App.CreateExamAsync(owner, DateTime.UtcNow.AddMinutes(-1), 30, "Ada");
        var proctor = await ExamSteps.OpenMonitorAsync((n, c) => LaunchAsync(n, c), App, owner, examId);
        var ada = await LaunchAsync("Ada", FakeCamera.Red, cameraSize: StudentCamera);
        await ExamSteps.JoinRunningExamAsync(ada, links[0]);

        await ExamSteps.SwitchToAnotherTabAsync(ada);
        await Expect(ExamSteps.Badges(proctor.Page, "Ada")).ToContainTextAsync("Left the exam page");
        await ada.Page.BringToFrontAsync();
        await ada.Page.GetByLabel("Scratch pad (not saved, not seen by proctors)").FocusAsync();
        await ada.Page.Keyboard.PressAsync("Control+V");
        await Expect(ExamSteps.Badges(proctor.Page, "Ada")).ToContainTextAsync("Paste");
        await Eventually.TrueAsync(async () => (await App.FlagsOfAsync("Ada")).All(f => f.EndedAtUtc is not null), "both flags to end");

        var timeline = await proctor.Page.RunAndWaitForPopupAsync(() =>
            proctor.Page.GetByRole(AriaRole.Link, new() { Name = "Timeline of Ada" }).ClickAsync());
        await Expect(timeline.GetByRole(AriaRole.Heading, new() { Name = "Ada" })).ToBeVisibleAsync();
        var leftPage = timeline.GetByRole(AriaRole.Listitem).Filter(new() { HasText = "Left the exam page" });
        await Expect(leftPage).ToContainTextAsync(new System.Text.RegularExpressions.Regex(@"\d+ s"));
        await leftPage.GetByLabel("Note (optional)").FillAsync("Looked at another tab, \"twice\"");
        await timeline.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Confirm Left the exam page") }).ClickAsync();
        await Expect(timeline.GetByRole(AriaRole.Status)).ToContainTextAsync("Confirmed");
        await timeline.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Dismiss Paste") }).ClickAsync();
        await Expect(timeline.GetByRole(AriaRole.Status)).ToContainTextAsync("Dismissed");

        await timeline.GotoAsync(App.Url($"/Exams/{examId}/Report"));
        var download = await timeline.RunAndWaitForDownloadAsync(() =>
            timeline.GetByRole(AriaRole.Link, new() { Name = "Download flags (CSV)" }).ClickAsync());
        var csv = (await File.ReadAllTextAsync(await download.PathAsync())).TrimStart('\uFEFF');
        var rows = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1).ToList();
        Output.WriteLine(csv);
        Assert.Equal(2, rows.Count);
        Assert.Single(rows, r => r.Contains("Left the exam page") && r.Contains(",\"confirmed\",") && r.Contains("Looked at another tab, \"\"twice\"\""));
        Assert.Single(rows, r => r.Contains("Paste") && r.Contains(",\"dismissed\","));
    }
}
