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
        await using var app = new ProctorWebApplication { Clock = clock };
        var tess = await app.SignInNewTeacherAsync("Tess");
        var examId = await app.CreateExamAsync(tess.User, TimeSpan.FromMinutes(10));
        await using var proctor = await app.ConnectProctorAsync(tess);
        await proctor.WatchAsync(examId);
        await using var ada = await app.ConnectStudentAsync(await app.InviteAsync(examId, "Ada"));
        await ada.JoinAndReadyAsync();
        await proctor.WaitForStudentAsync(ada.RosterId(), StudentStatus.Waiting);

        clock.Advance(TimeSpan.FromMinutes(10));

        var changed = await ada.WaitForAsync("PhaseChanged");
        await proctor.WaitForStudentAsync(ada.RosterId(), StudentStatus.Live);
        Assert.Equal(Phases.Running, changed[0].GetProperty("phase").GetString());
        // Live now, so the student learns whom to send media to.
        Assert.Equal([proctor.ConnectionId], changed[0].ProctorIds());
    }

    [Fact]
    public async Task AtTheEndStudentsAreToldItIsOverAndAttendanceSaysFinished()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        await using var app = new ProctorWebApplication { Clock = clock };
        var tess = await app.SignInNewTeacherAsync("Tess");
        var examId = await app.CreateExamAsync(tess.User, TimeSpan.FromMinutes(-1), durationMinutes: 60);
        await using var proctor = await app.ConnectProctorAsync(tess);
        await proctor.WatchAsync(examId);
        var invitation = await app.InviteAsync(examId, "Ada");
        var ada = await app.ConnectStudentAsync(invitation);
        await ada.GoLiveAsync(proctor);

        clock.Advance(TimeSpan.FromMinutes(60));

        var changed = await ada.WaitForAsync("PhaseChanged");
        await proctor.WaitForStudentAsync(invitation.RosterId, StudentStatus.Finished);
        Assert.Equal(Phases.Over, changed[0].GetProperty("phase").GetString());
        Assert.Empty(changed[0].ProctorIds());
        // Closing the page after the end is finishing, not leaving.
        await ada.DisposeAsync();
        await proctor.WaitForStudentAsync(invitation.RosterId, StudentStatus.Finished);
        Assert.Equal([AttendanceKinds.Joined, AttendanceKinds.Finished], await app.AttendanceAsync(invitation.RosterId));
        var link = await app.CreateBrowser(new CookieContainer()).GetAsync(invitation.Link);
        Assert.Equal(HttpStatusCode.Forbidden, link.StatusCode);
        Assert.Contains("This exam is over", await Html.ReadAsync(link));
    }
}
