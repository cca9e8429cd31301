using System.Net;
using ProctorWeb.Data;
using ProctorWeb.Exams;
using ProctorWeb.Tests.Support;

namespace ProctorWeb.Tests.Exams;

/// <summary>The exam room's clock: waiting students go live at the start, everyone is told at the end.</summary>
public class ExamPhaseTests
{
    [Fact]
    public async Task WaitingStudentsGoLiveWhenTheExamStarts()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        await using var exam = await LiveExamScene.StartAsync(students: 0, startsIn: TimeSpan.FromMinutes(10), clock: clock);
        var ada = await exam.ConnectStudentAsync("Ada");
        await ada.JoinAndReadyAsync();
        await exam.Proctor.WaitForStudentAsync(ada.RosterId(), StudentStatus.Waiting);

        clock.Advance(TimeSpan.FromMinutes(10));

        var changed = await ada.WaitForAsync<ExamState>(nameof(IExamClient.PhaseChanged));
        await exam.Proctor.WaitForStudentAsync(ada.RosterId(), StudentStatus.Live);
        Assert.Equal(Phases.Running, changed.Phase);
        // Live now, so the student learns whom to send media to.
        Assert.Equal([exam.Proctor.ConnectionId], changed.Proctors);
    }

    [Fact]
    public async Task MovingTheStartReachesWaitingStudentsAtOnceAndTheOwnerIsToldItIsSaved()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        await using var exam = await LiveExamScene.StartAsync(students: 0, startsIn: TimeSpan.FromMinutes(10), clock: clock);
        var ada = await exam.ConnectStudentAsync("Ada");
        await ada.JoinAndReadyAsync();
        await exam.Proctor.WaitForStudentAsync(ada.RosterId(), StudentStatus.Waiting);
        var later = clock.GetUtcNow().UtcDateTime.AddMinutes(25);
        var newStart = new DateTime(later.Year, later.Month, later.Day, later.Hour, later.Minute, 0, DateTimeKind.Utc);

        var saved = await Forms.PostAsync(exam.Teacher.Browser, $"/Exams/Schedule/{exam.ExamId}", await exam.ScheduleFormAsync("", newStart));

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var changed = await ada.WaitForAsync<ExamState>(nameof(IExamClient.PhaseChanged));
        Assert.Equal((Phases.Waiting, newStart), (changed.Phase, changed.StartsAtUtc));
        Assert.Contains("Saved your changes.", Html.VisibleText(await exam.Teacher.Browser.GetStringAsync(saved.Headers.Location)));
    }

    [Fact]
    public async Task AtTheEndStudentsAreToldItIsOverAndAttendanceSaysFinished()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        await using var exam = await LiveExamScene.StartAsync(students: 1, durationMinutes: 60, clock: clock);
        var ada = exam.Students[0];
        var invitation = exam.InvitationOf(ada);

        clock.Advance(TimeSpan.FromMinutes(60));

        var changed = await ada.WaitForAsync<ExamState>(nameof(IExamClient.PhaseChanged));
        await exam.Proctor.WaitForStudentAsync(invitation.RosterId, StudentStatus.Finished);
        Assert.Equal(Phases.Over, changed.Phase);
        Assert.Empty(changed.Proctors);
        // Closing the page after the end is finishing, not leaving.
        await ada.DisposeAsync();
        await exam.Proctor.WaitForStudentAsync(invitation.RosterId, StudentStatus.Finished);
        Assert.Equal([AttendanceKinds.Joined, AttendanceKinds.Finished], await exam.App.AttendanceAsync(invitation.RosterId));
        var link = await exam.App.CreateBrowser(new CookieContainer()).GetAsync(invitation.Link);
        Assert.Equal(HttpStatusCode.Forbidden, link.StatusCode);
        Assert.Contains("This exam is over", await Html.ReadAsync(link));
    }
}
