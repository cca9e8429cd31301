using System.Net;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using ProctorWeb.Data;
using ProctorWeb.Exams;
using ProctorWeb.Tests.Support;

namespace ProctorWeb.Tests.Exams;

/// <summary>
/// Accommodations as the owner sets them on the roster and as the live exam keeps them: a student's extra minutes
/// by the server's clock, and exemptions the server holds the student's reports to.
/// </summary>
public class AccommodationTests
{
    private static async Task<HttpResponseMessage> AccommodateAsync(LiveExamScene exam, IEnumerable<int> studentIds, string extraMinutes, params Exemptions[] exempt)
    {
        var fields = new Dictionary<string, string> { ["Accommodate.ExtraMinutes"] = extraMinutes };
        foreach (var (id, i) in studentIds.Select((id, i) => (id, i)))
        {
            fields[$"Accommodate.StudentIds[{i}]"] = id.ToString();
        }
        foreach (var (exemption, i) in exempt.Select((e, i) => (e, i)))
        {
            fields[$"Accommodate.Exempt[{i}]"] = exemption.ToString();
        }
        var details = $"/Exams/{exam.ExamId}";
        return await Forms.PostAsync(exam.Teacher.Browser, details, $"{details}?handler=Accommodate", fields);
    }

    private static Task<(int ExtraMinutes, Exemptions Exemptions)> StoredAsync(LiveExamScene exam, int rosterId) =>
        exam.App.WithServiceAsync<(int, Exemptions), AppDbContext>(db =>
            db.Roster.Where(r => r.Id == rosterId).Select(r => new ValueTuple<int, Exemptions>(r.ExtraMinutes, r.Exemptions)).SingleAsync());

    private static Task<long> ReportAsync(HubClient student, string kind) =>
        student.InvokeAsync<long>(nameof(ExamHub.ReportFlag), new FlagReport(Guid.NewGuid().ToString("N"), kind, DateTime.UtcNow, null));

    [Fact]
    public async Task AStudentWithTenExtraMinutesStaysInTheExamAfterTheOthersEndAndHearsItIsOverTenMinutesLater()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        // Started a minute ago, so the exam ends for everyone in 59 minutes.
        await using var exam = await LiveExamScene.StartAsync(students: 2, durationMinutes: 60, clock: clock);
        var (ada, bob) = (exam.Students[0], exam.Students[1]);
        var endForEveryone = exam.LiveStateOf(ada).EndsAtUtc;

        Assert.Equal(HttpStatusCode.Redirect, (await AccommodateAsync(exam, [ada.RosterId()], "10")).StatusCode);

        // Her page counts down to her own end, and the proctor's tile shows it.
        var hers = await ada.WaitForAsync<ExamState>(nameof(IExamClient.PhaseChanged), s => s.ExtraMinutes == 10);
        Assert.Equal((Phases.Running, endForEveryone.AddMinutes(10)), (hers.Phase, hers.EndsAtUtc));
        var tile = await exam.Proctor.WaitForAsync<(int StudentId, TileAccommodation Accommodation)>(nameof(IExamClient.AccommodationChanged));
        Assert.Equal((ada.RosterId(), 10, endForEveryone.AddMinutes(10)), (tile.StudentId, tile.Accommodation.ExtraMinutes, tile.Accommodation.EndsAtUtc));
        // The monitor's clock counts on to her end after everyone else's.
        var times = await exam.Proctor.WaitForAsync<ExamTimes>(nameof(IExamClient.TimesChanged));
        Assert.Equal((endForEveryone, endForEveryone.AddMinutes(10)), (times.EndsAtUtc, times.LastEndsAtUtc));

        clock.Advance(TimeSpan.FromMinutes(59));

