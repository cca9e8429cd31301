using System.Net;
using Microsoft.Extensions.DependencyInjection;
using ProctorWeb.Data;
using ProctorWeb.Exams;
using ProctorWeb.Tests.Support;
using Xunit.Abstractions;
using static ProctorWeb.Tests.Pages.AuthorizationMatrixTests.Outcome;

namespace ProctorWeb.Tests.Pages;

/// <summary>Every page and form handler against every kind of caller, each cell's answer written out in the table.</summary>
public partial class AuthorizationMatrixTests(ITestOutputHelper output)
{
    public enum Outcome
    {
        /// <summary>200.</summary>
        Ok,
        /// <summary>Redirected to the sign-in page.</summary>
        SignIn,
        /// <summary>Redirected to "open your personal link".</summary>
        OpenYourLink,
        /// <summary>404: nobody learns the exam exists.</summary>
        NotFound,
        /// <summary>A form accepted: redirected onwards (post-redirect-get).</summary>
        Done,
        /// <summary>400: allowed to ask, but the request itself is refused (with words for the page).</summary>
        Refused,
    }

    private sealed record Row(string Target, Func<ExamCallers, Caller, Task<HttpResponseMessage>> Send,
        Outcome Anonymous, Outcome StudentOfThisExam, Outcome StudentOfAnotherExam, Outcome AnotherTeacher, Outcome CoProctor, Outcome Owner, Outcome Admin)
    {
        public Outcome Expected(Caller caller) => caller switch
        {
            Caller.Anonymous => Anonymous,
            Caller.StudentOfThisExam => StudentOfThisExam,
            Caller.StudentOfAnotherExam => StudentOfAnotherExam,
            Caller.AnotherTeacher => AnotherTeacher,
            Caller.CoProctor => CoProctor,
            Caller.Owner => Owner,
            Caller.Admin => Admin,
            _ => throw new ArgumentOutOfRangeException(nameof(caller), caller, "A caller with no column in the table."),
        };
    }

    private static Row Get(string target, Func<ExamCallers, string> path, Outcome a, Outcome s, Outcome so, Outcome t, Outcome c, Outcome o, Outcome ad) =>
        new($"GET {target}", (scene, caller) => scene.BrowserOf(caller).GetAsync(path(scene)), a, s, so, t, c, o, ad);

    private static Row Post(string target, Func<ExamCallers, Caller, Task<string>> path, Func<ExamCallers, Caller, Dictionary<string, string>> fields,
        Outcome a, Outcome s, Outcome so, Outcome t, Outcome c, Outcome o, Outcome ad, bool changesWhoTheCallerIs = false) =>
        new($"POST {target}", async (scene, caller) =>
        {
            var browser = changesWhoTheCallerIs ? scene.CopyOfBrowser(caller) : scene.BrowserOf(caller);
            // The sign-in page is open to all and issues a token for whoever is asking, as any form page would.
            var token = await Forms.GetAntiforgeryTokenAsync(browser, "/Account/Login");
            var form = fields(scene, caller).Append(new("__RequestVerificationToken", token));
            return await browser.PostAsync(await path(scene, caller), new FormUrlEncodedContent(form));
        }, a, s, so, t, c, o, ad);

    private static string Exam(ExamCallers s) => $"/Exams/{s.ExamId}";

    private static Dictionary<string, string> NoFields(ExamCallers s, Caller c) => [];

    /// <summary>A fresh student of this exam, removed as the owner's form removes one.</summary>
    private static async Task<int> RemovedStudentAsync(ExamCallers scene, Caller caller)
    {
        var student = await scene.App.InviteAsync(scene.ExamId, Unique(caller));
        Assert.True(await scene.App.WithServiceAsync<bool, RosterService>(roster => roster.RemoveAsync(scene.ExamId, student.RosterId)));
        return student.RosterId;
    }

    private static string Unique(Caller caller) => $"{caller.ToString().ToLowerInvariant()}-{Guid.NewGuid():N}";

