using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using ProctorWeb.Data;
using ProctorWeb.E2E.Support;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace ProctorWeb.E2E.Exams;

public class ReconnectionTests(ITestOutputHelper output) : BrowserTest(output)
{
    private static readonly (int, int) StudentCamera = (640, 360);

    [Fact]
    public async Task AStudentWhoseNetworkDropsForTenSecondsShowsAsReconnectingAndComesBackLive()
    {
        var owner = await App.CreateUserAsync("Tess");
        var (examId, links) = await App.CreateExamAsync(owner, DateTime.UtcNow.AddMinutes(-1), 30, "Ada");
        var proctor = await ExamSteps.OpenMonitorAsync((n, c) => LaunchAsync(n, c), App, owner, examId);
        var ada = await LaunchAsync("Ada", FakeCamera.Red, cameraSize: StudentCamera);
        await ExamSteps.JoinRunningExamAsync(ada, links[0]);
        var tile = ExamSteps.Tile(proctor.Page, "Ada");
        await Person.ExpectVideoOfColourAsync(tile.Locator("video"), FakeCamera.Red, "Ada's tile");

        var outage = Stopwatch.StartNew();
        await ada.Context.SetOfflineAsync(true);
        await Expect(tile).ToContainTextAsync("Reconnecting", new() { Timeout = 15_000 });
        // The scenario is a ten-second outage: this wait is the outage itself, not a guess at timing.
        var rest = TimeSpan.FromSeconds(10) - outage.Elapsed;
        if (rest > TimeSpan.Zero)
        {
            await Task.Delay(rest);
        }
        await ada.Context.SetOfflineAsync(false);
        var back = Stopwatch.StartNew();

        await Expect(tile).ToContainTextAsync("Live", new() { Timeout = 15_000 });
        var liveAfter = back.Elapsed;
        await Person.ExpectVideoOfColourAsync(tile.Locator("video"), FakeCamera.Red, "Ada's tile after the outage");
        Output.WriteLine($"Network back to tile live: {liveAfter.TotalMilliseconds:0} ms; to new frames: {back.Elapsed.TotalMilliseconds:0} ms");

        await App.AttendanceWrittenAsync();
        using var scope = App.Services.CreateScope();
        var attendance = await scope.ServiceProvider.GetRequiredService<AppDbContext>().Attendance.AsNoTracking()
            .Where(a => a.RosterEntry!.Name == "Ada").OrderBy(a => a.Id).ToListAsync();
        Assert.Equal([AttendanceKinds.Joined, AttendanceKinds.Left, AttendanceKinds.Rejoined], attendance.Select(a => a.Kind));
        var gap = attendance[2].AtUtc - attendance[1].AtUtc;
        Output.WriteLine($"Gap in attendance: {gap.TotalSeconds:0.0} s");
        Assert.InRange(gap.TotalSeconds, 1, 60);
    }

    [Fact]
    public async Task TheSameLinkOpenedInASecondTabCarriesOnThereWhileTheFirstTabSaysSoAndTheProctorSeesTheMove()
    {
        var owner = await App.CreateUserAsync("Tess");
        var (examId, links) = await App.CreateExamAsync(owner, DateTime.UtcNow.AddMinutes(-1), 30, "Ada");
        var proctor = await ExamSteps.OpenMonitorAsync((n, c) => LaunchAsync(n, c), App, owner, examId);
        var ada = await LaunchAsync("Ada", FakeCamera.Red, cameraSize: StudentCamera);
        await ExamSteps.JoinRunningExamAsync(ada, links[0]);
        await Person.ExpectVideoOfColourAsync(ExamSteps.TileVideo(proctor.Page, "Ada"), FakeCamera.Red, "Ada's tile");

        var secondTab = await ada.OpenAnotherTabAsync();
        await ExamSteps.JoinRunningExamAsync(ada, links[0], secondTab);

        // Not "Exam over": the exam is not over, it moved.
        await Expect(ada.Page.GetByRole(AriaRole.Heading, new() { Name = "This exam goes on in your other tab" })).ToBeVisibleAsync();
        await Eventually.TrueAsync(async () => (await ada.LocalTrackStatesAsync()).All(state => state == "ended"), "the first tab's camera to stop");
        await Expect(ExamSteps.Tile(proctor.Page, "Ada")).ToContainTextAsync("Moved to another tab or device");
        await Person.ExpectVideoOfColourAsync(ExamSteps.TileVideo(proctor.Page, "Ada"), FakeCamera.Red, "Ada's tile from her second tab");
        // The old tab stays stopped: it does not reconnect and take the exam back.
        await Expect(secondTab.GetByRole(AriaRole.Heading, new() { Name = "Exam in progress" })).ToBeVisibleAsync();
        proctor.AssertNoErrors();
    }

