using System.Net;
using Microsoft.EntityFrameworkCore;
using ProctorWeb.Audit;
using ProctorWeb.Data;
using ProctorWeb.Pages.Account;
using ProctorWeb.Tests.Support;

namespace ProctorWeb.Tests.Pages.Account;

/// <summary>
/// Deleting an account says first what goes with it: the exams it owns go whole, what it wrote in others' exams stays
/// there signed "a former proctor". Never while an owned exam is open to students, never the last admin.
/// </summary>
public class DeleteAccountTests
{
    // The server closes a revoked connection a third of a second after revoking it; the wait is generous because a
    // shared machine under a full test run can be slow, and what is proven is that it closes, not how fast.
    private static readonly TimeSpan Promptly = HubClient.DefaultTimeout;

    private static Task<HttpResponseMessage> DeleteAsync(SignedInUser who, string? password = null) =>
        Forms.PostAsync(who.Browser, "/Account/Delete", new() { ["Password"] = password ?? who.User.Password });

    [Fact]
    public async Task ThePageListsEachOwnedExamWithWhatHappensToItAndTheExamsWhereTheAccountIsACoProctor()
    {
        await using var app = new ProctorWebApplication();
        var tess = await app.SignInNewTeacherAsync("Tess");
        var otto = await app.SignInNewTeacherAsync("Otto");
        var over = await app.CreateExamAsync(tess.User, TimeSpan.FromHours(-3), title: "Last week's quiz");
        await app.InviteAsync(over, "Ada Lovelace");
        await app.CreateExamAsync(tess.User, TimeSpan.FromDays(2), title: "The final");
        await app.CreateExamAsync(otto.User, TimeSpan.FromDays(1), title: "Otto's exam", coProctors: tess.User);

        var page = Html.VisibleText(await tess.Browser.GetStringAsync("/Account/Delete"));

        Assert.Contains("The 2 exams you own are deleted with it", page);
        Assert.Contains("Last week's quiz, ", page);
        Assert.Contains("1 student: ended; download its report (CSV).", page);
        Assert.Contains("The final, ", page);
        Assert.Contains("0 students: has not started; its students' links stop working.", page);
        Assert.DoesNotContain("Otto's exam", page);
        Assert.Contains("You are removed as co-proctor from 1 exam.", page);
        Assert.Contains("Delete my account and 2 exams", page);
    }

    [Fact]
    public async Task DeletingTakesTheOwnedExamsWithTheirClipsClosesTheOpenPagesAndKeepsTheNotesWrittenInAnotherTeachersExam()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        await using var scene = await ClipScene.StartAsync(clock: clock);
        var (app, tess) = (scene.App, scene.Teacher);
        var clip = await scene.AdaPage.StartedAsync(ClipScene.ForFlag(scene.AdaFlag, 1000));
        await scene.AdaPage.SendAsync(clip, ClipScene.Bytes(1000), 1000);
        var otto = await app.SignInNewTeacherAsync("Otto");
        var ottosExam = await app.CreateExamAsync(otto.User, TimeSpan.FromMinutes(-1), title: "Otto's exam", coProctors: tess.User);
        var dan = await app.InviteAsync(ottosExam, "Dan Brown");
        var noted = await Forms.PostAsync(tess.Browser, $"/Exams/{ottosExam}/Students/{dan.RosterId}?handler=Note", new() { ["Note.Text"] = "Dan looked at his phone" });
        Assert.Equal(HttpStatusCode.Redirect, noted.StatusCode);
        clock.Advance(TimeSpan.FromHours(2));
        await using var calls = await app.ConnectAsync(tess);
        var copied = SessionTests.CopyOf(tess, app);
        Assert.Single(scene.FilesOnDisk());

