using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ProctorWeb.Data;
using ProctorWeb.Exams;
using ProctorWeb.Retention;
using ProctorWeb.Tests.Support;

namespace ProctorWeb.Tests.Data;

/// <summary>
/// The app's main paths on a real PostgreSQL server, each app on a database of its own: what the rest of the suite
/// proves on SQLite, sampled where the two engines differ (types, time zones, case, transactions, bulk deletes).
/// PROCTORWEB_TEST_DATABASE=PostgreSQL runs the whole suite this way.
/// </summary>
public class PostgresFlowsTests
{
    private static Dictionary<string, string?> OnPostgreSQL(params (string Key, string? Value)[] more)
    {
        var settings = new Dictionary<string, string?>(ProctorWebApplication.OnPostgreSQL);
        foreach (var (key, value) in more)
        {
            settings[key] = value;
        }
        return settings;
    }

    [Fact]
    public async Task ATeacherRegistersConfirmsSignsInAndSchedulesAnExamWithARoster()
    {
        await using var app = new ProctorWebApplication(OnPostgreSQL(("Accounts:TeacherSelfRegistration", "true")));
        var browser = app.CreateBrowser(new CookieContainer());

        var registered = await Forms.PostAsync(browser, "/Account/Register", new()
        {
            ["Input.DisplayName"] = "Grace Hopper", ["Input.Email"] = "grace@example.test", ["Input.Password"] = ProctorWebApplication.Password,
            ["Input.ConfirmPassword"] = ProctorWebApplication.Password, ["Input.Role"] = Roles.Teacher,
        });
        Assert.Equal(HttpStatusCode.Redirect, registered.StatusCode);
        await browser.GetAsync(app.Mail.SingleTo("grace@example.test").Link("/Account/ConfirmEmail"));
        // Identity finds the user by the normalized (upper-case) email, so the address as typed in another case signs in.
        var signedIn = await Forms.PostAsync(browser, "/Account/Login", new() { ["Input.Email"] = "Grace@Example.test", ["Input.Password"] = ProctorWebApplication.Password });
        Assert.Equal("/Exams", signedIn.Headers.Location?.OriginalString);

        var startsAt = DateTime.UtcNow.AddDays(2);
        var scheduled = await Forms.PostAsync(browser, "/Exams/Schedule", new()
        {
            ["Input.Title"] = "Algebra midterm", ["Input.Instructions"] = "Calculators allowed.",
            ["Input.StartsAt"] = startsAt.ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture), ["Input.TimeZone"] = "Europe/Berlin",
            ["Input.DurationMinutes"] = "90", ["Input.LateJoinMinutes"] = "15", ["Input.CoProctorEmails"] = "",
        });
        Assert.Equal(HttpStatusCode.Redirect, scheduled.StatusCode);
        var examPath = scheduled.Headers.Location!.OriginalString;
        var added = await Forms.PostAsync(browser, examPath, $"{examPath}?handler=AddMany", new() { ["Paste"] = "Ada Lovelace, ada@example.org\nAlan Turing; alan@example.org" });
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        // The same address in another case is the same student, on PostgreSQL as on SQLite.
        await Forms.PostAsync(browser, examPath, $"{examPath}?handler=AddMany", new() { ["Paste"] = "Ada again, ADA@EXAMPLE.ORG" });

