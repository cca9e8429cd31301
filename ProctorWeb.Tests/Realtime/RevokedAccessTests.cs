using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using ProctorWeb.Data;
using ProctorWeb.Exams;
using ProctorWeb.Tests.Pages.Account;
using ProctorWeb.Tests.Support;

namespace ProctorWeb.Tests.Realtime;

/// <summary>
/// SignalR checks who a caller is only when the connection opens. Access taken away later (a co-proctor removed,
/// a teacher signed out, a student removed or sent away) must reach connections already open: a moment later the
/// server closes them, so nothing more is pushed to them and none of their calls is taken.
/// </summary>
public class RevokedAccessTests
{
    // The server closes a revoked connection a third of a second after revoking it; the wait is generous because a
    // shared machine under a full test run can be slow, and what is proven is that it closes, not how fast.
    private static readonly TimeSpan Promptly = HubClient.DefaultTimeout;

    [Fact]
    public async Task ACoProctorRemovedFromTheExamIsCutOffWhileTheOwnerWatchesOn()
    {
        await using var exam = await LiveExamScene.StartAsync(students: 1);
        var ada = exam.Students[0];
        var cory = await exam.AddCoProctorAsync("Cory");
        await using var coryMonitor = await exam.App.ConnectProctorAsync(cory);
        await coryMonitor.WatchAsync(exam.ExamId);
        await ada.WaitForAsync<string>(nameof(IExamClient.ProctorJoined), id => id == coryMonitor.ConnectionId);

        var saved = await Forms.PostAsync(exam.Teacher.Browser, $"/Exams/Schedule/{exam.ExamId}", await exam.ScheduleFormAsync(coProctorEmails: ""));

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        await coryMonitor.Closed.WaitAsync(Promptly);
        // Ada's page closes its peer connection to Cory.
        await ada.WaitForAsync<string>(nameof(IExamClient.ProctorLeft), id => id == coryMonitor.ConnectionId);
        await Assert.ThrowsAnyAsync<Exception>(() => coryMonitor.InvokeAsync(nameof(ExamHub.Announce), "Still here?"));
        // The owner is untouched, and a new connection of Cory's is refused by the database, as before.
        await exam.Proctor.InvokeAsync(nameof(ExamHub.Announce), "Ten minutes left");
        Assert.Equal("Ten minutes left", (await ada.WaitForMessageAsync()).Text);
        await using var again = await exam.App.ConnectProctorAsync(cory);
        await Assert.ThrowsAsync<Microsoft.AspNetCore.SignalR.HubException>(() => again.WatchAsync(exam.ExamId));
    }

    [Fact]
    public async Task ASignedOutTeachersOpenMonitorAndCallsAreClosedAndTheOldCookieCannotReopenThem()
    {
        await using var exam = await LiveExamScene.StartAsync(students: 1);
        var ada = exam.Students[0];
        await using var calls = await exam.App.ConnectAsync(exam.Teacher);
        var copied = SessionTests.CopyOf(exam.Teacher);

        await Forms.PostAsync(exam.Teacher.Browser, "/Calls", "/Account/Logout", []);

        await exam.Proctor.Closed.WaitAsync(Promptly);
        await calls.Closed.WaitAsync(Promptly);
        await ada.WaitForAsync<string>(nameof(IExamClient.ProctorLeft), id => id == exam.Proctor.ConnectionId);
        // The browser dropped its cookie on sign-out; a copy taken before is refused by both hubs.
        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => exam.App.ConnectProctorAsync(copied));
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        refused = await Assert.ThrowsAsync<HttpRequestException>(() => exam.App.ConnectAsync(copied));
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    [Theory]
    [InlineData("Block")]
    [InlineData("RemoveTeacher")]
    public async Task ATeacherAnAdminBlocksOrTakesTheRoleFromLosesTheirOpenMonitorAndCallsAtOnce(string action)
    {
        await using var exam = await LiveExamScene.StartAsync(students: 1);
        var ada = exam.Students[0];
        await using var calls = await exam.App.ConnectAsync(exam.Teacher);
        var admin = await exam.App.SignInAsync(await exam.App.CreateUserAsync("Head", Roles.Admin));

        var changed = await Forms.PostAsync(admin.Browser, "/Admin/Teachers", "/Admin/Teachers?handler=Change",
            new() { ["action"] = action, ["userId"] = exam.Teacher.User.Id, ["confirmed"] = "true" });

        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        await exam.Proctor.Closed.WaitAsync(Promptly);
        await calls.Closed.WaitAsync(Promptly);
        await ada.WaitForAsync<string>(nameof(IExamClient.ProctorLeft), id => id == exam.Proctor.ConnectionId);
        await Assert.ThrowsAnyAsync<Exception>(() => exam.Proctor.InvokeAsync(nameof(ExamHub.Announce), "Still here?"));
        Assert.Empty(ada.MessagesSoFar());
    }

