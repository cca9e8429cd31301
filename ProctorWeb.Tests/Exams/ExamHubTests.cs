using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ProctorWeb.Data;
using ProctorWeb.Exams;
using ProctorWeb.Tests.Support;

namespace ProctorWeb.Tests.Exams;

public class ExamHubTests
{
    private static List<(int Id, string Name, string Status)> Tiles(JsonElement snapshot) =>
        snapshot.GetProperty("students").EnumerateArray()
            .Select(t => (t.GetProperty("id").GetInt32(), t.GetProperty("name").GetString()!, t.GetProperty("status").GetString()!)).ToList();

    [Fact]
    public async Task AnAnonymousConnectionIsRefused()
    {
        await using var app = new ProctorWebApplication();

        var refused = await Assert.ThrowsAnyAsync<Exception>(() => HubTestClient.OpenSocketAsync(app, new CookieContainer(), ExamHub.Path));

        Assert.Contains("status code: 401", refused.Message);
    }

    [Fact]
    public async Task AStudentOfARunningExamIsCheckingThenLiveForItsProctors()
    {
        await using var app = new ProctorWebApplication();
        var tess = await app.SignInNewTeacherAsync("Tess");
        var examId = await app.CreateExamAsync(tess.User, TimeSpan.FromMinutes(-1));
        await using var proctor = await app.ConnectProctorAsync(tess);
        await proctor.WatchAsync(examId);
        await using var ada = await app.ConnectStudentAsync(await app.InviteAsync(examId, "Ada"));

        var joined = await ada.InvokeAsync<JsonElement>("JoinAsStudent");
        var checking = await proctor.WaitForStudentAsync(ada.RosterId(), StudentStatus.Checking);
        var ready = await ada.InvokeAsync<JsonElement>("Ready");
        await proctor.WaitForStudentAsync(ada.RosterId(), StudentStatus.Live);

        Assert.Equal(Phases.Running, joined.GetProperty("phase").GetString());
        // Proctors' connection ids come only once the student is live and about to send media.
        Assert.Empty(joined.ProctorIds());
        Assert.Equal("Ada", checking[0].GetProperty("name").GetString());
        Assert.Equal(Phases.Running, ready.GetProperty("phase").GetString());
        Assert.Equal([proctor.ConnectionId], ready.ProctorIds());
        Assert.True(ready.GetProperty("endsAtUtc").GetDateTime() > ready.GetProperty("serverNowUtc").GetDateTime());
    }

    [Fact]
    public async Task AStudentOfAnUpcomingExamWaitsAfterTheDeviceCheck()
    {
        await using var app = new ProctorWebApplication();
        var tess = await app.SignInNewTeacherAsync("Tess");
        var examId = await app.CreateExamAsync(tess.User, TimeSpan.FromMinutes(10));
        await using var proctor = await app.ConnectProctorAsync(tess);
        await proctor.WatchAsync(examId);
        await using var ada = await app.ConnectStudentAsync(await app.InviteAsync(examId, "Ada"));

        var ready = await ada.JoinAndReadyAsync();
        await proctor.WaitForStudentAsync(ada.RosterId(), StudentStatus.Waiting);

        Assert.Equal(Phases.Waiting, ready.GetProperty("phase").GetString());
        Assert.Empty(ready.ProctorIds());
        Assert.DoesNotContain(proctor.ReceivedSoFar("StudentChanged"), a => a[0].GetProperty("status").GetString() == StudentStatus.Live);
        Assert.Empty(ada.ReceivedSoFar("ProctorJoined"));
    }

    [Fact]
    public async Task ATeacherWithoutAnInvitationCannotJoinAsAStudent()
    {
        await using var app = new ProctorWebApplication();
        var tess = await app.SignInNewTeacherAsync("Tess");
        await using var connection = await app.ConnectProctorAsync(tess);

        var refused = await Assert.ThrowsAsync<HubErrorException>(() => connection.InvokeAsync("JoinAsStudent"));

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
        await caraConnection.InvokeAsync("JoinAsStudent");
        await using var owner = await app.ConnectProctorAsync(tess);
        await using var coProctor = await app.ConnectProctorAsync(colin);
        await using var outsider = await app.ConnectProctorAsync(otto);

        var refused = await Assert.ThrowsAsync<HubErrorException>(() => outsider.WatchAsync(examId));
        var noSuchExam = await Assert.ThrowsAsync<HubErrorException>(() => outsider.WatchAsync(examId + 1000));
        var ownersView = await owner.WatchAsync(examId);
        var coProctorsView = await coProctor.WatchAsync(examId);

        // The same words for "not yours" and "does not exist", so nobody learns which exams exist.
        Assert.Contains("You are not a proctor of that exam.", refused.Message);
        Assert.Equal(refused.Message, noSuchExam.Message);
        Assert.Equal(("Physics final", examId), (ownersView.GetProperty("title").GetString(), ownersView.GetProperty("examId").GetInt32()));
        List<(int, string, string)> expected = [(ada.RosterId, "Ada", StudentStatus.NotJoined), (bob.RosterId, "Bob", StudentStatus.Left), (cara.RosterId, "Cara", StudentStatus.Checking)];
        Assert.Equal(expected, Tiles(ownersView));
        Assert.Equal(expected, Tiles(coProctorsView));
        // The outsider was not added to the exam's proctors: Cara going on reaches the watchers only.
        await caraConnection.InvokeAsync("Ready");
        await owner.WaitForStudentAsync(cara.RosterId, StudentStatus.Live);
        await coProctor.WaitForStudentAsync(cara.RosterId, StudentStatus.Live);
        Assert.Empty(outsider.ReceivedSoFar("StudentChanged"));
    }

