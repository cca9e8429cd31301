using System.Net;
using Microsoft.AspNetCore.SignalR;
using ProctorWeb.Data;
using ProctorWeb.Exams;
using ProctorWeb.Tests.Support;

namespace ProctorWeb.Tests.Exams;

public class ExamHubTests
{
    [Fact]
    public async Task AnAnonymousConnectionIsRefused()
    {
        await using var app = new ProctorWebApplication();

        var atNegotiation = await Assert.ThrowsAsync<HttpRequestException>(() => app.ConnectAsync(HubAddress.Exams, new CookieContainer(), TestUser.Anonymous));
        // A client may skip negotiation and go straight to the WebSocket: the upgrade is refused just the same.
        var atUpgrade = await Assert.ThrowsAnyAsync<Exception>(() => HubClient.ConnectAsync(app.Server, HubAddress.Exams, new CookieContainer(), TestUser.Anonymous, skipNegotiation: true));

        Assert.Equal(HttpStatusCode.Unauthorized, atNegotiation.StatusCode);
        Assert.Contains("status code: 401", atUpgrade.ToString());
    }

    [Fact]
    public async Task AStudentOfARunningExamIsCheckingThenLiveForItsProctors()
    {
        await using var exam = await LiveExamScene.StartAsync(students: 0);
        var ada = await exam.ConnectStudentAsync("Ada");

        var joined = await ada.JoinAsStudentAsync();
        var checking = await exam.Proctor.WaitForStudentAsync(ada.RosterId(), StudentStatus.Checking);
        var ready = await ada.ReadyAsync();
        await exam.Proctor.WaitForStudentAsync(ada.RosterId(), StudentStatus.Live);

        Assert.Equal(Phases.Running, joined.Phase);
        // Proctors' connection ids come only once the student is live and about to send media.
        Assert.Empty(joined.Proctors);
        Assert.Equal("Ada", checking.Name);
        Assert.Equal(Phases.Running, ready.Phase);
        Assert.Equal([exam.Proctor.ConnectionId], ready.Proctors);
        Assert.True(ready.EndsAtUtc > ready.ServerNowUtc);
    }

    [Fact]
    public async Task AStudentOfAnUpcomingExamWaitsOnCameraForItsProctorsAfterTheDeviceCheck()
    {
        await using var exam = await LiveExamScene.StartAsync(students: 0, startsIn: TimeSpan.FromMinutes(10));
        var ada = await exam.ConnectStudentAsync("Ada");

        var ready = await ada.JoinAndReadyAsync();
        await exam.Proctor.WaitForStudentAsync(ada.RosterId(), StudentStatus.Waiting);

        Assert.Equal(Phases.Waiting, ready.Phase);
        // The proctors see who is waiting: the student is told whom to send the camera to.
        Assert.Equal([exam.Proctor.ConnectionId], ready.Proctors);
        Assert.DoesNotContain(exam.Proctor.TilesSoFar(), t => t.Status == StudentStatus.Live);
    }

    [Fact]
    public async Task ATeacherWithoutAnInvitationCannotJoinAsAStudent()
    {
        await using var app = new ProctorWebApplication();
        var tess = await app.SignInNewTeacherAsync("Tess");
        await using var connection = await app.ConnectProctorAsync(tess);

        var refused = await Assert.ThrowsAsync<HubException>(() => connection.JoinAsStudentAsync());

        Assert.Contains("Open your personal exam link to join.", refused.Message);
    }

