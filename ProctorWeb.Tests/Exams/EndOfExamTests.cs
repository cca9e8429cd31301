using Microsoft.EntityFrameworkCore;
using ProctorWeb.Data;
using ProctorWeb.Exams;
using ProctorWeb.Tests.Support;

namespace ProctorWeb.Tests.Exams;

/// <summary>
/// When an exam ends, for one student or for everyone, the registry, the announcement group and the stored
/// flags agree at once: the student hears nothing more, reports nothing more, and no flag is left going on.
/// </summary>
public class EndOfExamTests
{
    private static Task<long> ReportAsync(HubClient student, string clientId, DateTime startedAtUtc, DateTime? endedAtUtc = null) =>
        student.InvokeAsync<long>(nameof(ExamHub.ReportFlag), new FlagReport(clientId, "voice", startedAtUtc, endedAtUtc));

    /// <summary>
    /// Announces once the server has closed the student's connection (it does, once the student is told the exam is
    /// over for them), and returns the failure of the student's next call: nothing can reach or leave that connection.
    /// </summary>
    private static async Task<Exception> AnnounceThenReportAsync(LiveExamScene exam, HubClient student, string text)
    {
        await student.Closed.WaitAsync(HubClient.DefaultTimeout);
        await exam.Proctor.InvokeAsync(nameof(ExamHub.Announce), text);
        return await Assert.ThrowsAnyAsync<Exception>(() => ReportAsync(student, Guid.NewGuid().ToString("N"), DateTime.UtcNow));
    }

    [Fact]
    public async Task AStudentWhoseExamAProctorEndedHearsNoFurtherAnnouncementAndCanReportNoFlag()
    {
        await using var exam = await LiveExamScene.StartAsync(students: 2);
        var (ada, bob) = (exam.Students[0], exam.Students[1]);
        var adaPage = $"/Exams/{exam.ExamId}/Students/{ada.RosterId()}";

        await Forms.PostAsync(exam.Teacher.Browser, adaPage, $"{adaPage}?handler=EndExam", new() { ["End.Reason"] = "Phone on the desk" });
        Assert.Equal("A proctor ended your exam: Phone on the desk", await ada.WaitForAsync<string>(nameof(IExamClient.Dismissed)));

        var refused = await AnnounceThenReportAsync(exam, ada, "Ten minutes left");

        Assert.Equal("Ten minutes left", (await bob.WaitForMessageAsync()).Text);
        Assert.Empty(ada.MessagesSoFar());
        Assert.Contains("connection is not active", refused.Message);
    }

    [Fact]
    public async Task AStudentRemovedFromTheRosterHearsNoFurtherAnnouncementAndCanReportNoFlag()
    {
        await using var exam = await LiveExamScene.StartAsync(students: 2);
        var (ada, bob) = (exam.Students[0], exam.Students[1]);
        var details = $"/Exams/{exam.ExamId}";

        await Forms.PostAsync(exam.Teacher.Browser, details, $"{details}?handler=Remove&studentId={ada.RosterId()}&confirmed=true", []);
        await ada.WaitForAsync<string>(nameof(IExamClient.Dismissed));
        await exam.Proctor.WaitForStudentAsync(ada.RosterId(), StudentStatus.Removed);

        await AnnounceThenReportAsync(exam, ada, "Ten minutes left");

        Assert.Equal("Ten minutes left", (await bob.WaitForMessageAsync()).Text);
        Assert.Empty(ada.MessagesSoFar());
    }

    [Fact]
    public async Task AfterTheEndNoStudentHearsAnAnnouncementOrMayReportAFlagSinceTheirConnectionIsClosed()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        await using var exam = await LiveExamScene.StartAsync(students: 1, clock: clock);
        var ada = exam.Students[0];

        clock.Advance(TimeSpan.FromMinutes(60));
        Assert.Equal(Phases.Over, (await ada.WaitForAsync<ExamState>(nameof(IExamClient.PhaseChanged))).Phase);

        var refused = await AnnounceThenReportAsync(exam, ada, "Pens down");

        Assert.Empty(ada.MessagesSoFar());
        Assert.Contains("connection is not active", refused.Message);
    }

    [Fact]
    public async Task AFlagStillGoingOnWhenTheExamEndsEndsAtTheExamsEndForTheProctorAndInTheRecord()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        await using var exam = await LiveExamScene.StartAsync(students: 2, clock: clock);
        var (ada, bob) = (exam.Students[0], exam.Students[1]);
        var now = clock.GetUtcNow().UtcDateTime;
        var going = await ReportAsync(ada, "going-on", now);
        var over = await ReportAsync(bob, "over", now.AddSeconds(-5), now.AddSeconds(-2));
        var ends = await exam.App.WithServiceAsync<DateTime, AppDbContext>(db => db.Exams.Select(e => e.StartsAtUtc.AddMinutes(e.DurationMinutes)).SingleAsync());

        clock.Advance(TimeSpan.FromMinutes(60));

        var ended = await exam.Proctor.WaitForAsync<FlagView>(nameof(IExamClient.FlagChanged), f => f.Id == going && f.EndedAtUtc is not null);
        Assert.Equal(ends, ended.EndedAtUtc);
        var stored = await exam.App.WithServiceAsync<Dictionary<long, DateTime?>, AppDbContext>(db => db.Flags.ToDictionaryAsync(f => f.Id, f => f.EndedAtUtc));
        Assert.Equal(ends, stored[going]);
        Assert.Equal(now.AddSeconds(-2), stored[over]);
        var timeline = await ExamScene.ReadPageAsync(exam.Teacher.Browser, $"/Exams/{exam.ExamId}/Students/{ada.RosterId()}");
        Assert.DoesNotContain("lasted ongoing", timeline);
    }

    [Fact]
    public async Task AMonitorOpenedAfterAProctorEndedAStudentsExamShowsThemFinished()
    {
        await using var exam = await LiveExamScene.StartAsync(students: 1);
        var ada = exam.Students[0];
        var adaPage = $"/Exams/{exam.ExamId}/Students/{ada.RosterId()}";
        await Forms.PostAsync(exam.Teacher.Browser, adaPage, $"{adaPage}?handler=EndExam", new() { ["End.Reason"] = "Phone on the desk" });
        await exam.Proctor.WaitForStudentAsync(ada.RosterId(), StudentStatus.Finished);
        await ada.DisposeAsync();
        await using var reloaded = await exam.App.ConnectProctorAsync(exam.Teacher);

        var snapshot = await reloaded.WatchAsync(exam.ExamId);

        Assert.Equal(StudentStatus.Finished, Assert.Single(snapshot.Students).Status);
    }
}