        Assert.Equal(Phases.Over, (await bob.WaitForAsync<ExamState>(nameof(IExamClient.PhaseChanged))).Phase);
        await bob.Closed.WaitAsync(HubClient.DefaultTimeout);
        await exam.Proctor.WaitForStudentAsync(bob.RosterId(), StudentStatus.Finished);
        // She is still in: she may report a flag, and her link opens while Bob's does not.
        Assert.True(await ReportAsync(ada, "voice") > 0);
        Assert.False(ada.Closed.IsCompleted);
        Assert.DoesNotContain(ada.ReceivedSoFar<ExamState>(nameof(IExamClient.PhaseChanged)), s => s.Phase == Phases.Over);
        var bobsLink = await exam.App.CreateBrowser(new CookieContainer()).GetAsync(exam.InvitationOf(bob).Link);
        Assert.Equal(HttpStatusCode.Forbidden, bobsLink.StatusCode);
        Assert.Contains("This exam is over", await Html.ReadAsync(bobsLink));
        Assert.Equal(HttpStatusCode.OK, (await exam.App.CreateBrowser(new CookieContainer()).GetAsync(exam.InvitationOf(ada).Link)).StatusCode);
        // Proctors may still end her exam and write to her: the monitor is not over yet, and a new one knows why.
        var monitor = await Html.ReadAsync(await exam.Teacher.Browser.GetAsync($"/Exams/{exam.ExamId}/Monitor"));
        Assert.Contains("<details class=\"end-exam\">", monitor);
        Assert.Contains("<form id=\"message-form\" class=\"panel message-form\">", monitor);
        await using (var lateMonitor = await exam.App.ConnectProctorAsync(exam.Teacher))
        {
            Assert.Equal(endForEveryone.AddMinutes(10), (await lateMonitor.WatchAsync(exam.ExamId)).LastEndsAtUtc);
        }
        await exam.Proctor.InvokeAsync(nameof(ExamHub.SendMessage), ada.User.Id, "Five more minutes for you.");
        await ada.WaitForMessageAsync(m => m.Text == "Five more minutes for you.");

        clock.Advance(TimeSpan.FromMinutes(10));