    [Fact]
    public async Task OnlyTheOwnerAndCoProctorsMayWatchAndTheyGetTheRosterTiles()
    {
        await using var app = new ProctorWebApplication();
        var tess = await app.SignInNewTeacherAsync("Tess");
        var colin = await app.SignInNewTeacherAsync("Colin");
        var otto = await app.SignInNewTeacherAsync("Otto");
        var examId = await app.CreateExamAsync(tess.User, TimeSpan.FromMinutes(-5), title: "Physics final", coProctors: colin.User);
        var ada = await app.InviteAsync(examId, "Ada");
        var bob = await app.InviteAsync(examId, "Bob");
        var cara = await app.InviteAsync(examId, "Cara");
        var dan = await app.InviteAsync(examId, "Dan");
        await app.WithServiceAsync<int, AppDbContext>(db =>
        {
            db.Attendance.AddRange(
                new AttendanceEvent { RosterEntryId = bob.RosterId, Kind = AttendanceKinds.Joined, AtUtc = DateTime.UtcNow.AddMinutes(-4) },
                new AttendanceEvent { RosterEntryId = bob.RosterId, Kind = AttendanceKinds.Left, AtUtc = DateTime.UtcNow.AddMinutes(-3) });
            return db.SaveChangesAsync();
        });
        await app.WithServiceAsync<bool, RosterService>(roster => roster.RemoveAsync(examId, dan.RosterId));
        await using var caraConnection = await app.ConnectStudentAsync(cara);
        await caraConnection.JoinAsStudentAsync();
        await using var owner = await app.ConnectProctorAsync(tess);
        await using var coProctor = await app.ConnectProctorAsync(colin);
        await using var outsider = await app.ConnectProctorAsync(otto);

        var refused = await Assert.ThrowsAsync<HubException>(() => outsider.WatchAsync(examId));
        var noSuchExam = await Assert.ThrowsAsync<HubException>(() => outsider.WatchAsync(examId + 1000));
        var ownersView = await owner.WatchAsync(examId);
        var coProctorsView = await coProctor.WatchAsync(examId);

        // The same words for "not yours" and "does not exist", so nobody learns which exams exist.
        Assert.Contains("You are not a proctor of that exam.", refused.Message);
        Assert.Equal(refused.Message, noSuchExam.Message);
        Assert.Equal(("Physics final", examId), (ownersView.Title, ownersView.ExamId));
        StudentTile[] expected = [new(ada.RosterId, "Ada", StudentStatus.NotJoined), new(bob.RosterId, "Bob", StudentStatus.Left), new(cara.RosterId, "Cara", StudentStatus.Checking)];
        Assert.Equal(expected, ownersView.Students);
        Assert.Equal(expected, coProctorsView.Students);
        // The outsider was not added to the exam's proctors: Cara going on reaches the watchers only.
        await caraConnection.ReadyAsync();
        await owner.WaitForStudentAsync(cara.RosterId, StudentStatus.Live);
        await coProctor.WaitForStudentAsync(cara.RosterId, StudentStatus.Live);
        Assert.Empty(outsider.TilesSoFar());
    }

    [Fact]
    public async Task AProctorMayOpenTheMonitorOfAnExamMonthsAhead()
    {
        // A timer cannot wait longer than about 49 days; the exam's clock must not try.
        await using var exam = await LiveExamScene.StartAsync(students: 0, startsIn: TimeSpan.FromDays(90));
        await using var again = await exam.App.ConnectProctorAsync(exam.Teacher);

        var snapshot = await again.WatchAsync(exam.ExamId);

        Assert.Equal(exam.ExamId, snapshot.ExamId);
        exam.App.Logs.AssertNoFailures();
    }

    [Fact]
    public async Task ALiveStudentIsToldOfEachProctorAndSignalsReachOnlyTheOneAddressed()
    {
        await using var exam = await LiveExamScene.StartAsync(students: 1);
        var (owner, ada) = (exam.Proctor, exam.Students[0]);
        var coProctor = await exam.App.ConnectProctorAsync(await exam.AddCoProctorAsync("Colin"));

        await coProctor.WatchAsync(exam.ExamId);
        var joined = await ada.WaitForAsync<string>(nameof(IExamClient.ProctorJoined));
        await ada.SignalAsync(coProctor.ConnectionId, Signals.Offer("to-colin"));
        var relayed = await coProctor.WaitForSignalAsync();
        await coProctor.DisposeAsync();
        var left = await ada.WaitForAsync<string>(nameof(IExamClient.ProctorLeft));

        Assert.Equal([owner.ConnectionId], exam.LiveStateOf(ada).Proctors);
        Assert.Equal(coProctor.ConnectionId, joined);
        Assert.Equal((ada.User.Id, Signals.Offer("to-colin")), relayed);
        Assert.Equal(coProctor.ConnectionId, left);
        Assert.Empty(owner.SignalsSoFar());
        var gone = await Assert.ThrowsAsync<HubException>(() => ada.SignalAsync(coProctor.ConnectionId, Signals.Offer("too-late")));
        Assert.Contains("a student past the device check and a proctor of the same exam", gone.Message);
    }

    [Fact]
    public async Task ASecondConnectionWithTheSameInvitationReplacesTheFirst()
    {
        await using var exam = await LiveExamScene.StartAsync(students: 1);
        var firstTab = exam.Students[0];
        var rosterId = firstTab.RosterId();
        var secondTab = await exam.ReconnectAsync(firstTab);

        await secondTab.JoinAsStudentAsync();

        await firstTab.WaitForAsync(nameof(IExamClient.SessionReplaced));
        await firstTab.Closed.WaitAsync(HubClient.DefaultTimeout);
        var moved = await exam.Proctor.WaitForStudentAsync(rosterId, StudentStatus.Checking);
        Assert.Equal([StudentNotices.MovedToAnotherTab], moved.Notices);
        var ready = await secondTab.ReadyAsync();
        Assert.Equal([exam.Proctor.ConnectionId], ready.Proctors);
        await exam.Proctor.WaitForStudentAsync(rosterId, StudentStatus.Live);
        // The replaced tab's disconnect is not the student leaving.
        Assert.DoesNotContain(exam.Proctor.TilesSoFar(), t => t.Status == StudentStatus.Left);
        Assert.Equal([AttendanceKinds.Joined, AttendanceKinds.Rejoined], await exam.App.AttendanceAsync(rosterId));
    }

