using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using ProctorWeb.Audit;
using ProctorWeb.Data;
using ProctorWeb.Tests.Support;

namespace ProctorWeb.Tests.Pages.Exams;

/// <summary>The exam page's "Email the links", "Copy all links" and "Download links (CSV)", for the exam's owner.</summary>
public class EmailLinksTests
{
    private const string PublicUrl = "https://exams.school.test/";

    private sealed record Scene(ProctorWebApplication App, SignedInUser Teacher, int ExamId) : IAsyncDisposable
    {
        public string Page => $"/Exams/{ExamId}";

        public Task<HttpResponseMessage> SendAsync(string to, string? note = null, params int[] selected)
        {
            var fields = new List<KeyValuePair<string, string>> { new("to", to), new("Note", note ?? "") };
            fields.AddRange(selected.Select(id => new KeyValuePair<string, string>("selected", id.ToString())));
            return PostAsync("SendLinks", fields);
        }

        public async Task<HttpResponseMessage> PostAsync(string handler, List<KeyValuePair<string, string>> fields)
        {
            var token = await Forms.GetAntiforgeryTokenAsync(Teacher.Browser, Page);
            return await Teacher.Browser.PostAsync($"{Page}?handler={handler}", new FormUrlEncodedContent([.. fields, new("__RequestVerificationToken", token)]));
        }

        public async Task<List<RosterEntry>> RosterAsync() =>
            await App.WithServiceAsync<List<RosterEntry>, AppDbContext>(db => db.Roster.Where(r => r.ExamId == ExamId).OrderBy(r => r.Name).ToListAsync());

        public ValueTask DisposeAsync() => App.DisposeAsync();
    }

    /// <summary>An exam starting in ten minutes (so links open their join page) with students pasted in as the teacher would.</summary>
    private static Task<Scene> ExamWithStudentsAsync(IReadOnlyDictionary<string, string?>? settings, params string[] students) =>
        ExamWithStudentsInAsync(new ProctorWebApplication(settings), students);

