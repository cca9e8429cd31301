using System.Net;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ProctorWeb.Data;
using ProctorWeb.Exams;
using ProctorWeb.Tests.Support;

namespace ProctorWeb.Tests.Admission;

/// <summary>Exams where a proctor admits each student: waiting on camera, Admit, Turn away, and who decided.</summary>
public class AdmissionTests
{
    private static Task<LiveExamScene> ExamAdmittingByProctorAsync() =>
        LiveExamScene.StartAsync(students: 0, configure: e => e.Admission = AdmissionMode.ByProctor);

    private static Task<List<AttendanceEvent>> AttendanceOfAsync(ProctorWebApplication app, int rosterId) =>
        app.WithServiceAsync<List<AttendanceEvent>, AppDbContext>(async db =>
        {
            await app.Services.GetRequiredService<AttendanceRecorder>().WrittenAsync();
            return await db.Attendance.Where(a => a.RosterEntryId == rosterId).OrderBy(a => a.Id).ToListAsync();
        });

    private static async Task<HubClient> WaitingStudentAsync(LiveExamScene exam, string name)
    {
        var student = await exam.ConnectStudentAsync(name);
        var state = await student.JoinAndReadyAsync();
        Assert.Equal(Phases.Admission, state.Phase);
        await exam.Proctor.WaitForStudentAsync(student.RosterId(), StudentStatus.AwaitingAdmission);
        return student;
    }

    [Fact]
    public async Task AStudentWaitsOnCameraForTheProctorsUntilAdmittedThenEntersTheExam()
    {
        await using var exam = await ExamAdmittingByProctorAsync();
        var ada = await exam.ConnectStudentAsync("Ada");

        var waiting = await ada.JoinAndReadyAsync();
        await exam.Proctor.WaitForStudentAsync(ada.RosterId(), StudentStatus.AwaitingAdmission);
        // On camera while waiting: the student calls the proctor, who can answer and message.
        Assert.Equal([exam.Proctor.ConnectionId], waiting.Proctors);
        await ada.SignalAsync(exam.Proctor.ConnectionId, Signals.Offer("waiting"));
        await exam.Proctor.WaitForSignalAsync(s => s.Message.Sdp!.Contains("waiting"));
        await exam.Proctor.InvokeAsync(nameof(ExamHub.SendMessage), ada.User.Id, "Hold your ID closer, please.");
        await ada.WaitForMessageAsync(m => m.Text == "Hold your ID closer, please.");
        // Not in the exam yet: nothing to report.
        Assert.DoesNotContain(exam.Proctor.TilesSoFar(), t => t.Status == StudentStatus.Live);

        await exam.Proctor.InvokeAsync(nameof(ExamHub.Admit), ada.User.Id);

        var admitted = await ada.WaitForAsync<ExamState>(nameof(IExamClient.PhaseChanged));
        await exam.Proctor.WaitForStudentAsync(ada.RosterId(), StudentStatus.Live);
        Assert.Equal(Phases.Running, admitted.Phase);
        var decided = (await AttendanceOfAsync(exam.App, ada.RosterId())).Last();
        Assert.Equal((AttendanceKinds.Admitted, exam.Teacher.User.Id), (decided.Kind, decided.ActorId));
        Assert.Contains("Admitted by Tess", await ExamScene.ReadPageAsync(exam.Teacher.Browser, $"/Exams/{exam.ExamId}/Students/{ada.RosterId()}"));
        Assert.Contains("Admitted by Tess", await ExamScene.ReadPageAsync(exam.Teacher.Browser, $"/Exams/{exam.ExamId}/Report"));
    }

    [Fact]
    public async Task ATurnedAwayStudentIsToldWhyAndTheirLinkNoLongerOpensTheExam()
    {
        await using var exam = await ExamAdmittingByProctorAsync();
        var ada = await WaitingStudentAsync(exam, "Ada");

        await exam.Proctor.InvokeAsync(nameof(ExamHub.Reject), ada.User.Id, "The ID card is someone else's.");

        Assert.Equal("A proctor did not admit you to this exam: The ID card is someone else's.", await ada.WaitForAsync<string>(nameof(IExamClient.Dismissed)));
        await exam.Proctor.WaitForStudentAsync(ada.RosterId(), StudentStatus.Rejected);
        var decided = (await AttendanceOfAsync(exam.App, ada.RosterId())).Last();
        Assert.Equal((AttendanceKinds.Rejected, "The ID card is someone else's.", exam.Teacher.User.Id), (decided.Kind, decided.Detail, decided.ActorId));
        var link = await exam.App.CreateBrowser(new CookieContainer()).GetAsync(exam.InvitationOf(ada).Link);
        Assert.Equal(HttpStatusCode.Forbidden, link.StatusCode);
        Assert.Contains("You were not admitted", await Html.ReadAsync(link));
        Assert.Contains("Not admitted by Tess: The ID card is someone else's.", await ExamScene.ReadPageAsync(exam.Teacher.Browser, $"/Exams/{exam.ExamId}/Report"));
        var csv = await exam.Teacher.Browser.GetStringAsync($"/Exams/{exam.ExamId}/Report?handler=Csv");
        Assert.Contains("\"Admission\",\"Admission at (UTC)\"", csv);
        Assert.Contains("Not admitted by Tess: The ID card is someone else's.", csv);
        // A reload of the monitor shows the decision too.
        await using var reloaded = await exam.App.ConnectProctorAsync(exam.Teacher);
        Assert.Equal(StudentStatus.Rejected, Assert.Single((await reloaded.WatchAsync(exam.ExamId)).Students).Status);
    }