    [Fact]
    public async Task ARemovedStudentIsToldWhyAndThenEveryConnectionOfTheirInvitationCloses()
    {
        await using var exam = await LiveExamScene.StartAsync(students: 2);
        var (ada, bob) = (exam.Students[0], exam.Students[1]);
        // A second tab of Ada's, connected but not joined: it carries the same invitation cookie.
        var secondTab = await exam.ReconnectAsync(ada);

        await Forms.PostAsync(exam.Teacher.Browser, $"/Exams/{exam.ExamId}", $"/Exams/{exam.ExamId}?handler=Remove&studentId={ada.RosterId()}&confirmed=true", []);

        Assert.Contains("Your teacher removed you from this exam.", await ada.WaitForAsync<string>(nameof(IExamClient.Dismissed)));
        await ada.Closed.WaitAsync(Promptly);
        await secondTab.Closed.WaitAsync(Promptly);
        await Assert.ThrowsAnyAsync<Exception>(() => ada.ReadyAsync());
        await exam.Proctor.InvokeAsync(nameof(ExamHub.Announce), "Ten minutes left");
        Assert.Equal("Ten minutes left", (await bob.WaitForMessageAsync()).Text);
        Assert.Empty(ada.MessagesSoFar());
    }

    [Fact]
    public async Task AStudentWhoseExamAProctorEndedIsToldWhyAndTheirConnectionCloses()
    {
        await using var exam = await LiveExamScene.StartAsync(students: 1);
        var ada = exam.Students[0];
        var adaPage = $"/Exams/{exam.ExamId}/Students/{ada.RosterId()}";

        await Forms.PostAsync(exam.Teacher.Browser, adaPage, $"{adaPage}?handler=EndExam", new() { ["End.Reason"] = "Phone on the desk" });

        Assert.Equal("A proctor ended your exam: Phone on the desk", await ada.WaitForAsync<string>(nameof(IExamClient.Dismissed)));
        await ada.Closed.WaitAsync(Promptly);
        await exam.Proctor.WaitForStudentAsync(ada.RosterId(), StudentStatus.Finished);
    }

    [Fact]
    public async Task WhenTheExamEndsEveryStudentHearsItIsOverAndThenTheirConnectionCloses()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        await using var exam = await LiveExamScene.StartAsync(students: 2, clock: clock);

        clock.Advance(TimeSpan.FromMinutes(60));

        foreach (var student in exam.Students)
        {
            Assert.Equal(Phases.Over, (await student.WaitForAsync<ExamState>(nameof(IExamClient.PhaseChanged))).Phase);
            await student.Closed.WaitAsync(Promptly);
        }
        // The proctor keeps watching the finished exam.
        await exam.Proctor.InvokeAsync(nameof(ExamHub.Announce), "Thank you");
        Assert.All(exam.Students, s => Assert.Empty(s.MessagesSoFar()));
    }
}