    [Fact]
    public async Task ALiveStudentIsToldOfEachProctorAndSignalsReachOnlyTheOneAddressed()
    {
        await using var app = new ProctorWebApplication();
        var tess = await app.SignInNewTeacherAsync("Tess");
        var colin = await app.SignInNewTeacherAsync("Colin");
        var examId = await app.CreateExamAsync(tess.User, TimeSpan.FromMinutes(-1), coProctors: colin.User);
        await using var owner = await app.ConnectProctorAsync(tess);
        await owner.WatchAsync(examId);
        await using var ada = await app.ConnectStudentAsync(await app.InviteAsync(examId, "Ada"));
        var state = await ada.GoLiveAsync(owner);
        await using var coProctor = await app.ConnectProctorAsync(colin);

        await coProctor.WatchAsync(examId);
        var joined = await ada.WaitForAsync("ProctorJoined");
        await ada.InvokeAsync("Signal", coProctor.ConnectionId, Proctoring.Offer("to-colin"));
        var relayed = await coProctor.WaitForAsync("Signal");
        await coProctor.DisposeAsync();
        var left = await ada.WaitForAsync("ProctorLeft");

        Assert.Equal([owner.ConnectionId], state.ProctorIds());
        Assert.Equal(coProctor.ConnectionId, joined[0].GetString());
        Assert.Equal((ada.User.Id, "v=0 to-colin"), (relayed[0].GetString(), relayed.Sdp()));
        Assert.Equal(coProctor.ConnectionId, left[0].GetString());
        Assert.Empty(owner.ReceivedSoFar("Signal"));
        var gone = await Assert.ThrowsAsync<HubErrorException>(() => ada.InvokeAsync("Signal", coProctor.ConnectionId, Proctoring.Offer("too-late")));
        Assert.Contains("live student and a proctor of the same exam", gone.Message);
    }

    [Fact]
    public async Task ASecondConnectionWithTheSameInvitationReplacesTheFirst()
    {
        await using var app = new ProctorWebApplication();
        var tess = await app.SignInNewTeacherAsync("Tess");
        var examId = await app.CreateExamAsync(tess.User, TimeSpan.FromMinutes(-1));
        await using var proctor = await app.ConnectProctorAsync(tess);
        await proctor.WatchAsync(examId);
        var invitation = await app.InviteAsync(examId, "Ada");
        var cookies = await app.RedeemAsync(invitation);
        await using var firstTab = await app.ConnectStudentAsync(invitation, cookies);
        await firstTab.GoLiveAsync(proctor);
        await using var secondTab = await app.ConnectStudentAsync(invitation, cookies);

        await secondTab.InvokeAsync("JoinAsStudent");

        await firstTab.WaitForAsync("SessionReplaced");
        await firstTab.Closed.WaitAsync(HubTestClient.DefaultTimeout);
        await proctor.WaitForStudentAsync(invitation.RosterId, StudentStatus.Checking);
        var ready = await secondTab.InvokeAsync<JsonElement>("Ready");
        Assert.Equal([proctor.ConnectionId], ready.ProctorIds());
        await proctor.WaitForStudentAsync(invitation.RosterId, StudentStatus.Live);
        // The replaced tab's disconnect is not the student leaving.
        Assert.DoesNotContain(proctor.ReceivedSoFar("StudentChanged"), a => a[0].GetProperty("status").GetString() == StudentStatus.Left);
        Assert.Equal([AttendanceKinds.Joined, AttendanceKinds.Rejoined], await app.AttendanceAsync(invitation.RosterId));
    }

