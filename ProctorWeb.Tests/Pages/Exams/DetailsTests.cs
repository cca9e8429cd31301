using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using ProctorWeb.Data;
using ProctorWeb.Tests.Support;

namespace ProctorWeb.Tests.Pages.Exams;

public class DetailsTests
{
    private static Task<HttpResponseMessage> PostAsync(SignedInUser teacher, int examId, string handler, Dictionary<string, string> fields) =>
        Forms.PostAsync(teacher.Browser, $"/Exams/{examId}", $"/Exams/{examId}?handler={handler}", fields);

    private static string Attribute(string tag, string name)
    {
        var match = Regex.Match(tag, $"\\s{name}=\"([^\"]*)\"");
        Assert.True(match.Success, $"No {name} attribute in {tag}");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    private static Task<List<RosterEntry>> RosterAsync(ProctorWebApplication app, int examId) =>
        app.WithServiceAsync<List<RosterEntry>, AppDbContext>(db => db.Roster.Where(r => r.ExamId == examId).OrderBy(r => r.Id).ToListAsync());

    private static async Task<(ProctorWebApplication App, SignedInUser Teacher, int ExamId)> ExamStartingSoonAsync()
    {
        var app = new ProctorWebApplication();
        try
        {
            var teacher = await app.SignInNewTeacherAsync("Tess");
            // Within the opening window, so the links open their join page.
            return (app, teacher, await app.CreateExamAsync(teacher.User, TimeSpan.FromMinutes(10)));
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    [Fact]
    public async Task AddingManyStudentsAddsTheGoodLinesAndReportsEachBadOneByItsLineNumber()
    {
        var (app, teacher, examId) = await ExamStartingSoonAsync();
        await using var _ = app;
        var paste = string.Join("\r\n",
            "Ada Lovelace, ada@example.org",
            "",
            "\"Hopper, Grace\"; grace@example.org",
            "no separator here",
            "Alan Turing, not-an-email",
            "Ada Again, ADA@example.org");

        var response = await PostAsync(teacher, examId, "AddMany", new() { ["Paste"] = paste });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        var text = Html.Decoded(html);
        Assert.Contains("Added 2 students. 3 lines were not added:", text);
        Assert.Contains("Line 4: “no separator here” needs a name and an email separated by a comma.", text);
        Assert.Contains("Line 5: “Alan Turing, not-an-email” has an email address that is not valid ('not-an-email').", text);
        Assert.Contains("Line 6: “Ada Again, ADA@example.org” repeats an email given on an earlier line.", text);
        // Only the refused lines stay in the box, ready to be corrected.
        Assert.Equal("no separator here\nAlan Turing, not-an-email\nAda Again, ADA@example.org", Html.TextArea(html, "Paste"));
        var roster = await RosterAsync(app, examId);
        Assert.Equal([("Ada Lovelace", "ada@example.org"), ("Hopper, Grace", "grace@example.org")], roster.Select(r => (r.Name, r.Email)));
    }

    [Fact]
    public async Task APasteWithFullWidthSeparatorsAddsEveryStudentWithTheirNameAsTyped()
    {
        var (app, teacher, examId) = await ExamStartingSoonAsync();
        await using var _ = app;
        // As a Chinese keyboard types them: full-width comma (U+FF0C) and semicolon (U+FF1B).
        var paste = "张伟，zhang.wei@example.org\nＬｉ Ｗｅｉ；li.wei@example.org\n王，小明；wang@example.org";

        var response = await PostAsync(teacher, examId, "AddMany", new() { ["Paste"] = paste });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var page = await Html.ReadAsync(await teacher.Browser.GetAsync($"/Exams/{examId}"));
        Assert.Contains("Added 3 students.", page);
        Assert.Equal(
            [("张伟", "zhang.wei@example.org"), ("Ｌｉ Ｗｅｉ", "li.wei@example.org"), ("王，小明", "wang@example.org")],
            (await RosterAsync(app, examId)).Select(r => (r.Name, r.Email)));
        foreach (var name in new[] { "张伟", "Ｌｉ Ｗｅｉ", "王，小明" })
        {
            Assert.Contains($"<td>{name}</td>", page);
        }
    }

    [Fact]
    public async Task AnEmailAlreadyOnTheRosterIsReportedAndNotAddedAgain()
    {
        var (app, teacher, examId) = await ExamStartingSoonAsync();
        await using var _ = app;
        var ada = await app.InviteAsync(examId, "Ada");

        var response = await PostAsync(teacher, examId, "AddMany", new() { ["Paste"] = $"Bob, bob@example.org\nAda L, {ada.Email.ToUpperInvariant()}" });

        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains($"“Ada L, {ada.Email.ToUpperInvariant()}” is already on the roster.", Html.Decoded(html));
        Assert.Contains("Added 1 student. 1 line was not added:", Html.Decoded(html));
        Assert.Equal($"Ada L, {ada.Email.ToUpperInvariant()}", Html.TextArea(html, "Paste"));
        Assert.Equal(["Ada", "Bob"], (await RosterAsync(app, examId)).Select(r => r.Name));
    }

    public static TheoryData<string, string, string, string> BadSingleStudents => new()
    {
        { "", "ada@example.org", "Add.Name", "The Name field is required." },
        { new string('a', 101), "ada@example.org", "Add.Name", "The field Name must be a string with a maximum length of 100." },
        { "Ada", "", "Add.Email", "The Email field is required." },
        { "Ada", "not-an-email", "Add.Email", "The Email field is not a valid e-mail address." },
        // Identity-style validation lets this through; the roster rule wants a domain with a dot.
        { "Ada", "ada@localhost", "Add.Email", "This student has an email address that is not valid ('ada@localhost')." },
    };

    [Theory]
    [MemberData(nameof(BadSingleStudents))]
    public async Task AddingOneStudentChecksTheNameAndEmail(string name, string email, string field, string message)
    {
        var (app, teacher, examId) = await ExamStartingSoonAsync();
        await using var _ = app;

        var response = await PostAsync(teacher, examId, "Add", new() { ["Add.Name"] = name, ["Add.Email"] = email });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(message, Html.FieldError(await response.Content.ReadAsStringAsync(), field));
        Assert.Empty(await RosterAsync(app, examId));
    }

    [Fact]
    public async Task AddingOneStudentPutsThemOnTheRosterOnceOnly()
    {
        var (app, teacher, examId) = await ExamStartingSoonAsync();
        await using var _ = app;

        var added = await PostAsync(teacher, examId, "Add", new() { ["Add.Name"] = " Ada Lovelace ", ["Add.Email"] = "ada@example.org" });
        var page = await Html.ReadAsync(await teacher.Browser.GetAsync($"/Exams/{examId}"));
        var again = await PostAsync(teacher, examId, "Add", new() { ["Add.Name"] = "Ada", ["Add.Email"] = "ADA@example.org" });

        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        Assert.Equal($"/Exams/{examId}", added.Headers.Location?.OriginalString);
        Assert.Contains("Added Ada Lovelace.", page);
        Assert.Contains("Students (1)", page);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal("ADA@example.org is already on the roster.", Html.FieldError(await again.Content.ReadAsStringAsync(), "Add.Email"));
        Assert.Equal([("Ada Lovelace", "ada@example.org")], (await RosterAsync(app, examId)).Select(r => (r.Name, r.Email)));
    }

    [Fact]
    public async Task EachLinkOnTheDetailsPageOpensThatStudentsOwnJoinPage()
    {
        var (app, teacher, examId) = await ExamStartingSoonAsync();
        await using var _ = app;
        await PostAsync(teacher, examId, "AddMany", new() { ["Paste"] = "Ada, ada@example.org\nBob, bob@example.org" });

        var html = await teacher.Browser.GetStringAsync($"/Exams/{examId}");

        foreach (var name in new[] { "Ada", "Bob" })
        {
            var link = new Uri(Html.InputValue(html, $"Link for {name}"));
            Assert.StartsWith("/Join/", link.AbsolutePath);
            // A fresh browser: the link alone is what the student has.
            var joinPage = await app.CreateBrowser(new CookieContainer()).GetAsync(link.PathAndQuery);
            Assert.Equal(HttpStatusCode.OK, joinPage.StatusCode);
            Assert.Contains($"Hello {name}.", await Html.ReadAsync(joinPage));
        }
        Assert.NotEqual(Html.InputValue(html, "Link for Ada"), Html.InputValue(html, "Link for Bob"));
    }

    [Fact]
    public async Task RemovingAStudentAsksFirstThenRemovesAndUndoBringsTheSameLinkBack()
    {
        var (app, teacher, examId) = await ExamStartingSoonAsync();
        await using var _ = app;
        var ada = await app.InviteAsync(examId, "Ada Lovelace");
        var fields = new Dictionary<string, string> { ["studentId"] = ada.RosterId.ToString() };

        var asked = await PostAsync(teacher, examId, "Remove", fields);

        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        Assert.Contains("Remove Ada Lovelace from this exam?", Html.VisibleText(await asked.Content.ReadAsStringAsync()));
        Assert.All(await RosterAsync(app, examId), r => Assert.Null(r.RemovedAtUtc));

        var removed = await PostAsync(teacher, examId, "Remove", new(fields) { ["confirmed"] = "true" });
        var page = Html.VisibleText(await teacher.Browser.GetStringAsync(removed.Headers.Location));

        Assert.Contains("Removed Ada Lovelace. Their link no longer works. Undo", page);
        Assert.NotNull((await RosterAsync(app, examId)).Single().RemovedAtUtc);
        Assert.DoesNotContain("Hello Ada Lovelace.", await Html.ReadAsync(await app.CreateBrowser(new CookieContainer()).GetAsync(ada.Link)));

        var restored = await PostAsync(teacher, examId, "Restore", fields);

        Assert.Equal(HttpStatusCode.Redirect, restored.StatusCode);
        Assert.Contains("Ada Lovelace is back on the roster; their link works again.", Html.VisibleText(await teacher.Browser.GetStringAsync(restored.Headers.Location)));
        Assert.Null((await RosterAsync(app, examId)).Single().RemovedAtUtc);
        var joinPage = await app.CreateBrowser(new CookieContainer()).GetAsync(ada.Link);
        Assert.Contains("Hello Ada Lovelace.", await Html.ReadAsync(joinPage));
    }

    [Fact]
    public async Task UndoingARemovalIsRefusedInWordsWhenTheAddressWasAddedAgainMeanwhile()
    {
        var (app, teacher, examId) = await ExamStartingSoonAsync();
        await using var _ = app;
        var ada = await app.InviteAsync(examId, "Ada Lovelace");
        await PostAsync(teacher, examId, "Remove", new() { ["studentId"] = ada.RosterId.ToString(), ["confirmed"] = "true" });
        await PostAsync(teacher, examId, "Add", new() { ["Add.Name"] = "Ada Lovelace", ["Add.Email"] = ada.Email });

        var refused = await PostAsync(teacher, examId, "Restore", new() { ["studentId"] = ada.RosterId.ToString() });

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains($"{ada.Email} is on the roster again already, with a new link; Ada Lovelace stays removed.", Html.VisibleText(await refused.Content.ReadAsStringAsync()));
        Assert.Single(await RosterAsync(app, examId), r => r.RemovedAtUtc is null);
    }

    [Fact]
    public async Task TheExamPageMakesNoQrCodeUntilOneIsOpenedAndThenOnlyThatStudentsLink()
    {
        var (app, teacher, examId) = await ExamStartingSoonAsync();
        await using var _ = app;
        await PostAsync(teacher, examId, "AddMany", new() { ["Paste"] = "Ada, ada@example.org\nBob, bob@example.org" });
        var roster = await RosterAsync(app, examId);

        var html = await teacher.Browser.GetStringAsync($"/Exams/{examId}");

        // A roster of thousands once made a QR code per student on every view.
        Assert.DoesNotContain("data:image/png", html);
        foreach (var student in roster)
        {
            var qrPath = $"/Exams/{examId}?studentId={student.Id}&handler=Qr";
            Assert.Contains($"data-src=\"{qrPath.Replace("&", "&amp;")}\"", html);
            var qr = await teacher.Browser.GetAsync(qrPath);
            Assert.Equal(HttpStatusCode.OK, qr.StatusCode);
            Assert.Equal("image/png", qr.Content.Headers.ContentType?.MediaType);
            Assert.Equal("no-store", qr.Headers.CacheControl?.ToString());
            // The same picture the QR library makes of that student's link, and no other student's.
            var link = Html.InputValue(html, $"Link for {student.Name}");
            Assert.Equal(ProctorWeb.Exams.InvitationQr.Png(link), await qr.Content.ReadAsByteArrayAsync());
        }
        Assert.NotEqual(await teacher.Browser.GetByteArrayAsync($"/Exams/{examId}?handler=Qr&studentId={roster[0].Id}"),
            await teacher.Browser.GetByteArrayAsync($"/Exams/{examId}?handler=Qr&studentId={roster[1].Id}"));
    }

    [Fact]
    public async Task AQrCodeOfAStudentWhoIsNotOnTheExamIsNotFound()
    {
        var (app, teacher, examId) = await ExamStartingSoonAsync();
        await using var _ = app;
        var otherExam = await app.CreateExamAsync(teacher.User, TimeSpan.FromMinutes(10), title: "Other");
        var stranger = await app.InviteAsync(otherExam, "Stranger");
        var removed = await app.InviteAsync(examId, "Removed");
        await PostAsync(teacher, examId, $"Remove&studentId={removed.RosterId}&confirmed=true", []);

        foreach (var studentId in new[] { stranger.RosterId, removed.RosterId, 0 })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await teacher.Browser.GetAsync($"/Exams/{examId}?handler=Qr&studentId={studentId}")).StatusCode);
        }
    }

