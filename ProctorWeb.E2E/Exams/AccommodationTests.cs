using Microsoft.Playwright;
using ProctorWeb.E2E.Support;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace ProctorWeb.E2E.Exams;

public class AccommodationTests(ITestOutputHelper output) : BrowserTest(output)
{
    [Fact]
    public async Task AStudentExemptFromFullscreenIsNotAskedForItAndRaisesNoFlagWhileAnotherDoesAndTheProctorSeesWhy()
    {
        var owner = await App.CreateUserAsync("Tess");
        var (examId, links) = await App.CreateExamAsync(owner, DateTime.UtcNow.AddMinutes(-1), 30, requireFullscreen: true, "Ada", "Ben");
        var proctor = await ExamSteps.OpenMonitorAsync((n, c) => LaunchAsync(n, c), App, owner, examId);

        // The owner gives Ada ten extra minutes and a fullscreen exemption on the roster, with the monitor open beside it.
        var details = await proctor.Context.NewPageAsync();
        await details.GotoAsync(App.Url($"/Exams/{examId}"));
        await details.GetByLabel("Select Ada", new() { Exact = true }).CheckAsync();
        await details.GetByLabel("Extra minutes").FillAsync("10");
        await details.GetByLabel("Fullscreen", new() { Exact = true }).CheckAsync();
        await details.GetByRole(AriaRole.Button, new() { Name = "Set for the ticked students" }).ClickAsync();
        await Expect(details.GetByRole(AriaRole.Status)).ToContainTextAsync("Gave +10 min; exempt from fullscreen to 1 student.");

        var adasTile = ExamSteps.Tile(proctor.Page, "Ada").GetByLabel("Accommodations of Ada");
        await Expect(adasTile).ToContainTextAsync("+10 min, ends");
        await Expect(adasTile).ToContainTextAsync("Exempt: Fullscreen");
        await Expect(ExamSteps.Tile(proctor.Page, "Ben").GetByLabel("Accommodations of Ben")).ToBeHiddenAsync();

        var ada = await LaunchAsync("Ada", FakeCamera.Red);
        var ben = await LaunchAsync("Ben", FakeCamera.Blue);
        await ExamSteps.JoinRunningExamAsync(ada, links[0]);
        await ExamSteps.JoinRunningExamAsync(ben, links[1]);

        // Ben is asked for fullscreen and flagged once he leaves it; Ada is never asked, and her clock counts to her own end.
        await ben.Page.GetByRole(AriaRole.Button, new() { Name = "Enter fullscreen" }).ClickAsync();
        await Expect(ben.Page.GetByRole(AriaRole.Button, new() { Name = "Enter fullscreen" })).ToBeHiddenAsync();
        await ben.Page.EvaluateAsync("() => document.exitFullscreen()");
        await Expect(ExamSteps.Badges(proctor.Page, "Ben")).ToContainTextAsync("Left fullscreen");
        await Expect(ada.Page.GetByRole(AriaRole.Button, new() { Name = "Enter fullscreen" })).ToBeHiddenAsync();
        await Expect(ada.Page.GetByText("(your time includes 10 extra minutes)")).ToBeVisibleAsync();
        await Eventually.TrueAsync(async () => (await App.FlagsOfAsync("Ben")).Any(f => f.Kind == "fullscreen-exited"), "Ben's fullscreen flag to be stored");
        Assert.DoesNotContain(await App.FlagsOfAsync("Ada"), f => f.Kind == "fullscreen-exited");
        await Expect(ExamSteps.Badges(proctor.Page, "Ada")).Not.ToContainTextAsync("Left fullscreen");
        proctor.AssertNoErrors();
    }
}