    // Columns: anonymous, student of this exam, student of another exam, another teacher, co-proctor, owner, admin.
    // The admin is a teacher who is on neither exam: to these exams' pages a stranger like another teacher, as the README's table says.
    private static readonly Row[] Table =
    [
        Get("/", _ => "/", Ok, Ok, Ok, Ok, Ok, Ok, Ok),
        // Anyone may choose the language (English here, so the rows after read as they are written).
        Get("/Language", _ => "/Language", Done, Done, Done, Done, Done, Done, Done),
        Post("/Language", (_, _) => Task.FromResult("/Language"), (_, _) => new() { ["culture"] = "en", ["returnUrl"] = "/" }, Done, Done, Done, Done, Done, Done, Done),
        Get("/Account/Login", _ => "/Account/Login", Ok, Ok, Ok, Ok, Ok, Ok, Ok),
        Get("/Calls", _ => "/Calls", SignIn, SignIn, SignIn, Ok, Ok, Ok, Ok),
        Get("/Exams", _ => "/Exams", SignIn, SignIn, SignIn, Ok, Ok, Ok, Ok),
        // Admins only; a teacher who is not one is sent to sign in as someone who is.
        Get("/Admin/Teachers", _ => "/Admin/Teachers", SignIn, SignIn, SignIn, SignIn, SignIn, SignIn, Ok),
        Get("/Admin/Audit", _ => "/Admin/Audit", SignIn, SignIn, SignIn, SignIn, SignIn, SignIn, Ok),
        // A student's link is no account, so has no password or second step to manage.
        Get("/Account/ChangePassword", _ => "/Account/ChangePassword", SignIn, SignIn, SignIn, Ok, Ok, Ok, Ok),
        Get("/Account/TwoFactor", _ => "/Account/TwoFactor", SignIn, SignIn, SignIn, Ok, Ok, Ok, Ok),
        Get("/Account/Delete", _ => "/Account/Delete", SignIn, SignIn, SignIn, Ok, Ok, Ok, Ok),
        Get("/Exams/Schedule", _ => "/Exams/Schedule", SignIn, SignIn, SignIn, Ok, Ok, Ok, Ok),
        Get("/Exams/Schedule/{id}", s => $"/Exams/Schedule/{s.ExamId}", SignIn, SignIn, SignIn, NotFound, NotFound, Ok, NotFound),
        Get("/Exams/{id}", Exam, SignIn, SignIn, SignIn, NotFound, Ok, Ok, NotFound),
        Get("/Exams/{id}?handler=Qr&studentId={sid}", s => $"{Exam(s)}?handler=Qr&studentId={s.Ada.RosterId}", SignIn, SignIn, SignIn, NotFound, NotFound, Ok, NotFound),
        Get("/Exams/{id}?handler=LinksCsv", s => $"{Exam(s)}?handler=LinksCsv", SignIn, SignIn, SignIn, NotFound, NotFound, Ok, NotFound),
        Get("/Exams/{other id}?handler=Qr&studentId={sid of this exam}", s => $"/Exams/{s.OtherExamId}?handler=Qr&studentId={s.Ada.RosterId}", SignIn, SignIn, SignIn, NotFound, NotFound, NotFound, NotFound),
        // Deleting is the owner's alone; co-proctors learn no more than another teacher.
        Get("/Exams/{id}/Delete", s => $"{Exam(s)}/Delete", SignIn, SignIn, SignIn, NotFound, NotFound, Ok, NotFound),
        Get("/Exams/{id}/Delete?handler=Exam", s => $"{Exam(s)}/Delete?handler=Exam", SignIn, SignIn, SignIn, NotFound, NotFound, Ok, NotFound),
        Get("/Exams/{id}/Monitor", s => $"{Exam(s)}/Monitor", SignIn, SignIn, SignIn, NotFound, Ok, Ok, NotFound),
        Get("/Exams/{id}/Report", s => $"{Exam(s)}/Report", SignIn, SignIn, SignIn, NotFound, Ok, Ok, NotFound),
        Get("/Exams/{id}/Report?handler=Csv", s => $"{Exam(s)}/Report?handler=Csv", SignIn, SignIn, SignIn, NotFound, Ok, Ok, NotFound),
        Get("/Exams/{id}/Report?handler=FlagsCsv", s => $"{Exam(s)}/Report?handler=FlagsCsv", SignIn, SignIn, SignIn, NotFound, Ok, Ok, NotFound),
        Get("/Exams/{id}/Students/{sid}", s => $"{Exam(s)}/Students/{s.Ada.RosterId}", SignIn, SignIn, SignIn, NotFound, Ok, Ok, NotFound),
        Get("/Exams/{other id}/Students/{sid of this exam}", s => $"/Exams/{s.OtherExamId}/Students/{s.Ada.RosterId}", SignIn, SignIn, SignIn, NotFound, NotFound, NotFound, NotFound),
        // Ada's ID photos: her exam's proctors only; through another exam, nobody.
        Get("/Exams/{id}/Students/{sid}?handler=Photo", s => $"{Exam(s)}/Students/{PhotoOf(s)}?handler=Photo&kind=face", SignIn, SignIn, SignIn, NotFound, Ok, Ok, NotFound),
        Get("/Exams/{other id}/Students/{sid of this exam}?handler=Photo", s => $"/Exams/{s.OtherExamId}/Students/{PhotoOf(s)}?handler=Photo&kind=face", SignIn, SignIn, SignIn, NotFound, NotFound, NotFound, NotFound),
        // A student uploads to their own invitation only (the cookie says whose), and these exams ask for no ID photos; nobody else has an exam room.
        new("POST /Join/Room?handler=Photo", async (scene, caller) =>
        {
            var browser = scene.BrowserOf(caller);
            var token = caller is Caller.StudentOfThisExam or Caller.StudentOfAnotherExam ? null : await Forms.GetAntiforgeryTokenAsync(browser, "/Account/Login");
            return await TestPhotos.UploadAsync(browser, IdPhotoKinds.Face, TestPhotos.Encode(), token: token);
        }, OpenYourLink, Refused, Refused, OpenYourLink, OpenYourLink, OpenYourLink, OpenYourLink),
        // Ada's clips (see AuthorizationMatrixTests.Clips.cs): her exam's proctors only; through another exam, nobody.
        Get("/Exams/{id}/Students/{sid}/Clips", s => $"{Exam(s)}/Students/{s.Ada.RosterId}/Clips", SignIn, SignIn, SignIn, NotFound, Ok, Ok, NotFound),
        Get("/Exams/{id}/Students/{sid}/Clips/{clip}", s => $"{Exam(s)}/Students/{s.Ada.RosterId}/Clips/{WholeClipOfAda(s)}", SignIn, SignIn, SignIn, NotFound, Ok, Ok, NotFound),
        Get("/Exams/{other id}/Students/{sid of this exam}/Clips/{clip}", s => $"/Exams/{s.OtherExamId}/Students/{s.Ada.RosterId}/Clips/{WholeClipOfAda(s)}", SignIn, SignIn, SignIn, NotFound, NotFound, NotFound, NotFound),
        // A student starts clips for their own flags and sends to their own clips only; nobody else has an exam page.
        ClipUpload("POST /Join/Clips (start, for one of Ada's flags)", (s, page) => page.StartAsync(ClipScene.ForFlag(NewFlagOf(s), 1000)),
            OpenYourLink, Ok, Refused, OpenYourLink, OpenYourLink, OpenYourLink, OpenYourLink),
        ClipUpload("POST /Join/Clips?handler=Chunk (Ada's clip)", (s, page) => page.ChunkAsync(StartedClipOfAda(s), 0, ClipScene.Bytes(100)),
            OpenYourLink, Ok, NotFound, OpenYourLink, OpenYourLink, OpenYourLink, OpenYourLink),
        Get("/Join/Clips?clipId={Ada's clip}", s => $"/Join/Clips?clipId={StartedClipOfAda(s)}", OpenYourLink, Ok, NotFound, OpenYourLink, OpenYourLink, OpenYourLink, OpenYourLink),
        // The link is the credential: whoever holds it may open it.
        Get("/Join/{secret}", s => s.Ada.Link, Ok, Ok, Ok, Ok, Ok, Ok, Ok),
        // Each student sees their own exam's room (checked below); without a redeemed link there is no room.
        Get("/Join/Room", _ => "/Join/Room", OpenYourLink, Ok, Ok, OpenYourLink, OpenYourLink, OpenYourLink, OpenYourLink),

        Post("/Exams/Schedule (new exam)", (_, _) => Task.FromResult("/Exams/Schedule"), (_, c) => new()
        {
            ["Input.Title"] = Unique(c), ["Input.StartsAt"] = DateTime.UtcNow.AddDays(2).ToString("yyyy-MM-ddTHH:mm"), ["Input.TimeZone"] = "UTC",
            ["Input.DurationMinutes"] = "60", ["Input.LateJoinMinutes"] = "0",
        }, SignIn, SignIn, SignIn, Done, Done, Done, Done),
        // Saving the exam as it is: same title, start and co-proctor, so other cells are unaffected.
        Post("/Exams/Schedule/{id}", (s, _) => Task.FromResult($"/Exams/Schedule/{s.ExamId}"), (s, _) => new()
        {
            ["Input.Title"] = "This exam", ["Input.StartsAt"] = StartOf(s).ToString("yyyy-MM-ddTHH:mm"), ["Input.TimeZone"] = "UTC",
            ["Input.DurationMinutes"] = "60", ["Input.LateJoinMinutes"] = "10", ["Input.CoProctorEmails"] = s.CoProctor.User.Email,
        }, SignIn, SignIn, SignIn, NotFound, NotFound, Done, NotFound),
        // The roster and its links are the owner's; co-proctors watch and review.
        Post("/Exams/{id}?handler=Add", (s, _) => Task.FromResult($"{Exam(s)}?handler=Add"), (_, c) => new() { ["Add.Name"] = "Added", ["Add.Email"] = $"{Unique(c)}@example.test" },
            SignIn, SignIn, SignIn, NotFound, NotFound, Done, NotFound),
        Post("/Exams/{id}?handler=AddMany", (s, _) => Task.FromResult($"{Exam(s)}?handler=AddMany"), (_, c) => new() { ["Paste"] = $"Pasted, {Unique(c)}@example.test" },
            SignIn, SignIn, SignIn, NotFound, NotFound, Done, NotFound),
        // Without the second click nothing is removed: the owner is asked (200), others learn nothing.
        Post("/Exams/{id}?handler=Remove&studentId={sid} (unconfirmed)", (s, _) => Task.FromResult($"{Exam(s)}?handler=Remove&studentId={s.Ada.RosterId}"), NoFields,
            SignIn, SignIn, SignIn, NotFound, NotFound, Ok, NotFound),
        Post("/Exams/{id}?handler=Restore&studentId={a removed sid}", async (s, c) => $"{Exam(s)}?handler=Restore&studentId={await RemovedStudentAsync(s, c)}", NoFields,
            SignIn, SignIn, SignIn, NotFound, NotFound, Done, NotFound),
        Post("/Exams/{id}?handler=Remove&studentId={sid}&confirmed=true", async (s, c) => $"{Exam(s)}?handler=Remove&studentId={(await s.App.InviteAsync(s.ExamId, Unique(c))).RosterId}&confirmed=true", NoFields,
            SignIn, SignIn, SignIn, NotFound, NotFound, Done, NotFound),
        // Accommodations are the owner's too: setting Ada's to none changes nothing the other cells rely on.
        Post("/Exams/{id}?handler=Accommodate", (s, _) => Task.FromResult($"{Exam(s)}?handler=Accommodate"),
            (s, _) => new() { ["Accommodate.StudentIds[0]"] = s.Ada.RosterId.ToString(), ["Accommodate.ExtraMinutes"] = "0" },
            SignIn, SignIn, SignIn, NotFound, NotFound, Done, NotFound),
        // Mailing the links is handing them out: the owner's alone (no SMTP server here, so the mails go to the folder).
        Post("/Exams/{id}?handler=SendLinks (all)", (s, _) => Task.FromResult($"{Exam(s)}?handler=SendLinks"), (_, c) => new() { ["to"] = "All", ["Note"] = Unique(c) },
            SignIn, SignIn, SignIn, NotFound, NotFound, Done, NotFound),
        Post("/Exams/{id}?handler=SendLinks (selected: Ada)", (s, _) => Task.FromResult($"{Exam(s)}?handler=SendLinks"), (s, _) => new() { ["to"] = "Selected", ["selected"] = s.Ada.RosterId.ToString() },
            SignIn, SignIn, SignIn, NotFound, NotFound, Done, NotFound),
        Post("/Exams/{id}/Students/{sid}?handler=Note", (s, _) => Task.FromResult($"{Exam(s)}/Students/{s.Ada.RosterId}?handler=Note"), (_, c) => new() { ["Note.Text"] = Unique(c) },
            SignIn, SignIn, SignIn, NotFound, Done, Done, NotFound),
        Post("/Exams/{id}/Students/{sid}?handler=Review", (s, _) => Task.FromResult($"{Exam(s)}/Students/{s.Ada.RosterId}?handler=Review"),
            (s, _) => new() { ["Review.FlagId"] = NewFlagOf(s).ToString(), ["Review.Decision"] = FlagReviews.Confirmed },
            SignIn, SignIn, SignIn, NotFound, Done, Done, NotFound),
        Post("/Exams/{id}/Students/{sid}?handler=EndExam", async (s, c) => $"{Exam(s)}/Students/{(await s.App.InviteAsync(s.ExamId, Unique(c))).RosterId}?handler=EndExam",
            (_, _) => new() { ["End.Reason"] = "Testing who may" }, SignIn, SignIn, SignIn, NotFound, Done, Done, NotFound),
        // This exam is running, so even its owner is refused (400, with the reason) until it has ended.
        Post("/Exams/{id}/Delete", (s, _) => Task.FromResult($"{Exam(s)}/Delete"), NoFields, SignIn, SignIn, SignIn, NotFound, NotFound, Refused, NotFound),
        Post("/Exams/{id}/Delete?handler=Exam", (s, _) => Task.FromResult($"{Exam(s)}/Delete?handler=Exam"), NoFields, SignIn, SignIn, SignIn, NotFound, NotFound, Refused, NotFound),
        // Account and admin forms (helpers in AuthorizationMatrixTests.Admin.cs). A wrong password or code answers the form
        // again with the reason (200) and changes nothing, so the caller's account stays as the other cells need it.
        Post("/Account/ChangePassword (wrong current password)", (_, _) => Task.FromResult("/Account/ChangePassword"), (_, _) => new()
        {
            ["Input.CurrentPassword"] = "Not-The-Password-1", ["Input.NewPassword"] = "Another-Horse-43", ["Input.ConfirmPassword"] = "Another-Horse-43",
        }, SignIn, SignIn, SignIn, Ok, Ok, Ok, Ok),
        // Letters are never a right code, whatever the time.
        Post("/Account/TwoFactor?handler=Enable (wrong code)", (_, _) => Task.FromResult("/Account/TwoFactor?handler=Enable"), (_, _) => new() { ["Code"] = "abcdef" },
            SignIn, SignIn, SignIn, Ok, Ok, Ok, Ok),
        Post("/Account/Delete (wrong password)", (_, _) => Task.FromResult("/Account/Delete"), (_, _) => new() { ["Password"] = "Not-The-Password-1" },
            SignIn, SignIn, SignIn, Ok, Ok, Ok, Ok),
        Post("/Account/TwoFactor?handler=Disable (wrong password)", (_, _) => Task.FromResult("/Account/TwoFactor?handler=Disable"), (_, _) => new() { ["Password"] = "Not-The-Password-1" },
            SignIn, SignIn, SignIn, Ok, Ok, Ok, Ok),
        Post($"{Teachers}?handler=Invite", (_, _) => Task.FromResult($"{Teachers}?handler=Invite"), (_, c) => new() { ["Invite.Email"] = $"{Unique(c)}@example.test", ["Invite.Name"] = "Invited Teacher" },
            SignIn, SignIn, SignIn, SignIn, SignIn, SignIn, Done),
        Post($"{Teachers}?handler=Resend", async (s, _) => $"{Teachers}?handler=Resend&userId={(await NewInvitedTeacher(s.App)).Id}", NoFields,
            SignIn, SignIn, SignIn, SignIn, SignIn, SignIn, Done),
        // The first post shows the question with the person's name and address: that too is for admins only.
        TeachersChange("Block", NewTeacher, confirmed: false, SignIn, SignIn, SignIn, SignIn, SignIn, SignIn, Ok),
        TeachersChange("Promote", NewTeacher, confirmed: true, SignIn, SignIn, SignIn, SignIn, SignIn, SignIn, Done),
        TeachersChange("RemoveAdmin", NewAdmin, confirmed: true, SignIn, SignIn, SignIn, SignIn, SignIn, SignIn, Done),
        TeachersChange("RemoveTeacher", NewTeacher, confirmed: true, SignIn, SignIn, SignIn, SignIn, SignIn, SignIn, Done),
        TeachersChange("Block", NewTeacher, confirmed: true, SignIn, SignIn, SignIn, SignIn, SignIn, SignIn, Done),
        TeachersChange("Unblock", NewBlockedTeacher, confirmed: true, SignIn, SignIn, SignIn, SignIn, SignIn, SignIn, Done),
        Post("/Join/{secret}", (s, _) => Task.FromResult(s.Ada.Link), (_, _) => new() { ["Agree"] = "true" }, Done, Done, Done, Done, Done, Done, Done, changesWhoTheCallerIs: true),
        // Near the end: it ends the exam for everyone.
        Post("/Exams/{id}/Monitor?handler=EndExam", (s, _) => Task.FromResult($"{Exam(s)}/Monitor?handler=EndExam"), NoFields, SignIn, SignIn, SignIn, NotFound, Done, Done, NotFound),
        // Last: signing out ends the caller's session on the server, so even the kept copy of their cookie is refused after it.
        Post("/Account/Logout", (_, _) => Task.FromResult("/Account/Logout"), NoFields, Done, Done, Done, Done, Done, Done, Done, changesWhoTheCallerIs: true),
    ];