    [Fact]
    public async Task RemovingAConnectedStudentDismissesThemAndDropsTheirTile()
    {
        await using var exam = await LiveExamScene.StartAsync(students: 1);
        var ada = exam.Students[0];

        var removed = await Forms.PostAsync(exam.Teacher.Browser, $"/Exams/{exam.ExamId}", $"/Exams/{exam.ExamId}?handler=Remove&studentId={ada.RosterId()}&confirmed=true", []);

        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        var reason = await ada.WaitForAsync<string>(nameof(IExamClient.Dismissed));
        Assert.Contains("Your teacher removed you from this exam.", reason);
        await exam.Proctor.WaitForStudentAsync(ada.RosterId(), StudentStatus.Removed);
        // The reason arrives, then the server closes the connection: it may do nothing more.
        await ada.Closed.WaitAsync(HubClient.DefaultTimeout);
        await Assert.ThrowsAnyAsync<Exception>(() => ada.ReadyAsync());
        // The cookie they still hold no longer gets them in.
        var again = await exam.ReconnectAsync(ada);
        var refused = await Assert.ThrowsAsync<HubException>(() => again.JoinAsStudentAsync());
        Assert.Contains("removed you from this exam's list of students", refused.Message);
    }

    [Fact]
    public async Task LeavingShowsTheStudentAsLeftAndAttendanceRecordsJoinedLeftAndRejoined()
    {
        await using var exam = await LiveExamScene.StartAsync(students: 1);
        var ada = exam.Students[0];
        var rosterId = ada.RosterId();

        await ada.DisposeAsync();
        await exam.Proctor.WaitForStudentAsync(rosterId, StudentStatus.Left);
        // "left" is written before proctors are told, so it is there now.
        var afterLeaving = await exam.App.AttendanceAsync(rosterId);
        var back = await exam.ReconnectAsync(ada);
        await back.JoinAndReadyAsync();
        await exam.Proctor.WaitForStudentAsync(rosterId, StudentStatus.Live);

        Assert.Equal([AttendanceKinds.Joined, AttendanceKinds.Left], afterLeaving);
        Assert.Equal([AttendanceKinds.Joined, AttendanceKinds.Left, AttendanceKinds.Rejoined], await exam.App.AttendanceAsync(rosterId));
    }

    [Fact]
    public async Task AConnectionThatWatchesCannotAlsoJoinAsAStudent()
    {
        await using var exam = await LiveExamScene.StartAsync(students: 0);
        var ada = await exam.App.InviteAsync(exam.ExamId, "Ada");
        // Tess opens a student's link in her own browser to see what students see: it now holds both cookies.
        await exam.App.RedeemAsync(ada, exam.Teacher.Cookies);
        var both = await exam.App.ConnectProctorAsync(exam.Teacher);
        await both.WatchAsync(exam.ExamId);

        var refused = await Record.ExceptionAsync(() => both.JoinAsStudentAsync());
        await both.DisposeAsync();
        // Had it been let in as a student too, its proctor seat would outlive it: students would be sent to a gone connection.
        var bob = await exam.AddLiveStudentAsync("Bob");

        Assert.IsType<HubException>(refused);
        Assert.Contains("already", refused.Message);
        Assert.Equal([exam.Proctor.ConnectionId], exam.LiveStateOf(bob).Proctors);
    }

    [Fact]
    public async Task JoiningTwiceOnOneConnectionIsRefusedWithoutDroppingIt()
    {
        await using var exam = await LiveExamScene.StartAsync(students: 0);
        var ada = await exam.ConnectStudentAsync("Ada");
        await ada.JoinAsStudentAsync();

        var again = await Record.ExceptionAsync(() => ada.JoinAsStudentAsync());
        var ready = await ada.ReadyAsync();

        Assert.IsType<HubException>(again);
        Assert.Equal([exam.Proctor.ConnectionId], ready.Proctors);
        await exam.Proctor.WaitForStudentAsync(ada.RosterId(), StudentStatus.Live);
        Assert.Empty(ada.ReceivedSoFar<HubMessage>(nameof(IExamClient.SessionReplaced)));
    }
}