    [Fact]
    public async Task AProctorWhoReloadsTheMonitorSeesEveryLiveStudentAgain()
    {
        var owner = await App.CreateUserAsync("Tess");
        var (examId, links) = await App.CreateExamAsync(owner, DateTime.UtcNow.AddMinutes(-1), 30, "Ada", "Ben");
        var proctor = await ExamSteps.OpenMonitorAsync((n, c) => LaunchAsync(n, c), App, owner, examId);
        var ada = await LaunchAsync("Ada", FakeCamera.Red, cameraSize: StudentCamera);
        var ben = await LaunchAsync("Ben", FakeCamera.Green, cameraSize: StudentCamera);
        await ExamSteps.JoinRunningExamAsync(ada, links[0]);
        await ExamSteps.JoinRunningExamAsync(ben, links[1]);
        await Person.ExpectVideoOfColourAsync(ExamSteps.Tile(proctor.Page, "Ben").Locator("video"), FakeCamera.Green, "Ben's tile");

        var reload = Stopwatch.StartNew();
        await proctor.Page.ReloadAsync();

        await Person.ExpectVideoOfColourAsync(ExamSteps.Tile(proctor.Page, "Ada").Locator("video"), FakeCamera.Red, "Ada's tile after the reload");
        await Person.ExpectVideoOfColourAsync(ExamSteps.Tile(proctor.Page, "Ben").Locator("video"), FakeCamera.Green, "Ben's tile after the reload");
        Output.WriteLine($"Monitor reload to every student live again: {reload.Elapsed.TotalMilliseconds:0} ms");
        proctor.AssertNoErrors();
    }

    [Fact]
    public async Task TheServerRestartsMidExamAndEveryPageComesBackWithNothingLost()
    {
        var owner = await App.CreateUserAsync("Tess");
        var (examId, links) = await App.CreateExamAsync(owner, DateTime.UtcNow.AddMinutes(-1), 30, "Ada");
        var proctor = await ExamSteps.OpenMonitorAsync((n, c) => LaunchAsync(n, c), App, owner, examId);
        var ada = await LaunchAsync("Ada", FakeCamera.Red, cameraSize: StudentCamera);
        await ExamSteps.JoinRunningExamAsync(ada, links[0]);
        await ada.Page.GetByLabel("Scratch pad (not saved, not seen by proctors)").FocusAsync();
        await ada.Page.Keyboard.PressAsync("Control+V");
        await Expect(ExamSteps.Badges(proctor.Page, "Ada")).ToContainTextAsync("Paste");
        var before = await RecordAsync();

        await RestartAppAsync();
        var restarted = Stopwatch.StartNew();

        // Media flows browser to browser, so the picture may never stop; the pages must still rejoin the new server.
        await Expect(ada.Status).ToHaveTextAsync("Reconnected.", new() { Timeout = 20_000 });
        await Expect(proctor.Page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Reconnected." })).ToBeVisibleAsync(new() { Timeout = 20_000 });
        var tile = ExamSteps.Tile(proctor.Page, "Ada");
        await Expect(tile).ToContainTextAsync("Live");
        await Person.ExpectVideoOfColourAsync(tile.Locator("video"), FakeCamera.Red, "Ada's tile after the restart");
        Output.WriteLine($"Server restart to both pages rejoined and Ada live in the grid: {restarted.Elapsed.TotalMilliseconds:0} ms");
        await Expect(ExamSteps.Badges(proctor.Page, "Ada")).ToContainTextAsync("Paste");
        await Expect(ada.Page.GetByRole(AriaRole.Heading, new() { Name = "Exam in progress" })).ToBeVisibleAsync();
        var after = await RecordAsync();
        Assert.Equal(before.Flags, after.Flags.Take(before.Flags.Count));
        Assert.Equal(before.Attendance, after.Attendance.Take(before.Attendance.Count));
    }

    private async Task<(List<string> Flags, List<string> Attendance)> RecordAsync()
    {
        await App.AttendanceWrittenAsync();
        using var scope = App.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var flags = await db.Flags.AsNoTracking().OrderBy(f => f.Id).Select(f => f.ClientId + " " + f.Kind).ToListAsync();
        var attendance = await db.Attendance.AsNoTracking().OrderBy(a => a.Id).Select(a => a.Kind + " " + a.Id).ToListAsync();
        return (flags, attendance);
    }
}
