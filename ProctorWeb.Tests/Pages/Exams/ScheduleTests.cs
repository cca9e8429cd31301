using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using ProctorWeb.Data;
using ProctorWeb.Tests.Support;

namespace ProctorWeb.Tests.Pages.Exams;

public class ScheduleTests
{
    private static string Minute(DateTime time) => time.ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture);

    /// <summary>A form that passes every rule; each test breaks one.</summary>
    private static Dictionary<string, string> ValidForm(string title = "Algebra midterm") => new()
    {
        ["Input.Title"] = title,
        ["Input.Instructions"] = "Calculators allowed.",
        ["Input.StartsAt"] = Minute(DateTime.UtcNow.AddDays(2)),
        ["Input.TimeZone"] = "UTC",
        ["Input.DurationMinutes"] = "90",
        ["Input.LateJoinMinutes"] = "15",
        ["Input.CoProctorEmails"] = "",
    };

    private static Dictionary<string, string> With(Dictionary<string, string> form, string field, string value)
    {
        form[field] = value;
        return form;
    }

    private static async Task<int> ExamCountAsync(ProctorWebApplication app) =>
        await app.WithServiceAsync<int, AppDbContext>(db => db.Exams.CountAsync());

    /// <summary>Posts the form and expects it back with <paramref name="expected"/> beside <paramref name="field"/>, and nothing stored.</summary>
    private static async Task AssertRefusedAsync(ProctorWebApplication app, SignedInUser teacher, Dictionary<string, string> form, string field, string expected)
    {
        var response = await Forms.PostAsync(teacher.Browser, "/Exams/Schedule", form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(expected, Html.FieldError(await response.Content.ReadAsStringAsync(), field));
        Assert.Equal(0, await ExamCountAsync(app));
    }

    [Fact]
    public async Task AnExamNeedsATitle()
    {
        await using var app = new ProctorWebApplication();
        var teacher = await app.SignInNewTeacherAsync("Tess");

        await AssertRefusedAsync(app, teacher, With(ValidForm(), "Input.Title", "  "), "Input.Title", "The Title field is required.");
    }

    [Theory]
    [InlineData("9999-12-31T23:59", "UTC")]
    [InlineData("9999-12-31T23:59", "America/Los_Angeles")]   // past the last date a DateTime holds, once in UTC
    [InlineData("0001-01-01T00:00", "Asia/Tokyo")]            // before the first
    public async Task AStartFarAwayIsRefusedWithAMessageAndNothingIsStored(string startsAt, string zone)
    {
        await using var app = new ProctorWebApplication();
        var teacher = await app.SignInNewTeacherAsync("Tess");
        var form = With(With(ValidForm(), "Input.StartsAt", startsAt), "Input.TimeZone", zone);

        var response = await Forms.PostAsync(teacher.Browser, "/Exams/Schedule", form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Matches("too far ahead|out of range|in the past", Html.FieldError(await response.Content.ReadAsStringAsync(), "Input.StartsAt"));
        Assert.Equal(0, await ExamCountAsync(app));
    }

    [Fact]
    public async Task MovingAnExamToTheYear9999IsRefusedAndTheExamKeepsItsTime()
    {
        await using var app = new ProctorWebApplication();
        var teacher = await app.SignInNewTeacherAsync("Tess");
        var id = await app.CreateExamAsync(teacher.User, TimeSpan.FromDays(1));
        var before = await app.WithServiceAsync<DateTime, AppDbContext>(db => db.Exams.Where(e => e.Id == id).Select(e => e.StartsAtUtc).SingleAsync());

        var response = await Forms.PostAsync(teacher.Browser, $"/Exams/Schedule/{id}", With(ValidForm(), "Input.StartsAt", "9999-12-31T23:59"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("The start time is too far ahead. Choose a time within the next 2 years.", Html.FieldError(await response.Content.ReadAsStringAsync(), "Input.StartsAt"));
        var after = await app.WithServiceAsync<DateTime, AppDbContext>(db => db.Exams.Where(e => e.Id == id).Select(e => e.StartsAtUtc).SingleAsync());
        Assert.Equal(before, after);
        Assert.Equal(HttpStatusCode.OK, (await teacher.Browser.GetAsync($"/Exams/{id}")).StatusCode);
    }

    [Fact]
    public async Task AStartInThePastIsRefused()
    {
        await using var app = new ProctorWebApplication();
        var teacher = await app.SignInNewTeacherAsync("Tess");

        await AssertRefusedAsync(app, teacher, With(ValidForm(), "Input.StartsAt", Minute(DateTime.UtcNow.AddMinutes(-10))), "Input.StartsAt", "The start time is in the past.");
    }

    [Theory]
    [InlineData(4)]
    [InlineData(601)]
    public async Task ADurationOutsideFiveToSixHundredMinutesIsRefused(int minutes)
    {
        await using var app = new ProctorWebApplication();
        var teacher = await app.SignInNewTeacherAsync("Tess");
        var form = With(With(ValidForm(), "Input.DurationMinutes", minutes.ToString(CultureInfo.InvariantCulture)), "Input.LateJoinMinutes", "0");

        await AssertRefusedAsync(app, teacher, form, "Input.DurationMinutes", "The duration must be between 5 and 600 minutes.");
    }

    [Fact]
    public async Task LateJoiningCannotLastLongerThanTheExam()
    {
        await using var app = new ProctorWebApplication();
        var teacher = await app.SignInNewTeacherAsync("Tess");
        var form = With(With(ValidForm(), "Input.DurationMinutes", "30"), "Input.LateJoinMinutes", "31");

        await AssertRefusedAsync(app, teacher, form, "Input.LateJoinMinutes", "Late joining cannot last longer than the exam itself.");
    }

    [Theory]
    [InlineData("an unknown email")]
    [InlineData("a student's email")]
    public async Task ACoProctorMustBeATeachersEmail(string whose)
    {
        await using var app = new ProctorWebApplication();
        var teacher = await app.SignInNewTeacherAsync("Tess");
        var colleague = await app.CreateUserAsync("Colin", Roles.Teacher);
        var email = whose == "a student's email" ? (await app.CreateUserAsync("Stu", Roles.Student)).Email : "nobody@example.test";
        // The valid colleague is listed too: one bad email refuses the whole list.
        var form = With(ValidForm(), "Input.CoProctorEmails", $"{colleague.Email}\n{email}");

        await AssertRefusedAsync(app, teacher, form, "Input.CoProctorEmails", $"No teacher account has the email {email}. Co-proctors must have a teacher account first.");
    }

    [Fact]
    public async Task ATeacherWhoHasNotConfirmedTheirEmailCannotBeNamedCoProctor()
    {
        await using var app = new ProctorWebApplication();
        var teacher = await app.SignInNewTeacherAsync("Tess");
        var colleague = await app.CreateUserAsync("Colin", Roles.Teacher);
        await app.WithServiceAsync<IdentityResult, UserManager<AppUser>>(async users =>
        {
            var user = (await users.FindByIdAsync(colleague.Id))!;
            user.EmailConfirmed = false;
            return await users.UpdateAsync(user);
        });

        await AssertRefusedAsync(app, teacher, With(ValidForm(), "Input.CoProctorEmails", colleague.Email), "Input.CoProctorEmails",
            $"{colleague.Email} has not confirmed their email address yet. They must open the link we mailed them before they can be a co-proctor.");
    }

    [Theory]
    [InlineData("31")]
    [InlineData("0")]
    public async Task KeepingStudentsDataLongerThanTheSiteAllowsOrNotAtAllIsRefusedAndTheFormKeepsWhatWasTyped(string days)
    {
        await using var app = new ProctorWebApplication();
        var teacher = await app.SignInNewTeacherAsync("Tess");
        var form = With(ValidForm("Kept too long"), "Input.RetentionDays", days);

        await AssertRefusedAsync(app, teacher, form, "Input.RetentionDays",
            "Students' data can be kept for 1 to 30 days after the exam; 30 is the longest this site allows. Leave the field empty to keep it 30 days.");
        var html = await (await Forms.PostAsync(teacher.Browser, "/Exams/Schedule", form)).Content.ReadAsStringAsync();
        Assert.Contains($"name=\"Input.RetentionDays\" value=\"{days}\"", html);
        Assert.Contains("value=\"Kept too long\"", html);
    }

    [Fact]
    public async Task ATeacherMayShortenHowLongStudentsDataIsKeptAndEmptyKeepsTheSitesDefault()
    {
        await using var app = new ProctorWebApplication();
        var teacher = await app.SignInNewTeacherAsync("Tess");

        Assert.Equal(HttpStatusCode.Redirect, (await Forms.PostAsync(teacher.Browser, "/Exams/Schedule", With(ValidForm("Short"), "Input.RetentionDays", "7"))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await Forms.PostAsync(teacher.Browser, "/Exams/Schedule", ValidForm("Default"))).StatusCode);

        var kept = await app.WithServiceAsync<Dictionary<string, int?>, AppDbContext>(db => db.Exams.ToDictionaryAsync(e => e.Title, e => e.RetentionDays));
        Assert.Equal(7, kept["Short"]);
        Assert.Null(kept["Default"]);
        var id = await app.WithServiceAsync<int, AppDbContext>(db => db.Exams.Where(e => e.Title == "Short").Select(e => e.Id).SingleAsync());
        Assert.Contains("value=\"7\"", await teacher.Browser.GetStringAsync($"/Exams/Schedule/{id}"));
    }

    [Fact]
    public async Task AValidExamIsStoredInUtcFromTheTeachersTimeZoneAndOpensItsDetails()
    {
        await using var app = new ProctorWebApplication();
        var teacher = await app.SignInNewTeacherAsync("Tess");
        var colleague = await app.CreateUserAsync("Colin", Roles.Teacher);
        // Mid-January Paris is on CET, UTC+1, whatever the year.
        var year = DateTime.UtcNow.Year + 1;
        var form = With(With(ValidForm("  Physics final  "), "Input.StartsAt", $"{year}-01-15T09:30"), "Input.TimeZone", "Europe/Paris");
        form["Input.CoProctorEmails"] = colleague.Email.ToUpperInvariant();

        var response = await Forms.PostAsync(teacher.Browser, "/Exams/Schedule", form);

        var exam = await app.WithServiceAsync<Exam, AppDbContext>(db => db.Exams.Include(e => e.CoProctors).SingleAsync());
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/Exams/{exam.Id}", response.Headers.Location?.OriginalString);
        Assert.Equal(new DateTime(year, 1, 15, 8, 30, 0, DateTimeKind.Utc), exam.StartsAtUtc);
        Assert.Equal(DateTimeKind.Utc, exam.StartsAtUtc.Kind);
        Assert.Equal("Physics final", exam.Title);
        Assert.Equal((90, 15, teacher.User.Id), (exam.DurationMinutes, exam.LateJoinMinutes, exam.OwnerId));
        Assert.Equal([colleague.Id], exam.CoProctors.Select(p => p.UserId));
        var details = await Html.ReadAsync(await teacher.Browser.GetAsync($"/Exams/{exam.Id}"));
        Assert.Contains("Physics final", details);
        Assert.Contains($"{year}-01-15 08:30 UTC", details);
    }

    [Fact]
    public async Task ChecksAndAdmissionAreOffByDefaultAndWhatTheTeacherTicksIsStoredAndExplainedToTeacherAndStudent()
    {
        await using var app = new ProctorWebApplication();
        var teacher = await app.SignInNewTeacherAsync("Tess");
        var form = ValidForm("Plain");
        form["Input.StartsAt"] = Minute(DateTime.UtcNow.AddMinutes(10));
        await Forms.PostAsync(teacher.Browser, "/Exams/Schedule", form);
        var checks = ValidForm("Checked");
        checks["Input.StartsAt"] = Minute(DateTime.UtcNow.AddMinutes(10));
        checks["Input.RequireIdCheck"] = "true";
        checks["Input.RequireScreenShare"] = "true";
        checks["Input.FaceChecks"] = "true";
        checks["Input.Admission"] = nameof(AdmissionMode.ByProctor);
        await Forms.PostAsync(teacher.Browser, "/Exams/Schedule", checks);

        var exams = await app.WithServiceAsync<List<Exam>, AppDbContext>(db => db.Exams.OrderBy(e => e.Id).ToListAsync());
        Assert.Equal((false, false, false, AdmissionMode.Automatic), (exams[0].RequireIdCheck, exams[0].RequireScreenShare, exams[0].FaceChecks, exams[0].Admission));
        Assert.Equal((true, true, true, AdmissionMode.ByProctor), (exams[1].RequireIdCheck, exams[1].RequireScreenShare, exams[1].FaceChecks, exams[1].Admission));
        var edit = await Html.ReadAsync(await teacher.Browser.GetAsync($"/Exams/Schedule/{exams[1].Id}"));
        Assert.Contains("checked=\"checked\"", System.Text.RegularExpressions.Regex.Match(edit, "<input[^>]*value=\"ByProctor\"[^>]*>").Value);
        Assert.Contains("Camera and microphone only; students enter after the device check.", await Html.ReadAsync(await teacher.Browser.GetAsync($"/Exams/{exams[0].Id}")));
        var details = await Html.ReadAsync(await teacher.Browser.GetAsync($"/Exams/{exams[1].Id}"));
        var invitation = await app.InviteAsync(exams[1].Id, "Ada");
        var consent = await Html.ReadAsync(await app.CreateBrowser(new CookieContainer()).GetAsync(invitation.Link));
        foreach (var line in ProctorWeb.Exams.ExamChecks.ForStudent(exams[1]))
        {
            Assert.Contains(line, details);
            Assert.Contains(line, consent);
        }
        Assert.Equal(4, ProctorWeb.Exams.ExamChecks.ForStudent(exams[1]).Count);
    }

    [Fact]
    public async Task EditingAnExamThatHasStartedKeepsItsStartButCannotMoveItIntoThePast()
    {
        await using var app = new ProctorWebApplication();
        var teacher = await app.SignInNewTeacherAsync("Tess");
        var id = await app.CreateExamAsync(teacher.User, TimeSpan.FromMinutes(-20), durationMinutes: 60);
        var startsAtUtc = await app.WithServiceAsync<DateTime, AppDbContext>(db => db.Exams.Where(e => e.Id == id).Select(e => e.StartsAtUtc).SingleAsync());
        var edit = $"/Exams/Schedule/{id}";

        // The edit form shows the stored start back in UTC; posting it unchanged must be accepted.
        var html = await teacher.Browser.GetStringAsync(edit);
        Assert.Contains($"value=\"{Minute(startsAtUtc)}\"", html);
        var kept = await Forms.PostAsync(teacher.Browser, edit, With(With(ValidForm("Algebra midterm (room 2)"), "Input.StartsAt", Minute(startsAtUtc)), "Input.DurationMinutes", "75"));
        var moved = await Forms.PostAsync(teacher.Browser, edit, With(ValidForm("Moved"), "Input.StartsAt", Minute(startsAtUtc.AddMinutes(-5))));

        Assert.Equal(HttpStatusCode.Redirect, kept.StatusCode);
        Assert.Equal($"/Exams/{id}", kept.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        Assert.Contains("The start time is in the past.", Html.FieldError(await moved.Content.ReadAsStringAsync(), "Input.StartsAt"));
        var exam = await app.WithServiceAsync<Exam, AppDbContext>(db => db.Exams.SingleAsync());
        Assert.Equal(("Algebra midterm (room 2)", startsAtUtc, 75), (exam.Title, exam.StartsAtUtc, exam.DurationMinutes));
    }
}