        var response = await DeleteAsync(tess);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/Account/Deleted", response.Headers.Location?.OriginalString);
        Assert.Contains("Your account is deleted", await Html.ReadAsync(await tess.Browser.GetAsync("/Account/Deleted")));
        await calls.Closed.WaitAsync(Promptly);
        Assert.Empty(scene.FilesOnDisk());
        Assert.Empty(await scene.ClipsAsync());
        var (users, exams, roster) = await app.WithServiceAsync<(int, List<string>, int), AppDbContext>(async db => (
            await db.Users.CountAsync(u => u.Id == tess.User.Id),
            await db.Exams.Select(e => e.Title).ToListAsync(),
            await db.Roster.CountAsync(r => r.ExamId == scene.ExamId)));
        Assert.Equal((0, 0), (users, roster));
        Assert.Equal(["Otto's exam"], exams);
        Assert.Contains("Note by a former proctor: Dan looked at his phone",
            await Html.ReadAsync(await otto.Browser.GetAsync($"/Exams/{ottosExam}/Students/{dan.RosterId}")));
        // Every session of the account is over, and it cannot sign in again.
        var stale = await copied.Browser.GetAsync("/Exams");
        Assert.Equal(HttpStatusCode.Redirect, stale.StatusCode);
        Assert.StartsWith("/Account/Login", stale.Headers.Location?.PathAndQuery ?? stale.Headers.Location?.OriginalString);
        await Assert.ThrowsAnyAsync<Exception>(() => app.SignInAsync(tess.User));
        var audit = await app.WithServiceAsync<List<(string, string)>, AppDbContext>(db =>
            db.AuditEntries.Where(e => e.Kind == AuditKinds.AccountDeleted || e.Kind == AuditKinds.ExamDeleted).OrderBy(e => e.Id).Select(e => ValueTuple.Create(e.Kind, e.Subject)).ToListAsync());
        Assert.Equal([(AuditKinds.ExamDeleted, AuditKinds.Exam(scene.ExamId)), (AuditKinds.AccountDeleted, AuditKinds.User(tess.User.Id))], audit);
        Assert.Contains(app.Mail.All, m => m.To == tess.User.Email && m.Subject == "Your ProctorWeb account was deleted");
        app.Logs.AssertNoFailures();
    }

    [Fact]
    public async Task AWrongPasswordDeletesNothing()
    {
        await using var app = new ProctorWebApplication();
        var tess = await app.SignInNewTeacherAsync("Tess");
        await app.CreateExamAsync(tess.User, TimeSpan.FromHours(-3));

        var response = await DeleteAsync(tess, "Not-My-Password-1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(DeleteModel.WrongPassword, Html.FieldError(await response.Content.ReadAsStringAsync(), "Password"));
        Assert.Equal(HttpStatusCode.OK, (await tess.Browser.GetAsync("/Exams")).StatusCode);
        Assert.Equal(1, await app.WithServiceAsync<int, AppDbContext>(db => db.Exams.CountAsync()));
    }

    [Fact]
    public async Task AnAccountWhoseExamIsOpenToStudentsCannotBeDeletedUntilTheExamHasEnded()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        await using var app = new ProctorWebApplication { Clock = clock };
        var tess = await app.SignInNewTeacherAsync("Tess");
        // Its links are open: students may be in the waiting room already.
        await app.CreateExamAsync(tess.User, TimeSpan.FromMinutes(10), title: "Starting soon");

        var page = await Html.ReadAsync(await tess.Browser.GetAsync("/Account/Delete"));
        var refused = await DeleteAsync(tess);

        Assert.Contains("Your exam “Starting soon” is open to students now. Delete your account once it has ended.", page);
        Assert.DoesNotContain("Delete my account", page);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("is open to students now", await Html.ReadAsync(refused));
        Assert.Equal(1, await app.WithServiceAsync<int, AppDbContext>(db => db.Exams.CountAsync()));

        clock.Advance(TimeSpan.FromMinutes(75));

        Assert.Equal(HttpStatusCode.Redirect, (await DeleteAsync(tess)).StatusCode);
        Assert.Equal(0, await app.WithServiceAsync<int, AppDbContext>(db => db.Exams.CountAsync()));
    }

    [Fact]
    public async Task TheOnlyAdminCannotDeleteTheirAccountButOneOfTwoAdminsCan()
    {
        await using var app = new ProctorWebApplication();
        var ada = await app.SignInAsync(await app.CreateUserAsync("Ada Admin", Roles.Admin));

        var refused = await DeleteAsync(ada);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("You are the only admin.", await Html.ReadAsync(refused));

        await app.CreateUserAsync("Bea Admin", Roles.Admin);

        Assert.Equal(HttpStatusCode.Redirect, (await DeleteAsync(ada)).StatusCode);
        Assert.Equal(0, await app.WithServiceAsync<int, AppDbContext>(db => db.Users.CountAsync(u => u.Id == ada.User.Id)));
    }

    [Fact]
    public async Task SomeoneNotSignedInIsSentToSignIn()
    {
        await using var app = new ProctorWebApplication();

        var response = await app.CreateBrowser(new CookieContainer()).GetAsync("/Account/Delete");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("http://localhost/Account/Login", response.Headers.Location?.ToString());
    }
}