    [Fact]
    public async Task EveryPageAndFormHandlerAnswersEachKindOfCallerExactlyAsTheTableSays()
    {
        await using var scene = await ExamCallers.StartAsync();
        var wrong = new List<string>();
        var cells = 0;

        foreach (var row in Table)
        {
            foreach (var caller in ExamCallers.All)
            {
                cells++;
                var response = await row.Send(scene, caller);
                var actual = OutcomeOf(response);
                if (actual != row.Expected(caller))
                {
                    wrong.Add($"{row.Target} as {caller}: expected {row.Expected(caller)}, got {actual} ({(int)response.StatusCode} {response.Headers.Location})");
                }
            }
        }

        output.WriteLine($"Page authorization matrix: {Table.Length} pages and handlers x {ExamCallers.All.Count} callers = {cells} cells checked.");
        Assert.True(wrong.Count == 0, $"{wrong.Count} of {cells} cells differ from the table:{Environment.NewLine}{string.Join(Environment.NewLine, wrong)}");
        Assert.Equal(Table.Length * ExamCallers.All.Count, cells);
        // Each student's room is their own exam's.
        Assert.Contains("This exam", await Html.ReadAsync(await scene.BrowserOf(Caller.StudentOfThisExam).GetAsync("/Join/Room")));
        Assert.Contains("Another exam", await Html.ReadAsync(await scene.BrowserOf(Caller.StudentOfAnotherExam).GetAsync("/Join/Room")));
        scene.App.Logs.AssertNoFailures();
    }