    [Fact]
    public async Task OnlyTheExamsProctorsAdmitOrTurnAwayAndOnlyStudentsWhoWaitWithAReasonForTurningAway()
    {
        await using var exam = await ExamAdmittingByProctorAsync();
        var ada = await WaitingStudentAsync(exam, "Ada");
        var bob = await WaitingStudentAsync(exam, "Bob");
        await exam.Proctor.InvokeAsync(nameof(ExamHub.Admit), bob.User.Id);
        await exam.Proctor.WaitForStudentAsync(bob.RosterId(), StudentStatus.Live);
        await using var otto = await exam.App.ConnectProctorAsync(await exam.App.SignInNewTeacherAsync("Otto"));
        await otto.WatchAsync(await exam.App.CreateExamAsync(otto.User, TimeSpan.FromMinutes(-1), title: "Otto's exam"));

        var refusals = new[]
        {
            await Assert.ThrowsAsync<HubException>(() => ada.InvokeAsync(nameof(ExamHub.Admit), ada.User.Id)),
            await Assert.ThrowsAsync<HubException>(() => otto.InvokeAsync(nameof(ExamHub.Admit), ada.User.Id)),
            await Assert.ThrowsAsync<HubException>(() => exam.Proctor.InvokeAsync(nameof(ExamHub.Admit), bob.User.Id)),
            await Assert.ThrowsAsync<HubException>(() => exam.Proctor.InvokeAsync(nameof(ExamHub.Reject), ada.User.Id, "   ")),
            await Assert.ThrowsAsync<HubException>(() => exam.Proctor.InvokeAsync(nameof(ExamHub.Reject), ada.User.Id, new string('x', 501))),
        };

        Assert.Contains("Only a proctor", refusals[0].Message);
        Assert.Contains("not waiting to be admitted", refusals[1].Message);
        Assert.Contains("not waiting to be admitted", refusals[2].Message);
        Assert.Contains("A reason needs between 1 and 500 characters", refusals[3].Message);
        Assert.Contains("A reason needs between 1 and 500 characters", refusals[4].Message);
        // Ada still waits: nothing above let her in or sent her away.
        await exam.Proctor.InvokeAsync(nameof(ExamHub.Admit), ada.User.Id);
        Assert.Equal(Phases.Running, (await ada.WaitForAsync<ExamState>(nameof(IExamClient.PhaseChanged))).Phase);
        Assert.Empty(ada.ReceivedSoFar<string>(nameof(IExamClient.Dismissed)));
    }

    [Fact]
    public async Task AnAdmittedStudentWhoComesBackIsNotAskedToWaitAgain()
    {
        await using var exam = await ExamAdmittingByProctorAsync();
        var ada = await WaitingStudentAsync(exam, "Ada");
        await exam.Proctor.InvokeAsync(nameof(ExamHub.Admit), ada.User.Id);
        await exam.Proctor.WaitForStudentAsync(ada.RosterId(), StudentStatus.Live);
        await exam.App.Services.GetRequiredService<AttendanceRecorder>().WrittenAsync();

        await using var again = await exam.ReconnectAsync(ada);
        var state = await again.JoinAndReadyAsync();

        Assert.Equal(Phases.Running, state.Phase);
    }

    [Fact]
    public async Task AStudentWhosePageCannotRunFaceChecksShowsSoOnTheTile()
    {
        await using var exam = await LiveExamScene.StartAsync(students: 1, configure: e => e.FaceChecks = true);
        var ada = exam.Students[0];

        await ada.InvokeAsync(nameof(ExamHub.FaceChecksUnavailable), "too-slow");
        var unknown = await Assert.ThrowsAsync<HubException>(() => ada.InvokeAsync(nameof(ExamHub.FaceChecksUnavailable), "<b>anything</b>"));

        var tile = await exam.Proctor.WaitForAsync<StudentTile>(nameof(IExamClient.StudentChanged), t => t.Notices is { Count: > 0 });
        Assert.Equal(["Face checks unavailable on this device (too slow)"], tile.Notices);
        Assert.Equal(StudentStatus.Live, tile.Status);
        Assert.Contains("That reason is unknown", unknown.Message);
        await using var reloaded = await exam.App.ConnectProctorAsync(exam.Teacher);
        Assert.Equal(["Face checks unavailable on this device (too slow)"], Assert.Single((await reloaded.WatchAsync(exam.ExamId)).Students).Notices);
    }
}