    [Fact]
    public async Task RemovingAConnectedStudentDismissesThemAndDropsTheirTile()
    {
        await using var app = new ProctorWebApplication();
        var tess = await app.SignInNewTeacherAsync("Tess");
        var examId = await app.CreateExamAsync(tess.User, TimeSpan.FromMinutes(-1));
        await using var proctor = await app.ConnectProctorAsync(tess);
        await proctor.WatchAsync(examId);
        var invitation = await app.InviteAsync(examId, "Ada");
        var cookies = await app.RedeemAsync(invitation);
        await using var ada = await app.ConnectStudentAsync(invitation, cookies);
        await ada.GoLiveAsync(proctor);

        var removed = await Forms.PostAsync(tess.Browser, $"/Exams/{examId}", $"/Exams/{examId}?handler=Remove&studentId={invitation.RosterId}", []);

        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        var dismissed = await ada.WaitForAsync("Dismissed");
        Assert.Contains("Your teacher removed you from this exam.", dismissed[0].GetString());
        await proctor.WaitForStudentAsync(invitation.RosterId, StudentStatus.Removed);
        // The connection stays open so the reason arrives, but it may do nothing more.
        await Assert.ThrowsAsync<HubErrorException>(() => ada.InvokeAsync("Ready"));
        // The cookie they still hold no longer gets them in.
        await using var again = await app.ConnectStudentAsync(invitation, cookies);
        var refused = await Assert.ThrowsAsync<HubErrorException>(() => again.InvokeAsync("JoinAsStudent"));
        Assert.Contains("removed you from this exam's list of students", refused.Message);
    }

    [Fact]
    public async Task LeavingShowsTheStudentAsLeftAndAttendanceRecordsJoinedLeftAndRejoined()
    {
        await using var app = new ProctorWebApplication();
        var tess = await app.SignInNewTeacherAsync("Tess");
        var examId = await app.CreateExamAsync(tess.User, TimeSpan.FromMinutes(-1));
        await using var proctor = await app.ConnectProctorAsync(tess);
        await proctor.WatchAsync(examId);
        var invitation = await app.InviteAsync(examId, "Ada");
        var cookies = await app.RedeemAsync(invitation);
        var ada = await app.ConnectStudentAsync(invitation, cookies);
        await ada.GoLiveAsync(proctor);

        await ada.DisposeAsync();
        await proctor.WaitForStudentAsync(invitation.RosterId, StudentStatus.Left);
        // "left" is written before proctors are told, so it is there now.
        var afterLeaving = await app.AttendanceAsync(invitation.RosterId);
        await using var back = await app.ConnectStudentAsync(invitation, cookies);
        await back.JoinAndReadyAsync();
        await proctor.WaitForStudentAsync(invitation.RosterId, StudentStatus.Live);

        Assert.Equal([AttendanceKinds.Joined, AttendanceKinds.Left], afterLeaving);
        Assert.Equal([AttendanceKinds.Joined, AttendanceKinds.Left, AttendanceKinds.Rejoined], await app.AttendanceAsync(invitation.RosterId));
    }

    [Fact]
    public async Task AConnectionThatWatchesCannotAlsoJoinAsAStudent()
    {
        await using var app = new ProctorWebApplication();
        var tess = await app.SignInNewTeacherAsync("Tess");
        var examId = await app.CreateExamAsync(tess.User, TimeSpan.FromMinutes(-1));
        var ada = await app.InviteAsync(examId, "Ada");
        // Tess opens a student's link in her own browser to see what students see: it now holds both cookies.
        await app.RedeemAsync(ada, tess.Cookies);
        var both = await app.ConnectProctorAsync(tess);
        await both.WatchAsync(examId);

        var refused = await Record.ExceptionAsync(() => both.InvokeAsync("JoinAsStudent"));
        await both.DisposeAsync();
        // Had it been let in as a student too, its proctor seat would outlive it: students would be sent to a gone connection.
        await using var bob = await app.ConnectStudentAsync(await app.InviteAsync(examId, "Bob"));
        var state = await bob.JoinAndReadyAsync();

        Assert.IsType<HubErrorException>(refused);
        Assert.Contains("already", refused.Message);
        Assert.Empty(state.ProctorIds());
    }

    [Fact]
    public async Task JoiningTwiceOnOneConnectionIsRefusedWithoutDroppingIt()
    {
        await using var app = new ProctorWebApplication();
        var tess = await app.SignInNewTeacherAsync("Tess");
        var examId = await app.CreateExamAsync(tess.User, TimeSpan.FromMinutes(-1));
        await using var proctor = await app.ConnectProctorAsync(tess);
        await proctor.WatchAsync(examId);
        await using var ada = await app.ConnectStudentAsync(await app.InviteAsync(examId, "Ada"));
        await ada.InvokeAsync("JoinAsStudent");

        var again = await Record.ExceptionAsync(() => ada.InvokeAsync("JoinAsStudent"));
        var ready = await ada.InvokeAsync<JsonElement>("Ready");

        Assert.IsType<HubErrorException>(again);
        Assert.Equal([proctor.ConnectionId], ready.ProctorIds());
        await proctor.WaitForStudentAsync(ada.RosterId(), StudentStatus.Live);
        Assert.Empty(ada.ReceivedSoFar("SessionReplaced"));
    }
}
