using System.Net;
using Microsoft.EntityFrameworkCore;
using ProctorWeb.Data;
using ProctorWeb.Tests.Support;

namespace ProctorWeb.Tests.Pages.Exams;

public class StudentTests
{
    [Fact]
    public async Task TheTimelineShowsEachFlagWithItsDurationAndButtonsNamedAfterIt()
    {
        await using var scene = await ExamScene.StartAsync();
        var ada = await scene.AddStudentAsync("Ada Lovelace");
        var t = scene.StartsAtUtc.AddMinutes(4).AddSeconds(5);
        await scene.AttendAsync(ada.Id, (AttendanceKinds.Joined, scene.StartsAtUtc.AddMinutes(1)), (AttendanceKinds.Left, scene.StartsAtUtc.AddMinutes(2)), (AttendanceKinds.Rejoined, scene.StartsAtUtc.AddMinutes(3)));
        await scene.FlagAsync(ada.Id, "tab-hidden", t, t.AddSeconds(42));
        await scene.FlagAsync(ada.Id, "fullscreen-exit", t.AddMinutes(1));

        var html = await ExamScene.ReadPageAsync(scene.Teacher.Browser, scene.StudentPath(ada.Id));

        Assert.Contains("<h1>Ada Lovelace</h1>", html);
        Assert.Contains("Flag: Tab hidden</strong> · lasted 42 s", html);
        Assert.Contains("Flag: Fullscreen exit</strong> · lasted ongoing", html);
        Assert.Contains($"aria-label=\"Confirm Tab hidden at {t:HH:mm:ss}\"", html);
        Assert.Contains($"aria-label=\"Dismiss Fullscreen exit at {t.AddMinutes(1):HH:mm:ss}\"", html);
        Assert.Contains("<dt>Disconnections</dt><dd>1 (1 min 00 s in total)</dd>", html);
        Assert.Contains("<dt>Status</dt><dd>Rejoined</dd>", html);
        // Time order on the timeline: joined, left, rejoined, then the two flags.
        var timeline = html[html.IndexOf("id=\"timeline-heading\"", StringComparison.Ordinal)..];
        var order = new[] { "Joined", "Left (disconnected)", "Rejoined", "Flag: Tab hidden", "Flag: Fullscreen exit" }.Select(s => timeline.IndexOf(s, StringComparison.Ordinal)).ToList();
        Assert.DoesNotContain(-1, order);
        Assert.Equal(order.Order(), order);
    }

    [Fact]
    public async Task EachFlagOffersThePlayerOfEveryWholeClipShowingItsStartAndAKeptClipHasAnEntryOfItsOwn()
    {
        await using var scene = await ExamScene.StartAsync();
        var ada = await scene.AddStudentAsync("Ada Lovelace");
        var t = scene.StartsAtUtc.AddMinutes(4);
        var away = await scene.FlagAsync(ada.Id, "tab-hidden", t, t.AddSeconds(5));
        // Raised with it: the page sent one clip for both.
        var fullscreen = await scene.FlagAsync(ada.Id, "fullscreen-exit", t.AddSeconds(1), t.AddSeconds(5));
        var later = await scene.FlagAsync(ada.Id, "paste", t.AddMinutes(3));
        var camera = await scene.ClipAsync(ada.Id, away.Id, t.AddSeconds(-10));
        var screen = await scene.ClipAsync(ada.Id, away.Id, t.AddSeconds(-10), source: ClipSources.Screen);
        await scene.ClipAsync(ada.Id, later.Id, t.AddMinutes(3).AddSeconds(-10), complete: false);
        var request = await scene.DbAsync(async db =>
        {
            var r = new ClipRequest { RosterEntryId = ada.Id, ProctorId = scene.Teacher.User.Id, AtUtc = t.AddMinutes(6) };
            db.ClipRequests.Add(r);
            await db.SaveChangesAsync();
            return r;
        });
        var kept = await scene.ClipAsync(ada.Id, null, t.AddMinutes(6).AddSeconds(-10), requestId: request.Id);

        var html = await ExamScene.ReadPageAsync(scene.Teacher.Browser, scene.StudentPath(ada.Id));

        var items = html.Split("<li class=\"timeline-item").Skip(1).ToList();
        string Item(string text) => Assert.Single(items, i => i.Contains(text, StringComparison.Ordinal));
        string Player(Clip clip) => $"src=\"{scene.StudentPath(ada.Id)}/Clips/{clip.Id}\" data-clip=\"{clip.Id}\"";
        foreach (var flag in new[] { "Flag: Tab hidden", "Flag: Fullscreen exit" })
        {
            Assert.Contains(Player(camera), Item(flag));
            Assert.Contains(Player(screen), Item(flag));
            Assert.Contains("Screen, 20 s from", Item(flag));
        }
        // A clip that never became whole is no evidence.
        Assert.Contains("No clip of this moment.", Item("Flag: Paste"));
        Assert.DoesNotContain("clip-player", Item("Flag: Paste"));
        Assert.Contains(Player(kept), Item("Clip kept at the request of Grace Hopper"));
        Assert.Contains("/js/pages/student.js", html);
    }