        Assert.Equal(Phases.Over, (await ada.WaitForAsync<ExamState>(nameof(IExamClient.PhaseChanged), s => s.Phase == Phases.Over)).Phase);
        await ada.Closed.WaitAsync(HubClient.DefaultTimeout);
        await exam.Proctor.WaitForStudentAsync(ada.RosterId(), StudentStatus.Finished);
        Assert.Equal([AttendanceKinds.Joined, AttendanceKinds.Finished], await exam.App.AttendanceAsync(ada.RosterId()));
        Assert.Equal(HttpStatusCode.Forbidden, (await exam.App.CreateBrowser(new CookieContainer()).GetAsync(exam.InvitationOf(ada).Link)).StatusCode);
    }

    [Fact]
    public async Task AProctorWhoEndsTheExamDuringAStudentsExtraMinutesEndsItForHerToo()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        await using var exam = await LiveExamScene.StartAsync(students: 1, durationMinutes: 60, clock: clock);
        var ada = exam.Students[0];
        await AccommodateAsync(exam, [ada.RosterId()], "10");
        clock.Advance(TimeSpan.FromMinutes(62));
        Assert.True(await ReportAsync(ada, "voice") > 0);

        var monitor = $"/Exams/{exam.ExamId}/Monitor";
        await Forms.PostAsync(exam.Teacher.Browser, monitor, $"{monitor}?handler=EndExam", []);

        Assert.Equal(Phases.Over, (await ada.WaitForAsync<ExamState>(nameof(IExamClient.PhaseChanged), s => s.Phase == Phases.Over)).Phase);
        await ada.Closed.WaitAsync(HubClient.DefaultTimeout);
        // The monitor's clock says over now, not at the end of her extra minutes.
        var now = clock.GetUtcNow().UtcDateTime;
        var times = await exam.Proctor.WaitForAsync<ExamTimes>(nameof(IExamClient.TimesChanged), t => t.LastEndsAtUtc <= now);
        Assert.InRange(times.LastEndsAtUtc, now.AddSeconds(-5), now);
    }

    [Fact]
    public async Task AnExemptionGivenDuringAFlagOfThatKindEndsItWhileHerOtherFlagsStayOpen()
    {
        await using var exam = await LiveExamScene.StartAsync(students: 1);
        var ada = exam.Students[0];
        var voice = await ReportAsync(ada, "voice");
        var leftPage = await ReportAsync(ada, "left-page");

        await AccommodateAsync(exam, [ada.RosterId()], "0", Exemptions.Voice);

        var ended = await exam.Proctor.WaitForAsync<FlagView>(nameof(IExamClient.FlagChanged), f => f.Id == voice && f.EndedAtUtc is not null);
        Assert.InRange(ended.EndedAtUtc!.Value, DateTime.UtcNow.AddMinutes(-1), DateTime.UtcNow);
        var stillOpen = await exam.App.WithServiceAsync<Flag, AppDbContext>(db => db.Flags.AsNoTracking().SingleAsync(f => f.Id == leftPage));
        Assert.Null(stillOpen.EndedAtUtc);
        // Her page's own late report of the end changes nothing: the first end stands.
        var clientId = await exam.App.WithServiceAsync<string, AppDbContext>(db => db.Flags.Where(f => f.Id == voice).Select(f => f.ClientId).SingleAsync());
        await ada.InvokeAsync<long>(nameof(ExamHub.ReportFlag), new FlagReport(clientId, "voice", DateTime.UtcNow.AddMinutes(-1), DateTime.UtcNow.AddSeconds(1)));
        var stored = await exam.App.WithServiceAsync<Flag, AppDbContext>(db => db.Flags.AsNoTracking().SingleAsync(f => f.Id == voice));
        Assert.Equal(ended.EndedAtUtc, stored.EndedAtUtc);
    }

    [Fact]
    public async Task AFlagOfAKindTheStudentIsExemptFromIsRefusedAndNotStoredWhileAnotherKindIsStored()
    {
        await using var exam = await LiveExamScene.StartAsync(students: 2);
        var (ada, bob) = (exam.Students[0], exam.Students[1]);

        await AccommodateAsync(exam, [ada.RosterId()], "0", Exemptions.Fullscreen, Exemptions.FaceChecks);

        // Her page learns what not to run with the state.
        var state = await ada.WaitForAsync<ExamState>(nameof(IExamClient.PhaseChanged), s => s.Exempt?.Count > 0);
        Assert.Equal(["fullscreen-exited", "no-face", "several-faces", "turned-away", "different-person"], state.Exempt);
        var refused = await Assert.ThrowsAsync<HubException>(() => ReportAsync(ada, "fullscreen-exited"));
        Assert.Contains(ExamRecorder.Exempt, refused.Message);
        await Assert.ThrowsAsync<HubException>(() => ReportAsync(ada, "no-face"));
        var stored = await ReportAsync(ada, "voice");
        await ReportAsync(bob, "fullscreen-exited");

        var flags = await exam.App.WithServiceAsync<List<(int, string)>, AppDbContext>(async db =>
            (await db.Flags.Select(f => new { f.RosterEntryId, f.Kind }).ToListAsync()).Select(f => (f.RosterEntryId, f.Kind)).ToList());
        Assert.Equal([(ada.RosterId(), "voice"), (bob.RosterId(), "fullscreen-exited")], flags.Order());
        Assert.True(stored > 0);
        Assert.DoesNotContain(exam.Proctor.ReceivedSoFar<FlagView>(nameof(IExamClient.FlagChanged)), f => f.StudentId == ada.RosterId() && f.Kind != "voice");
    }

    [Fact]
    public async Task TheOwnerGivesSeveralStudentsTheSameAccommodationsAtOnceAndTheOthersKeepTheirs()
    {
        await using var exam = await LiveExamScene.StartAsync(students: 3);
        var (ada, bob, cara) = (exam.Students[0], exam.Students[1], exam.Students[2]);

        var saved = await AccommodateAsync(exam, [ada.RosterId(), bob.RosterId()], "25", Exemptions.Voice, Exemptions.ScreenSharing);

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal((25, Exemptions.Voice | Exemptions.ScreenSharing), await StoredAsync(exam, ada.RosterId()));
        Assert.Equal((25, Exemptions.Voice | Exemptions.ScreenSharing), await StoredAsync(exam, bob.RosterId()));
        Assert.Equal((0, Exemptions.None), await StoredAsync(exam, cara.RosterId()));
        foreach (var student in new[] { ada, bob })
        {
            var tile = await exam.Proctor.WaitForAsync<(int StudentId, TileAccommodation Accommodation)>(nameof(IExamClient.AccommodationChanged), t => t.StudentId == student.RosterId());
            Assert.Equal(25, tile.Accommodation.ExtraMinutes);
            Assert.Equal(["Voice", "Screen sharing"], tile.Accommodation.Exemptions);
        }
        var page = await Html.ReadAsync(await exam.Teacher.Browser.GetAsync($"/Exams/{exam.ExamId}"));
        Assert.Contains("+25 min; exempt from voice, screen sharing", page);
        // A proctor watching from now on gets them with the roster; the report shows them too.
        var snapshot = await (await exam.App.ConnectProctorAsync(exam.Teacher)).WatchAsync(exam.ExamId);
        Assert.Equal(25, snapshot.Students.Single(s => s.Id == ada.RosterId()).Accommodation!.ExtraMinutes);
        Assert.Null(snapshot.Students.Single(s => s.Id == cara.RosterId()).Accommodation);
        var report = await Html.ReadAsync(await exam.Teacher.Browser.GetAsync($"/Exams/{exam.ExamId}/Report"));
        Assert.Contains("+25 min; exempt from voice, screen sharing", report);
        // The report says when the exam ends for the last of them, not only for everyone else.
        Assert.Contains("With extra time", report);
        Assert.Contains("the last student ends", report);
    }

    [Theory]
    [InlineData("601", "Extra minutes must be a whole number from 0 to 600.")]
    [InlineData("-5", "Extra minutes must be a whole number from 0 to 600.")]
    [InlineData("ten", "The value 'ten' is not valid for Extra minutes.")]
    public async Task ExtraMinutesOutsideZeroToSixHundredAreRefusedWithAMessageAndTheFormKeepsWhatWasTyped(string extraMinutes, string message)
    {
        await using var exam = await LiveExamScene.StartAsync(students: 1);
        var ada = exam.Students[0];

        var refused = await AccommodateAsync(exam, [ada.RosterId()], extraMinutes, Exemptions.Voice);

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var page = await Html.ReadAsync(refused);
        Assert.Contains(message, page);
        Assert.Contains($"value=\"{extraMinutes}\"", page);
        Assert.Matches($"value=\"{ada.RosterId()}\"[^>]*checked|checked[^>]*value=\"{ada.RosterId()}\"", page);
        Assert.Matches("checked[^>]*value=\"Voice\"|value=\"Voice\"[^>]*checked", page);
        Assert.Equal((0, Exemptions.None), await StoredAsync(exam, ada.RosterId()));
    }

    [Fact]
    public async Task AccommodationsWithoutATickedStudentOrForAnotherExamsStudentChangeNothing()
    {
        await using var exam = await LiveExamScene.StartAsync(students: 1);
        var ada = exam.Students[0];
        var otherExam = await exam.App.CreateExamAsync(exam.Teacher.User, TimeSpan.FromHours(1), 60);
        var stranger = await exam.App.InviteAsync(otherExam, "Zed");

        var noneTicked = await AccommodateAsync(exam, [], "10");
        var elsewhere = await AccommodateAsync(exam, [ada.RosterId(), stranger.RosterId], "10");

        Assert.Contains("Tick the students these accommodations are for.", await Html.ReadAsync(noneTicked));
        Assert.Equal(HttpStatusCode.NotFound, elsewhere.StatusCode);
        Assert.Equal((0, Exemptions.None), await StoredAsync(exam, ada.RosterId()));
        Assert.Equal((0, Exemptions.None), await StoredAsync(exam, stranger.RosterId));
    }
}
