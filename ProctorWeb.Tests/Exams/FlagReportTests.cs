using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using ProctorWeb.Data;
using ProctorWeb.Exams;
using ProctorWeb.Tests.Support;

namespace ProctorWeb.Tests.Exams;

public class FlagReportTests
{
    private static Task<long> ReportAsync(HubClient student, string clientId, string kind, DateTime started, DateTime? ended = null) =>
        student.InvokeAsync<long>(nameof(ExamHub.ReportFlag), new FlagReport(clientId, kind, started, ended));

    private static async Task<List<Flag>> FlagsAsync(ProctorWebApplication app) =>
        await app.WithServiceAsync<List<Flag>, AppDbContext>(db => db.Flags.AsNoTracking().OrderBy(f => f.Id).ToListAsync());

    [Fact]
    public async Task AFlagIsStoredBeforeItIsAcknowledgedAndShownToTheProctor()
    {
        await using var exam = await LiveExamScene.StartAsync(students: 1);
        var ada = exam.Students[0];
        var started = DateTime.UtcNow.AddSeconds(-3);

        var id = await ReportAsync(ada, "c1", "left-page", started);

        var stored = Assert.Single(await FlagsAsync(exam.App));
        Assert.Equal(id, stored.Id);
        Assert.Equal(("left-page", ada.RosterId(), FlagReviews.Open), (stored.Kind, stored.RosterEntryId, stored.Review));
        var shown = await exam.Proctor.WaitForAsync<FlagView>(nameof(IExamClient.FlagChanged));
        Assert.Equal((id, ada.RosterId(), "Left the exam page"), (shown.Id, shown.StudentId, shown.Label));
    }

    [Fact]
    public async Task SendingTheSameFlagAgainUpdatesItInsteadOfAddingADuplicate()
    {
        await using var exam = await LiveExamScene.StartAsync(students: 1);
        var ada = exam.Students[0];
        var started = DateTime.UtcNow.AddSeconds(-10);
        var ended = started.AddSeconds(4);

        await ReportAsync(ada, "c1", "voice", started);
        await ReportAsync(ada, "c1", "voice", started);          // a retry after a lost acknowledgement
        await ReportAsync(ada, "c1", "voice", started, ended);   // its end
        await ReportAsync(ada, "c1", "voice", started);          // a late retry of the start

        var flag = Assert.Single(await FlagsAsync(exam.App));
        Assert.Equal(ended, flag.EndedAtUtc!.Value, TimeSpan.FromMilliseconds(1));
    }

    [Fact]
    public async Task TimesFromTheFutureBecomeNowAndTheEndNeverPrecedesTheStart()
    {
        await using var exam = await LiveExamScene.StartAsync(students: 1);

        await ReportAsync(exam.Students[0], "c1", "paste", DateTime.UtcNow.AddHours(5), DateTime.UtcNow.AddHours(-1));

        var flag = Assert.Single(await FlagsAsync(exam.App));
        Assert.True(flag.StartedAtUtc <= DateTime.UtcNow);
        Assert.Equal(flag.StartedAtUtc, flag.EndedAtUtc);
    }

    [Theory]
    [InlineData("not-a-kind", "That kind of flag is unknown.")]
    [InlineData("", "That kind of flag is unknown.")]
    public async Task UnknownKindsAreRefusedAndTheConnectionStaysUsable(string kind, string message)
    {
        await using var exam = await LiveExamScene.StartAsync(students: 1);
        var ada = exam.Students[0];

        var refused = await Assert.ThrowsAsync<HubException>(() => ReportAsync(ada, "c1", kind, DateTime.UtcNow));
        Assert.Contains(message, refused.Message);
        var tooLongId = await Assert.ThrowsAsync<HubException>(() => ReportAsync(ada, new string('x', 65), "paste", DateTime.UtcNow));
        Assert.Contains("at most 64 characters", tooLongId.Message);

        await ReportAsync(ada, "c2", "paste", DateTime.UtcNow);
        Assert.Single(await FlagsAsync(exam.App));
    }

    [Fact]
    public async Task OnlyAStudentWhoJoinedMayReportFlags()
    {
        await using var exam = await LiveExamScene.StartAsync(students: 0);
        var notJoined = await exam.ConnectStudentAsync("Ada");

        await Assert.ThrowsAsync<HubException>(() => ReportAsync(exam.Proctor, "c1", "paste", DateTime.UtcNow));
        await Assert.ThrowsAsync<HubException>(() => ReportAsync(notJoined, "c2", "paste", DateTime.UtcNow));

        Assert.Empty(await FlagsAsync(exam.App));
    }

    [Fact]
    public async Task MessagesAndAnnouncementsAreKeptForTheRecord()
    {
        await using var exam = await LiveExamScene.StartAsync(students: 1);
        var ada = exam.Students[0];

        await exam.Proctor.InvokeAsync(nameof(ExamHub.SendMessage), ada.User.Id, "Face the camera, please.");
        await exam.Proctor.InvokeAsync(nameof(ExamHub.Announce), "Ten minutes left.");

        var messages = await exam.App.WithServiceAsync<List<ExamMessage>, AppDbContext>(db => db.Messages.AsNoTracking().OrderBy(m => m.Id).ToListAsync());
        Assert.Equal(
            [(exam.ExamId, (int?)ada.RosterId(), "Face the camera, please."), (exam.ExamId, null, "Ten minutes left.")],
            messages.Select(m => (m.ExamId, m.RosterEntryId, m.Text)));
        Assert.All(messages, m => Assert.Equal(exam.Teacher.User.Id, m.AuthorId));
    }
}
