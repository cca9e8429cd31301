using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ProctorWeb.Data;
using ProctorWeb.Tests.Support;

namespace ProctorWeb.Tests.Exams;

public class FlagReportTests
{
    private static object Report(string clientId, string kind, DateTime started, DateTime? ended = null) =>
        new { clientId, kind, startedAtUtc = started, endedAtUtc = ended };

    /// <summary>Ada, joined and ready in an exam that started a minute ago.</summary>
    private static async Task<HubTestClient> JoinedStudentAsync(ProctorWebApplication app)
    {
        var tess = await app.SignInNewTeacherAsync("Tess");
        var examId = await app.CreateExamAsync(tess.User, TimeSpan.FromMinutes(-1));
        var invitation = await app.InviteAsync(examId, "Ada");
        var ada = await app.ConnectStudentAsync(invitation, await app.RedeemAsync(invitation));
        await ada.JoinAndReadyAsync();
        return ada;
    }

    private static async Task<List<Flag>> FlagsAsync(ProctorWebApplication app) =>
        await app.WithServiceAsync<List<Flag>, AppDbContext>(db => db.Flags.AsNoTracking().OrderBy(f => f.Id).ToListAsync());

    [Fact]
    public async Task AFlagIsStoredBeforeItIsAcknowledgedAndShownToTheProctor()
    {
        await using var app = new ProctorWebApplication();
        var tess = await app.SignInNewTeacherAsync("Tess");
        var examId = await app.CreateExamAsync(tess.User, TimeSpan.FromMinutes(-1));
        await using var proctor = await app.ConnectProctorAsync(tess);
        await proctor.WatchAsync(examId);
        var invitation = await app.InviteAsync(examId, "Ada");
        await using var ada = await app.ConnectStudentAsync(invitation, await app.RedeemAsync(invitation));
        await ada.GoLiveAsync(proctor);
        var started = DateTime.UtcNow.AddSeconds(-3);

        var id = await ada.InvokeAsync<long>("ReportFlag", Report("c1", "left-page", started));

        var stored = Assert.Single(await FlagsAsync(app));
        Assert.Equal(id, stored.Id);
        Assert.Equal(("left-page", invitation.RosterId, FlagReviews.Open), (stored.Kind, stored.RosterEntryId, stored.Review));
        var shown = await proctor.WaitForAsync("FlagChanged");
        Assert.Equal(invitation.RosterId, shown[0].GetProperty("studentId").GetInt32());
        Assert.Equal("Left the exam page", shown[0].GetProperty("label").GetString());
    }

    [Fact]
    public async Task SendingTheSameFlagAgainUpdatesItInsteadOfAddingADuplicate()
    {
        await using var app = new ProctorWebApplication();
        await using var ada = await JoinedStudentAsync(app);
        var started = DateTime.UtcNow.AddSeconds(-10);
        var ended = started.AddSeconds(4);

        await ada.InvokeAsync<long>("ReportFlag", Report("c1", "voice", started));
        await ada.InvokeAsync<long>("ReportFlag", Report("c1", "voice", started));          // a retry after a lost acknowledgement
        await ada.InvokeAsync<long>("ReportFlag", Report("c1", "voice", started, ended));   // its end
        await ada.InvokeAsync<long>("ReportFlag", Report("c1", "voice", started));          // a late retry of the start

        var flag = Assert.Single(await FlagsAsync(app));
        Assert.Equal(ended, flag.EndedAtUtc!.Value, TimeSpan.FromMilliseconds(1));
    }

    [Fact]
    public async Task TimesFromTheFutureBecomeNowAndTheEndNeverPrecedesTheStart()
    {
        await using var app = new ProctorWebApplication();
        await using var ada = await JoinedStudentAsync(app);

        await ada.InvokeAsync<long>("ReportFlag", Report("c1", "paste", DateTime.UtcNow.AddHours(5), DateTime.UtcNow.AddHours(-1)));

        var flag = Assert.Single(await FlagsAsync(app));
        Assert.True(flag.StartedAtUtc <= DateTime.UtcNow);
        Assert.Equal(flag.StartedAtUtc, flag.EndedAtUtc);
    }

    [Theory]
    [InlineData("not-a-kind", "That kind of flag is unknown.")]
    [InlineData("", "That kind of flag is unknown.")]
    public async Task UnknownKindsAreRefusedAndTheConnectionStaysUsable(string kind, string message)
    {
        await using var app = new ProctorWebApplication();
        await using var ada = await JoinedStudentAsync(app);

        var refused = await Assert.ThrowsAsync<HubErrorException>(() => ada.InvokeAsync<long>("ReportFlag", Report("c1", kind, DateTime.UtcNow)));
        Assert.Contains(message, refused.Message);
        var tooLongId = await Assert.ThrowsAsync<HubErrorException>(() => ada.InvokeAsync<long>("ReportFlag", Report(new string('x', 65), "paste", DateTime.UtcNow)));
        Assert.Contains("at most 64 characters", tooLongId.Message);

        await ada.InvokeAsync<long>("ReportFlag", Report("c2", "paste", DateTime.UtcNow));
        Assert.Single(await FlagsAsync(app));
    }

    [Fact]
    public async Task OnlyAStudentWhoJoinedMayReportFlags()
    {
        await using var app = new ProctorWebApplication();
        var tess = await app.SignInNewTeacherAsync("Tess");
        var examId = await app.CreateExamAsync(tess.User, TimeSpan.FromMinutes(-1));
        await using var proctor = await app.ConnectProctorAsync(tess);
        await proctor.WatchAsync(examId);
        var invitation = await app.InviteAsync(examId, "Ada");
        await using var notJoined = await app.ConnectStudentAsync(invitation, await app.RedeemAsync(invitation));

        await Assert.ThrowsAsync<HubErrorException>(() => proctor.InvokeAsync<long>("ReportFlag", Report("c1", "paste", DateTime.UtcNow)));
        await Assert.ThrowsAsync<HubErrorException>(() => notJoined.InvokeAsync<long>("ReportFlag", Report("c2", "paste", DateTime.UtcNow)));

        Assert.Empty(await FlagsAsync(app));
    }

    [Fact]
    public async Task MessagesAndAnnouncementsAreKeptForTheRecord()
    {
        await using var app = new ProctorWebApplication();
        var tess = await app.SignInNewTeacherAsync("Tess");
        var examId = await app.CreateExamAsync(tess.User, TimeSpan.FromMinutes(-1));
        await using var proctor = await app.ConnectProctorAsync(tess);
        await proctor.WatchAsync(examId);
        var invitation = await app.InviteAsync(examId, "Ada");
        await using var ada = await app.ConnectStudentAsync(invitation, await app.RedeemAsync(invitation));
        await ada.GoLiveAsync(proctor);

        await proctor.InvokeAsync("SendMessage", invitation.RosterId.ToString(), "Face the camera, please.");
        await proctor.InvokeAsync("Announce", "Ten minutes left.");

        var messages = await app.WithServiceAsync<List<ExamMessage>, AppDbContext>(db => db.Messages.AsNoTracking().OrderBy(m => m.Id).ToListAsync());
        Assert.Equal(
            [(examId, (int?)invitation.RosterId, "Face the camera, please."), (examId, null, "Ten minutes left.")],
            messages.Select(m => (m.ExamId, m.RosterEntryId, m.Text)));
        Assert.All(messages, m => Assert.Equal(tess.User.Id, m.AuthorId));
    }
}