    private static async Task<Scene> ExamWithStudentsInAsync(ProctorWebApplication app, params string[] students)
    {
        try
        {
            var teacher = await app.SignInNewTeacherAsync("Tess Teacher");
            var scene = new Scene(app, teacher, await app.CreateExamAsync(teacher.User, TimeSpan.FromMinutes(10), title: "Algebra final"));
            var added = await scene.PostAsync("AddMany", [new("Paste", string.Join("\n", students))]);
            Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
            return scene;
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    /// <summary>The visible text of the roster row of <paramref name="name"/>.</summary>
    private static string RowOf(string html, string name)
    {
        var rows = Regex.Matches(html, "<tr>(.*?)</tr>", RegexOptions.Singleline).Select(m => Html.VisibleText(m.Groups[1].Value).Trim()).Where(r => r.StartsWith(name + " ", StringComparison.Ordinal)).ToList();
        Assert.True(rows.Count == 1, $"Expected one roster row for {name}, found {rows.Count}.");
        return rows[0];
    }

    private static bool IsTicked(string html, string name)
    {
        var box = Regex.Match(html, $"""<input[^>]*aria-label="Select {Regex.Escape(name)} to email the link"[^>]*>""");
        Assert.True(box.Success, $"No box to select {name}.");
        return box.Value.Contains("checked", StringComparison.Ordinal);
    }

    [Fact]
    public async Task EmailingAllStudentsSendsEachTheirOwnWorkingLinkWithTheTeachersMessageAndMarksThemSent()
    {
        await using var smtp = TestSmtpServer.Start();
        await using var scene = await ExamWithStudentsAsync(
            new Dictionary<string, string?>(smtp.Settings()) { ["App:PublicUrl"] = PublicUrl },
            "Ada Lovelace, ada@example.org", "Bob Bell, bob@example.org");

        var response = await scene.SendAsync("All", "Bring a pencil.\nNo phones on the desk.");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var mails = new[] { await smtp.NextAsync(), await smtp.NextAsync() }.Select(m => ReceivedMail.From(m.Message)).OrderBy(m => m.To).ToList();
        Assert.Equal(["ada@example.org", "bob@example.org"], mails.Select(m => m.To));
        foreach (var (mail, name) in mails.Zip(["Ada Lovelace", "Bob Bell"]))
        {
            Assert.Equal("Your personal link for the exam \"Algebra final\"", mail.Subject);
            Assert.Contains($"Hello {name},", mail.Text);
            Assert.Contains("Bring a pencil.\nNo phones on the desk.", mail.Text.ReplaceLineEndings("\n"));
            Assert.Contains("A message from Tess Teacher:", mail.Text);
            Assert.Contains("Do not share it", mail.Text);
            Assert.Matches(@"Starts: \w+ \d+ \w+ \d{4}, \d\d:\d\d UTC", mail.Text);
            // From App:PublicUrl, not from the address the teacher's request came to.
            var link = mail.Link("/Join/");
            Assert.StartsWith($"{PublicUrl}Join/", link);
            var joinPage = await scene.App.CreateBrowser(new CookieContainer()).GetAsync(new Uri(link).PathAndQuery);
            Assert.Equal(HttpStatusCode.OK, joinPage.StatusCode);
            Assert.Contains($"Hello {name}.", await Html.ReadAsync(joinPage));
        }
        Assert.NotEqual(mails[0].Link("/Join/"), mails[1].Link("/Join/"));
        var page = await scene.Teacher.Browser.GetStringAsync(scene.Page);
        Assert.Contains("Emailed the link to 2 students.", Html.Decoded(page));
        Assert.StartsWith("Ada Lovelace ada@example.org", RowOf(page, "Ada Lovelace"));
        Assert.Contains(" Sent ", RowOf(page, "Ada Lovelace") + " ");
        Assert.Contains(" Sent ", RowOf(page, "Bob Bell") + " ");
        Assert.All(await scene.RosterAsync(), r => Assert.NotNull(r.LinkSentAtUtc));
    }

    [Fact]
    public async Task TheAuditEntryCountsTheMailsAndNamesNoStudent()
    {
        await using var scene = await ExamWithStudentsAsync(null, "Ada Lovelace, ada@example.org", "Bob Bell, bob@example.org");

        await scene.SendAsync("All");

        var entry = await scene.App.WithServiceAsync<AuditEntry, AppDbContext>(db => db.AuditEntries.SingleAsync(e => e.Kind == AuditKinds.LinksEmailed));
        Assert.Equal((scene.Teacher.User.Id, $"exam:{scene.ExamId}", "sent 2, failed 0"), (entry.ActorId, entry.Subject, entry.Detail));
    }

    [Fact]
    public async Task EmailingTheSelectedStudentsSendsToThemOnlyAndTheRestCanBeSentLater()
    {
        // No SMTP server: the mails are .eml files in the app's folder.
        await using var scene = await ExamWithStudentsAsync(null, "Ada, ada@example.org", "Bob, bob@example.org", "Cy, cy@example.org");
        var roster = await scene.RosterAsync();

        var selected = await scene.SendAsync("Selected", null, roster[0].Id, roster[2].Id);

        Assert.Equal(HttpStatusCode.Redirect, selected.StatusCode);
        Assert.Equal(["ada@example.org", "cy@example.org"], scene.App.Mail.All.Select(m => m.To).Order());
        var page = await scene.Teacher.Browser.GetStringAsync(scene.Page);
        Assert.Contains("Emailed the link to 2 students.", Html.Decoded(page));
        Assert.EndsWith("Not sent Remove", RowOf(page, "Bob"));
        Assert.Contains(" Sent ", RowOf(page, "Cy"));

        var rest = await scene.SendAsync("NotSentYet");

        Assert.Equal(HttpStatusCode.Redirect, rest.StatusCode);
        Assert.Equal(3, scene.App.Mail.All.Count);
        Assert.Single(scene.App.Mail.To("bob@example.org"));
        var again = await scene.SendAsync("NotSentYet");
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Contains("Every student on the roster has been sent their link already.", await Html.ReadAsync(again));
        Assert.Equal(3, scene.App.Mail.All.Count);
    }

    [Fact]
    public async Task AnAddressTheMailServerRefusesIsReportedInThatStudentsRowAndTheOthersAreStillSent()
    {
        await using var smtp = TestSmtpServer.Start(refusing: ["bob@example.org"]);
        await using var scene = await ExamWithStudentsAsync(smtp.Settings(), "Ada, ada@example.org", "Bob, bob@example.org", "Cy, cy@example.org");

        var response = await scene.SendAsync("All", "See you there.");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Emailed the link to 2 students. 1 mail could not be sent:", Html.Decoded(html));
        Assert.Contains("Bob: the mail server refused this address (550", Html.Decoded(html));
        Assert.Matches(@"Not sent: the mail server refused this address \(550 [^)]*\); check it for typing mistakes\.", RowOf(html, "Bob"));
        Assert.Contains(" Sent ", RowOf(html, "Ada"));
        Assert.Contains(" Sent ", RowOf(html, "Cy"));
        // Bob stays ticked, the others not, so one press tries him again; the message stays too.
        Assert.True(IsTicked(html, "Bob"));
        Assert.False(IsTicked(html, "Ada"));
        Assert.Equal("See you there.", Html.TextArea(html, "Note"));
        var delivered = new[] { await smtp.NextAsync(), await smtp.NextAsync() }.Select(m => m.Message.To.Mailboxes.Single().Address).Order();
        Assert.Equal(["ada@example.org", "cy@example.org"], delivered);
        Assert.Equal([("Ada", true), ("Bob", false), ("Cy", true)], (await scene.RosterAsync()).Select(r => (r.Name, r.LinkSentAtUtc is not null)));
    }

    [Fact]
    public async Task ASilentMailServerHoldsEachMailTwentySecondsAtMostAndTheWholeBatchFortyFive()
    {
        await using var silent = new SilentMailServer();
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        // Nine students, four mails at a time: four wait from 0 s, four from 20 s, the last from 40 s until the batch's end at 45 s.
        string[] names = ["Ada", "Bob", "Cy", "Dan", "Eve", "Fay", "Gus", "Hal", "Ivy"];
        await using var scene = await ExamWithStudentsInAsync(new ProctorWebApplication(silent.Settings()) { Clock = clock },
            [.. names.Select(n => $"{n}, {n.ToLowerInvariant()}@example.org")]);

        var sending = scene.SendAsync("All");
        await silent.WaitForConnectionsAsync(4);
        clock.Advance(TimeSpan.FromSeconds(20));
        await silent.WaitForConnectionsAsync(8);
        clock.Advance(TimeSpan.FromSeconds(20));
        await silent.WaitForConnectionsAsync(9);
        clock.Advance(TimeSpan.FromSeconds(5));
        var response = await sending;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = Html.Decoded(await response.Content.ReadAsStringAsync());
        Assert.Contains("9 mails could not be sent:", html);
        Assert.Equal(8, Regex.Count(html, Regex.Escape("Not sent: the mail server did not answer within 20 seconds.")));
        Assert.Equal(1, Regex.Count(html, Regex.Escape("Not sent: sending to everyone took longer than 45 seconds; email those not sent yet to try again.")));
        Assert.All(await scene.RosterAsync(), r => Assert.Null(r.LinkSentAtUtc));
    }

    [Fact]
    public async Task AMessageOverTheLimitIsRefusedWithItsLengthKeepingTheTextAndSendingNothing()
    {
        await using var scene = await ExamWithStudentsAsync(null, "Ada, ada@example.org");
        var note = new string('x', 2001);

        var response = await scene.SendAsync("All", note);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal("Your message has 2,001 characters; keep it to 2,000. Nothing was sent.", Html.FieldError(html, "Note"));
        Assert.Equal(note, Html.TextArea(html, "Note"));
        Assert.Empty(scene.App.Mail.All);
    }

    [Fact]
    public async Task LineBreaksCountAsOneCharacterEachAsTheBrowsersLimitCountsThem()
    {
        await using var scene = await ExamWithStudentsAsync(null, "Ada, ada@example.org");
        // 2,000 characters in the textarea; 3,000 as the browser posts them, each break as CR LF.
        var note = string.Concat(Enumerable.Repeat("x\r\n", 1000));

        var response = await scene.SendAsync("All", note);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains(string.Concat(Enumerable.Repeat("x\n", 999)), scene.App.Mail.SingleTo("ada@example.org").Text.ReplaceLineEndings("\n"));
    }

    [Theory]
    [InlineData("Selected", "No student was selected: tick the box beside each student to email, or email all.")]
    [InlineData("", "That request was not understood: tick students and press one of the Email buttons.")]
    [InlineData("7", "That request was not understood: tick students and press one of the Email buttons.")]
    [InlineData("Nobody", "That request was not understood: tick students and press one of the Email buttons.")]
    public async Task ARequestThatNamesNoStudentIsRefusedInWords(string to, string words)
    {
        await using var scene = await ExamWithStudentsAsync(null, "Ada, ada@example.org");

        var response = await scene.SendAsync(to);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(words, await Html.ReadAsync(response));
        Assert.Empty(scene.App.Mail.All);
    }

    [Fact]
    public async Task AnotherExamsStudentCannotBeSelected()
    {
        await using var scene = await ExamWithStudentsAsync(null, "Ada, ada@example.org");
        var otherExam = await scene.App.CreateExamAsync(scene.Teacher.User, TimeSpan.FromMinutes(10), title: "Other");
        var stranger = await scene.App.InviteAsync(otherExam, "Stranger");

        var response = await scene.SendAsync("Selected", null, stranger.RosterId);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("None of the selected students is on the roster any more: nothing was sent.", await Html.ReadAsync(response));
        Assert.Empty(scene.App.Mail.All);
    }

    [Fact]
    public async Task AnExamThatHasEndedMailsNoLinksAndItsPageOffersNone()
    {
        await using var scene = await ExamWithStudentsAsync(null, "Ada, ada@example.org");
        await scene.App.ConfigureExamAsync(scene.ExamId, exam => exam.StartsAtUtc = DateTime.UtcNow.AddHours(-3));

        var response = await scene.SendAsync("All");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("This exam has ended, so its links no longer open: no mail was sent.", await Html.ReadAsync(response));
        Assert.Empty(scene.App.Mail.All);
        Assert.DoesNotContain("Email all students", await scene.Teacher.Browser.GetStringAsync(scene.Page));
    }

    [Fact]
    public async Task TheLinksCsvHasEveryStudentsNameEmailLinkAndWhenItWasMailedDefusedAndNeverCached()
    {
        await using var scene = await ExamWithStudentsAsync(null, "=SUM(A1), ada@example.org", "Bob, bob@example.org");
        var bob = (await scene.RosterAsync()).Single(r => r.Name == "Bob");
        await scene.SendAsync("Selected", null, bob.Id);
        var sentAt = (await scene.RosterAsync()).Single(r => r.Name == "Bob").LinkSentAtUtc!.Value;
        var page = await scene.Teacher.Browser.GetStringAsync(scene.Page);

        var response = await scene.Teacher.Browser.GetAsync($"{scene.Page}?handler=LinksCsv");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        Assert.Equal($"exam-{scene.ExamId}-links.csv", response.Content.Headers.ContentDisposition?.FileName);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        Assert.Equal(
            "\"Name\",\"Email\",\"Link\",\"Link emailed (UTC)\"\r\n" +
            $"\"'=SUM(A1)\",\"ada@example.org\",\"{Html.InputValue(page, "Link for =SUM(A1)")}\",\r\n" +
            $"\"Bob\",\"bob@example.org\",\"{Html.InputValue(page, "Link for Bob")}\",{sentAt:yyyy-MM-dd'T'HH:mm:ss'Z'}\r\n",
            Encoding.UTF8.GetString(bytes[3..]));
    }

    [Fact]
    public async Task ACoProctorSeesNeitherTheLinksNorTheWaysToSendThem()
    {
        await using var scene = await ExamWithStudentsAsync(null, "Ada, ada@example.org");
        var coProctor = await scene.App.SignInNewTeacherAsync("Colin");
        await scene.App.WithServiceAsync<int, AppDbContext>(db =>
        {
            db.ExamProctors.Add(new ExamProctor { ExamId = scene.ExamId, UserId = coProctor.User.Id });
            return db.SaveChangesAsync();
        });

        var page = await coProctor.Browser.GetStringAsync(scene.Page);

        Assert.Contains("Ada", page);
        foreach (var owners in new[] { "Email all students", "Copy all links", "LinksCsv", "/Join/" })
        {
            Assert.DoesNotContain(owners, page);
        }
        Assert.Equal(HttpStatusCode.NotFound, (await coProctor.Browser.GetAsync($"{scene.Page}?handler=LinksCsv")).StatusCode);
    }
}