    [Theory]
    [InlineData(FlagReviews.Confirmed, "Confirmed")]
    [InlineData(FlagReviews.Dismissed, "Dismissed")]
    public async Task AReviewWithANoteIsStoredAndShownOnThePage(string decision, string shown)
    {
        await using var scene = await ExamScene.StartAsync();
        var ada = await scene.AddStudentAsync("Ada Lovelace");
        var flag = await scene.FlagAsync(ada.Id, "tab-hidden", scene.StartsAtUtc.AddMinutes(4), scene.StartsAtUtc.AddMinutes(5));

        var response = await Forms.PostAsync(scene.Teacher.Browser, scene.StudentPath(ada.Id), $"{scene.StudentPath(ada.Id)}?handler=Review", new()
        {
            ["Review.FlagId"] = flag.Id.ToString(),
            ["Review.Decision"] = decision,
            ["Review.Note"] = "  Looked at a phone  ",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(scene.StudentPath(ada.Id), response.Headers.Location?.OriginalString);
        var (stored, notes) = await scene.DbAsync(async db => (await db.Flags.SingleAsync(), await db.Notes.ToListAsync()));
        Assert.Equal((decision, scene.Teacher.User.Id), (stored.Review, stored.ReviewedById));
        Assert.NotNull(stored.ReviewedAtUtc);
        var note = Assert.Single(notes);
        Assert.Equal((flag.Id, "Looked at a phone", scene.Teacher.User.Id), (note.FlagId, note.Text, note.AuthorId));
        var html = await ExamScene.ReadPageAsync(scene.Teacher.Browser, scene.StudentPath(ada.Id));
        // When, as a <time> the page's script shows in the reader's own time zone like every other time on the page.
        Assert.Contains($"<span class=\"review\">{shown} by Grace Hopper at <time datetime=\"{stored.ReviewedAtUtc:yyyy-MM-ddTHH:mm:ssZ}\" data-local>", html);
        Assert.Contains("Grace Hopper: Looked at a phone</li>", html);
        Assert.Contains($"{shown} “Tab hidden”", html);
    }

    [Fact]
    public async Task AReviewWithoutANoteStoresNoNote()
    {
        await using var scene = await ExamScene.StartAsync();
        var ada = await scene.AddStudentAsync("Ada Lovelace");
        var flag = await scene.FlagAsync(ada.Id, "tab-hidden", scene.StartsAtUtc.AddMinutes(4));

        var response = await Forms.PostAsync(scene.Teacher.Browser, scene.StudentPath(ada.Id), $"{scene.StudentPath(ada.Id)}?handler=Review", new()
        {
            ["Review.FlagId"] = flag.Id.ToString(),
            ["Review.Decision"] = FlagReviews.Dismissed,
            ["Review.Note"] = "",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(FlagReviews.Dismissed, await scene.DbAsync(db => db.Flags.Select(f => f.Review).SingleAsync()));
        Assert.Equal(0, await scene.DbAsync(db => db.Notes.CountAsync()));
    }

    [Fact]
    public async Task ATooLongReviewNoteIsRefusedBesideItsFlagAndNothingChanges()
    {
        await using var scene = await ExamScene.StartAsync();
        var ada = await scene.AddStudentAsync("Ada Lovelace");
        var flag = await scene.FlagAsync(ada.Id, "tab-hidden", scene.StartsAtUtc.AddMinutes(4));

        var response = await Forms.PostAsync(scene.Teacher.Browser, scene.StudentPath(ada.Id), $"{scene.StudentPath(ada.Id)}?handler=Review", new()
        {
            ["Review.FlagId"] = flag.Id.ToString(),
            ["Review.Decision"] = FlagReviews.Confirmed,
            ["Review.Note"] = new string('x', ExamLimits.NoteLength + 1),
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"A note can have at most {ExamLimits.NoteLength} characters.", await response.Content.ReadAsStringAsync());
        Assert.Equal(FlagReviews.Open, await scene.DbAsync(db => db.Flags.Select(f => f.Review).SingleAsync()));
        Assert.Equal(0, await scene.DbAsync(db => db.Notes.CountAsync()));
    }

    [Fact]
    public async Task AFlagOfAnotherStudentCannotBeReviewedFromThisPage()
    {
        await using var scene = await ExamScene.StartAsync();
        var ada = await scene.AddStudentAsync("Ada Lovelace");
        var alan = await scene.AddStudentAsync("Alan Turing");
        var alansFlag = await scene.FlagAsync(alan.Id, "tab-hidden", scene.StartsAtUtc.AddMinutes(4));

        var response = await Forms.PostAsync(scene.Teacher.Browser, scene.StudentPath(ada.Id), $"{scene.StudentPath(ada.Id)}?handler=Review", new()
        {
            ["Review.FlagId"] = alansFlag.Id.ToString(),
            ["Review.Decision"] = FlagReviews.Confirmed,
        });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(FlagReviews.Open, await scene.DbAsync(db => db.Flags.Select(f => f.Review).SingleAsync()));
    }

    [Fact]
    public async Task AGeneralNoteIsSavedAndAppearsInTheTimeline()
    {
        await using var scene = await ExamScene.StartAsync();
        var ada = await scene.AddStudentAsync("Ada Lovelace");

        var response = await Forms.PostAsync(scene.Teacher.Browser, scene.StudentPath(ada.Id), $"{scene.StudentPath(ada.Id)}?handler=Note", new() { ["Note.Text"] = "Asked for scratch paper" });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var note = await scene.DbAsync(db => db.Notes.SingleAsync());
        Assert.Null(note.FlagId);
        var html = await ExamScene.ReadPageAsync(scene.Teacher.Browser, scene.StudentPath(ada.Id));
        Assert.Contains("Note saved.", html);
        Assert.Contains("Note by Grace Hopper: Asked for scratch paper", html);
    }

    [Fact]
    public async Task AnEmptyNoteIsRefusedWithAMessage()
    {
        await using var scene = await ExamScene.StartAsync();
        var ada = await scene.AddStudentAsync("Ada Lovelace");

        var response = await Forms.PostAsync(scene.Teacher.Browser, scene.StudentPath(ada.Id), $"{scene.StudentPath(ada.Id)}?handler=Note", new() { ["Note.Text"] = "   " });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Write the note first.", await response.Content.ReadAsStringAsync());
        Assert.Equal(0, await scene.DbAsync(db => db.Notes.CountAsync()));
    }

    [Fact]
    public async Task EndingAStudentsExamRecordsWhyAndTheirLinkThenSaysTheirExamWasEnded()
    {
        await using var scene = await ExamScene.StartAsync();
        var ada = await scene.AddStudentAsync("Ada Lovelace");
        var alan = await scene.AddStudentAsync("Alan Turing");
        await scene.AttendAsync(ada.Id, (AttendanceKinds.Joined, scene.StartsAtUtc.AddMinutes(1)));

        var response = await Forms.PostAsync(scene.Teacher.Browser, scene.StudentPath(ada.Id), $"{scene.StudentPath(ada.Id)}?handler=EndExam", new() { ["End.Reason"] = "Phone on the desk" });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var ended = await scene.DbAsync(db => db.Attendance.Where(a => a.RosterEntryId == ada.Id).OrderBy(a => a.Id).LastAsync());
        Assert.Equal((AttendanceKinds.EndedByProctor, "Phone on the desk"), (ended.Kind, ended.Detail));
        var student = scene.App.CreateBrowser(new CookieContainer());
        var refused = await student.GetAsync(scene.JoinPath(ada));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        var text = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
        Assert.Contains("<h1>Your exam was ended</h1>", text);
        Assert.Contains("A proctor ended your exam: Phone on the desk", text);
        // Only Ada: another student's link still opens the exam.
        Assert.Equal(HttpStatusCode.OK, (await student.GetAsync(scene.JoinPath(alan))).StatusCode);
        Assert.Contains("Ended by a proctor: Phone on the desk", await ExamScene.ReadPageAsync(scene.Teacher.Browser, scene.StudentPath(ada.Id)));
    }

    [Fact]
    public async Task EndingAStudentsExamEndsTheirOpenFlagsThenAndLeavesEndedOnesAsTheyWere()
    {
        await using var scene = await ExamScene.StartAsync();
        var ada = await scene.AddStudentAsync("Ada Lovelace");
        var alan = await scene.AddStudentAsync("Alan Turing");
        var started = scene.StartsAtUtc.AddMinutes(2);
        var open = await scene.FlagAsync(ada.Id, "voice", started);
        var ended = await scene.FlagAsync(ada.Id, "paste", started, started);
        var othersOpen = await scene.FlagAsync(alan.Id, "voice", started);
        var before = DateTime.UtcNow;

        await Forms.PostAsync(scene.Teacher.Browser, scene.StudentPath(ada.Id), $"{scene.StudentPath(ada.Id)}?handler=EndExam", new() { ["End.Reason"] = "Phone on the desk" });

        var flags = await scene.DbAsync(db => db.Flags.ToDictionaryAsync(f => f.Id, f => f.EndedAtUtc));
        var endedBy = await scene.DbAsync(db => db.Attendance.Where(a => a.Kind == AttendanceKinds.EndedByProctor).Select(a => a.AtUtc).SingleAsync());
        Assert.InRange(endedBy, before, DateTime.UtcNow);
        Assert.Equal(endedBy, flags[open.Id]);
        Assert.Equal(started, flags[ended.Id]);
        Assert.Null(flags[othersOpen.Id]);
        var html = await ExamScene.ReadPageAsync(scene.Teacher.Browser, scene.StudentPath(ada.Id));
        Assert.DoesNotContain("lasted ongoing", html);
    }

    [Fact]
    public async Task EndingAStudentsExamNeedsAReason()
    {
        await using var scene = await ExamScene.StartAsync();
        var ada = await scene.AddStudentAsync("Ada Lovelace");

        var response = await Forms.PostAsync(scene.Teacher.Browser, scene.StudentPath(ada.Id), $"{scene.StudentPath(ada.Id)}?handler=EndExam", new() { ["End.Reason"] = "" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Say why: the student is shown the reason.", await response.Content.ReadAsStringAsync());
        Assert.Equal(0, await scene.DbAsync(db => db.Attendance.CountAsync()));
        Assert.Equal(HttpStatusCode.OK, (await scene.App.CreateBrowser(new CookieContainer()).GetAsync(scene.JoinPath(ada))).StatusCode);
    }

    [Fact]
    public async Task AStudentWhoIsNotOnThisExamIsNotFound()
    {
        await using var scene = await ExamScene.StartAsync();
        var removed = await scene.AddStudentAsync("Removed Student");
        await scene.DbAsync(db => db.Roster.Where(r => r.Id == removed.Id).ExecuteUpdateAsync(s => s.SetProperty(r => r.RemovedAtUtc, DateTime.UtcNow)));
        var otherExam = await scene.DbAsync(async db =>
        {
            var exam = new Exam { Title = "Other", StartsAtUtc = scene.StartsAtUtc, DurationMinutes = 60, OwnerId = scene.Teacher.User.Id, CreatedAtUtc = DateTime.UtcNow };
            db.Exams.Add(exam);
            await db.SaveChangesAsync();
            return exam.Id;
        });
        var ada = await scene.AddStudentAsync("Ada Lovelace");

        Assert.Equal(HttpStatusCode.NotFound, (await scene.Teacher.Browser.GetAsync(scene.StudentPath(ada.Id + 1000))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await scene.Teacher.Browser.GetAsync(scene.StudentPath(removed.Id))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await scene.Teacher.Browser.GetAsync($"/Exams/{otherExam}/Students/{ada.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await scene.Teacher.Browser.GetAsync(scene.StudentPath(ada.Id))).StatusCode);
    }
}