    private static Outcome OutcomeOf(HttpResponseMessage response) => response.StatusCode switch
    {
        HttpStatusCode.OK => Ok,
        HttpStatusCode.NotFound => NotFound,
        HttpStatusCode.BadRequest => Refused,
        HttpStatusCode.Redirect when PathOf(response) == "/Account/Login" => SignIn,
        HttpStatusCode.Redirect when PathOf(response) == "/Join/Missing" => OpenYourLink,
        HttpStatusCode.Redirect => Done,
        _ => throw new Xunit.Sdk.XunitException($"Unexpected answer {(int)response.StatusCode} for {response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}"),
    };

    private static string? PathOf(HttpResponseMessage response) =>
        response.Headers.Location is { } location ? new Uri(ProctorWebApplication.BaseUri, location).AbsolutePath : null;

    private static DateTime StartOf(ExamCallers scene) =>
        scene.App.WithServiceAsync<DateTime, AppDbContext>(db => Task.FromResult(db.Exams.Single(e => e.Id == scene.ExamId).StartsAtUtc)).GetAwaiter().GetResult();

    /// <summary>Ada's roster id, once she has a face photo (stored straight, as the upload row is checked on its own).</summary>
    private static int PhotoOf(ExamCallers scene)
    {
        using var scope = scene.App.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        if (!db.IdPhotos.Any(p => p.RosterEntryId == scene.Ada.RosterId && p.Kind == IdPhotoKinds.Face))
        {
            db.IdPhotos.Add(new IdPhoto { RosterEntryId = scene.Ada.RosterId, Kind = IdPhotoKinds.Face, Jpeg = TestPhotos.Encode(), Width = 640, Height = 360, TakenAtUtc = DateTime.UtcNow });
            db.SaveChanges();
        }
        return scene.Ada.RosterId;
    }

    private static long NewFlagOf(ExamCallers scene)
    {
        using var scope = scene.App.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var flag = new Flag { RosterEntryId = scene.Ada.RosterId, ClientId = Guid.NewGuid().ToString("N"), Kind = "copy", StartedAtUtc = DateTime.UtcNow };
        db.Flags.Add(flag);
        db.SaveChanges();
        return flag.Id;
    }
}