        var details = Html.VisibleText(await browser.GetStringAsync(examPath));
        Assert.Contains("Ada Lovelace", details);
        Assert.Contains("Alan Turing", details);
        var exam = await app.WithServiceAsync<Exam, AppDbContext>(db => db.Exams.Include(e => e.Roster).AsNoTracking().SingleAsync());
        // Berlin's local time in the form, stored as UTC and read back marked as UTC.
        Assert.Equal(DateTimeKind.Utc, exam.StartsAtUtc.Kind);
        var berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
        Assert.Equal(TimeZoneInfo.ConvertTimeToUtc(new DateTime(startsAt.Year, startsAt.Month, startsAt.Day, startsAt.Hour, startsAt.Minute, 0), berlin), exam.StartsAtUtc);
        Assert.Equal(["Ada Lovelace", "Alan Turing"], exam.Roster.Select(r => r.Name).Order());
    }

    [Fact]
    public async Task AStudentRedeemsTheLinkJoinsOverTheHubAndTheirFlagReachesTheProctorAndTheCsvReport()
    {
        await using var exam = await LiveExamScene.StartAsync(students: 1, settings: ProctorWebApplication.OnPostgreSQL);
        var ada = exam.Students[0];
        var started = DateTime.UtcNow.AddSeconds(-3);

        var id = await ada.InvokeAsync<long>(nameof(ExamHub.ReportFlag), new FlagReport("c1", "left-page", started, null));

        var shown = await exam.Proctor.WaitForAsync<FlagView>(nameof(IExamClient.FlagChanged));
        Assert.Equal((id, ada.RosterId(), "Left the exam page"), (shown.Id, shown.StudentId, shown.Label));
        var stored = await exam.App.WithServiceAsync<Flag, AppDbContext>(db => db.Flags.AsNoTracking().SingleAsync());
        // timestamp with time zone keeps microseconds: the instant comes back, as UTC.
        Assert.Equal(DateTimeKind.Utc, stored.StartedAtUtc.Kind);
        Assert.Equal(started, stored.StartedAtUtc, TimeSpan.FromMilliseconds(1));
        var csv = await exam.Teacher.Browser.GetStringAsync($"/Exams/{exam.ExamId}/Report?handler=FlagsCsv");
        Assert.Contains("\"Ada\"", csv);
        Assert.Contains("\"Left the exam page\"", csv);
    }

    [Fact]
    public async Task TheKeyRingIsRowsInPostgreSqlAndASecondAppOnTheSameDatabaseReadsTheFirstOnesSignInCookie()
    {
        await using var first = new ProctorWebApplication(ProctorWebApplication.OnPostgreSQL) { KeysInDatabase = true };
        var tess = await first.SignInAsync(await first.CreateUserAsync("Tess"));
        Assert.Equal(HttpStatusCode.OK, (await tess.Browser.GetAsync("/Calls")).StatusCode);
        var keys = await first.WithServiceAsync<List<string?>, AppDbContext>(db => db.DataProtectionKeys.Select(k => k.Xml).ToListAsync());
        Assert.Contains(keys, xml => xml!.Contains("<key "));

        await using var second = new ProctorWebApplication(OnPostgreSQL(("ConnectionStrings:PostgreSQL", first.PostgresConnectionString))) { KeysInDatabase = true };
        var sameCookies = second.CreateBrowser(tess.Cookies);

        Assert.Equal(HttpStatusCode.OK, (await sameCookies.GetAsync("/Calls")).StatusCode);
        // Nobody else is signed in on the second app: without the cookie the page sends to the sign-in.
        Assert.Equal(HttpStatusCode.Redirect, (await second.CreateBrowser(new CookieContainer()).GetAsync("/Calls")).StatusCode);
    }

    [Fact]
    public async Task AfterTheRetentionPeriodTheSweepDeletesTheStudentsRowsInOneTransactionAndKeepsTheCounts()
    {
        var clock = new ManualClock(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero));
        await using var app = new ProctorWebApplication(ProctorWebApplication.OnPostgreSQL) { Clock = clock };
        var teacher = await app.CreateUserAsync("Tess", Roles.Teacher);
        var examId = await app.CreateExamAsync(teacher, TimeSpan.FromHours(-2));
        var otherId = await app.CreateExamAsync(teacher, TimeSpan.FromDays(7), title: "Another exam");
        var ada = await StudentRecords.SeedAsync(app, examId, teacher.Id, "Ada Lovelace");
        var bob = await StudentRecords.SeedAsync(app, examId, teacher.Id, "Bob Marley");
        var dan = await StudentRecords.SeedAsync(app, otherId, teacher.Id, "Dan Brown");

        clock.Advance(TimeSpan.FromDays(31));
        await app.Services.GetServices<IHostedService>().OfType<RetentionSweep>().Single().SweepAsync(CancellationToken.None);

        Assert.Equal(StudentRecords.NoRows, await StudentRecords.RowsAsync(app, examId, ada, bob));
        Assert.Equal(StudentRecords.AllRowsOf(1), await StudentRecords.RowsAsync(app, otherId, dan));
        var exam = await app.WithServiceAsync<Exam, AppDbContext>(db => db.Exams.AsNoTracking().SingleAsync(e => e.Id == examId));
        Assert.Equal((2, 2), (exam.StudentCount, exam.FlagCount));
        Assert.Equal(clock.GetUtcNow().UtcDateTime, exam.DataDeletedAtUtc!.Value, TimeSpan.FromMinutes(1));
    }
}