    [Fact]
    public async Task RemovingAStudentMakesTheirLinkSayTheyAreNoLongerOnTheExam()
    {
        var (app, teacher, examId) = await ExamStartingSoonAsync();
        await using var _ = app;
        var ada = await app.InviteAsync(examId, "Ada");
        var bob = await app.InviteAsync(examId, "Bob");
        var browser = app.CreateBrowser(new CookieContainer());
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(ada.Link)).StatusCode);

        // As a browser does: the row's button names the shared form and carries the student.
        var html = await teacher.Browser.GetStringAsync($"/Exams/{examId}");
        var button = Regex.Match(html, """<button[^>]*aria-label="Remove Ada"[^>]*>""").Value;
        var form = Regex.Match(html, $"""<form[^>]*id="{Attribute(button, "form")}"[^>]*>""").Value;
        Assert.Equal(ada.RosterId.ToString(CultureInfo.InvariantCulture), Attribute(button, "value"));
        var asked = await Forms.PostAsync(teacher.Browser, $"/Exams/{examId}", Attribute(form, "action"), new() { [Attribute(button, "name")] = Attribute(button, "value") });
        // The first click only asks; the question's own button removes.
        var question = await asked.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        var yes = Regex.Match(question, """<button[^>]*>Yes, remove Ada</button>""").Value;
        var removed = await Forms.PostAsync(teacher.Browser, $"/Exams/{examId}", Attribute(form, "action"),
            new() { ["studentId"] = ada.RosterId.ToString(CultureInfo.InvariantCulture), [Attribute(yes, "name")] = Attribute(yes, "value") });
        var page = await Html.ReadAsync(await teacher.Browser.GetAsync($"/Exams/{examId}"));
        var adasLink = await browser.GetAsync(ada.Link);

        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        Assert.Contains("Removed Ada. Their link no longer works.", page);
        Assert.Contains("Students (1)", page);
        Assert.Equal(HttpStatusCode.Forbidden, adasLink.StatusCode);
        Assert.Contains("You are no longer on this exam", await Html.ReadAsync(adasLink));
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(bob.Link)).StatusCode);
        // Removal keeps the row (and its attendance), marked.
        Assert.NotNull((await RosterAsync(app, examId)).Single(r => r.Id == ada.RosterId).RemovedAtUtc);
    }

    [Fact]
    public async Task TheDatabaseKeepsOnlyAHashOfEachLinksSecret()
    {
        var (app, teacher, examId) = await ExamStartingSoonAsync();
        await using var _ = app;
        await PostAsync(teacher, examId, "Add", new() { ["Add.Name"] = "Ada", ["Add.Email"] = "ada@example.org" });
        var link = new Uri(Html.InputValue(await teacher.Browser.GetStringAsync($"/Exams/{examId}"), "Link for Ada"));
        var secret = link.Segments[^1];
        var secretBytes = Convert.FromBase64String(secret.Replace('-', '+').Replace('_', '/') + "=");

        var entry = Assert.Single(await RosterAsync(app, examId));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret))), entry.InvitationHash);
        // Every column of the row, read raw: neither the secret's text nor its bytes are there.
        await using var connection = new SqliteConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT * FROM Roster";
        await using var reader = await command.ExecuteReaderAsync();
        var columns = 0;
        while (await reader.ReadAsync())
        {
            for (var i = 0; i < reader.FieldCount; i++, columns++)
            {
                var value = reader.IsDBNull(i) ? [] : reader.GetValue(i) is byte[] blob ? blob : Encoding.UTF8.GetBytes(Convert.ToString(reader.GetValue(i))!);
                Assert.False(value.AsSpan().IndexOf(Encoding.UTF8.GetBytes(secret)) >= 0, $"Column {reader.GetName(i)} holds the secret.");
                Assert.False(value.AsSpan().IndexOf(secretBytes) >= 0, $"Column {reader.GetName(i)} holds the secret's bytes.");
            }
        }
        Assert.True(columns >= 7, $"Read only {columns} columns of the roster.");
    }

    [Fact]
    public async Task TheReportOfRefusedLinesIsNotShownAgainOnTheNextVisit()
    {
        var (app, teacher, examId) = await ExamStartingSoonAsync();
        await using var _ = app;

        var report = await PostAsync(teacher, examId, "AddMany", new() { ["Paste"] = "Ada, ada@example.org\nno separator here" });
        var nextVisit = await Html.ReadAsync(await teacher.Browser.GetAsync($"/Exams/{examId}"));

        Assert.Contains("Added 1 student. 1 line was not added:", await Html.ReadAsync(report));
        Assert.Contains("Students (1)", nextVisit);
        Assert.DoesNotContain("not added", nextVisit);
    }
}
