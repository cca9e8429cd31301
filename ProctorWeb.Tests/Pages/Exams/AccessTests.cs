using System.Net;
using Microsoft.EntityFrameworkCore;
using ProctorWeb.Data;
using ProctorWeb.Tests.Support;

namespace ProctorWeb.Tests.Pages.Exams;

public class AccessTests
{
    private static string[] PagesOf(int examId) => ["/Exams", "/Exams/Schedule", $"/Exams/{examId}", $"/Exams/{examId}/Monitor", $"/Exams/Schedule/{examId}"];

    [Fact]
    public async Task AnonymousVisitorsAreSentToSignInFromEveryExamPage()
    {
        await using var app = new ProctorWebApplication();
        var owner = await app.CreateUserAsync("Tess", Roles.Teacher);
        var examId = await app.CreateExamAsync(owner, TimeSpan.FromDays(1));
        var browser = app.CreateBrowser(new CookieContainer());

        foreach (var page in PagesOf(examId))
        {
            var response = await browser.GetAsync(page);

            Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{page} answered {(int)response.StatusCode}");
            Assert.Equal($"/Account/Login?ReturnUrl={Uri.EscapeDataString(page)}", response.Headers.Location?.PathAndQuery);
        }
    }

    [Fact]
    public async Task AStudentCannotOpenAnyExamPage()
    {
        await using var app = new ProctorWebApplication();
        var owner = await app.CreateUserAsync("Tess", Roles.Teacher);
        var examId = await app.CreateExamAsync(owner, TimeSpan.FromDays(1));
        var student = await app.SignInAsync(await app.CreateUserAsync("Stu", Roles.Student));

        foreach (var page in PagesOf(examId))
        {
            var response = await student.Browser.GetAsync(page);

            // Access denied goes to the sign-in page, where a teacher account can be used instead.
            Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{page} answered {(int)response.StatusCode}");
            Assert.Equal($"/Account/Login?ReturnUrl={Uri.EscapeDataString(page)}", response.Headers.Location?.PathAndQuery);
        }
    }

    [Fact]
    public async Task AnotherTeacherGetsNotFoundForEveryPageAndHandlerOfAnExam()
    {
        await using var app = new ProctorWebApplication();
        var owner = await app.CreateUserAsync("Tess", Roles.Teacher);
        var examId = await app.CreateExamAsync(owner, TimeSpan.FromDays(1), title: "Tess's exam");
        var student = await app.InviteAsync(examId, "Ada");
        var other = await app.SignInNewTeacherAsync("Otto");
        // The antiforgery token is per user, so a page Otto may open gives him a valid one.
        Task<HttpResponseMessage> PostAsync(string action, Dictionary<string, string> fields) => Forms.PostAsync(other.Browser, "/Exams/Schedule", action, fields);

        var responses = new Dictionary<string, HttpResponseMessage>
        {
            ["details"] = await other.Browser.GetAsync($"/Exams/{examId}"),
            ["monitor"] = await other.Browser.GetAsync($"/Exams/{examId}/Monitor"),
            ["edit form"] = await other.Browser.GetAsync($"/Exams/Schedule/{examId}"),
            ["edit post"] = await PostAsync($"/Exams/Schedule/{examId}", new()
            {
                ["Input.Title"] = "Hijacked", ["Input.StartsAt"] = DateTime.UtcNow.AddDays(3).ToString("yyyy-MM-ddTHH:mm"), ["Input.TimeZone"] = "UTC",
                ["Input.DurationMinutes"] = "60", ["Input.LateJoinMinutes"] = "0",
            }),
            ["add"] = await PostAsync($"/Exams/{examId}?handler=Add", new() { ["Add.Name"] = "Mallory", ["Add.Email"] = "mallory@example.test" }),
            ["add many"] = await PostAsync($"/Exams/{examId}?handler=AddMany", new() { ["Paste"] = "Mallory, mallory@example.test" }),
            ["remove"] = await PostAsync($"/Exams/{examId}?handler=Remove&studentId={student.RosterId}&confirmed=true", []),
        };

        Assert.All(responses, r => Assert.True(r.Value.StatusCode == HttpStatusCode.NotFound, $"{r.Key} answered {(int)r.Value.StatusCode}"));
        var exam = await app.WithServiceAsync<Exam, AppDbContext>(db => db.Exams.Include(e => e.Roster).SingleAsync());
        Assert.Equal("Tess's exam", exam.Title);
        var entry = Assert.Single(exam.Roster);
        Assert.Equal(("Ada", null), (entry.Name, entry.RemovedAtUtc));
    }

    [Fact]
    public async Task ACoProctorCanOpenTheExamsPagesButOnlyTheOwnerEditsItsRosterOrLinks()
    {
        await using var app = new ProctorWebApplication();
        var owner = await app.CreateUserAsync("Tess", Roles.Teacher);
        var colleague = await app.SignInNewTeacherAsync("Colin");
        var examId = await app.CreateExamAsync(owner, TimeSpan.FromDays(1), title: "Shared exam", coProctors: colleague.User);
        var student = await app.InviteAsync(examId, "Ada");

        foreach (var page in new[] { $"/Exams/{examId}", $"/Exams/{examId}/Monitor", $"/Exams/{examId}/Report" })
        {
            var response = await colleague.Browser.GetAsync(page);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{page} answered {(int)response.StatusCode}");
            Assert.Contains("Shared exam", await Html.ReadAsync(response));
        }
        var details = await Html.ReadAsync(await colleague.Browser.GetAsync($"/Exams/{examId}"));
        Assert.Contains("Ada", details);
        Assert.DoesNotContain(student.Link, details);
        Assert.DoesNotContain("Edit exam", details);
        Assert.DoesNotContain("Add a student", details);
        Task<HttpResponseMessage> PostAsync(string action, Dictionary<string, string> fields) => Forms.PostAsync(colleague.Browser, $"/Exams/{examId}", action, fields);

        var responses = new Dictionary<string, HttpResponseMessage>
        {
            ["edit form"] = await colleague.Browser.GetAsync($"/Exams/Schedule/{examId}"),
            ["edit post"] = await PostAsync($"/Exams/Schedule/{examId}", new()
            {
                ["Input.Title"] = "Renamed", ["Input.StartsAt"] = DateTime.UtcNow.AddDays(3).ToString("yyyy-MM-ddTHH:mm"), ["Input.TimeZone"] = "UTC",
                ["Input.DurationMinutes"] = "60", ["Input.LateJoinMinutes"] = "0", ["Input.CoProctorEmails"] = colleague.User.Email,
            }),
            ["qr"] = await colleague.Browser.GetAsync($"/Exams/{examId}?handler=Qr&studentId={student.RosterId}"),
            ["add"] = await PostAsync($"/Exams/{examId}?handler=Add", new() { ["Add.Name"] = "Bea", ["Add.Email"] = "bea@example.test" }),
            ["add many"] = await PostAsync($"/Exams/{examId}?handler=AddMany", new() { ["Paste"] = "Bea, bea@example.test" }),
            ["remove"] = await PostAsync($"/Exams/{examId}?handler=Remove&studentId={student.RosterId}&confirmed=true", []),
        };

        Assert.All(responses, r => Assert.True(r.Value.StatusCode == HttpStatusCode.NotFound, $"{r.Key} answered {(int)r.Value.StatusCode}"));
        var exam = await app.WithServiceAsync<Exam, AppDbContext>(db => db.Exams.Include(e => e.Roster).SingleAsync());
        Assert.Equal("Shared exam", exam.Title);
        var entry = Assert.Single(exam.Roster);
        Assert.Equal(("Ada", null), (entry.Name, entry.RemovedAtUtc));
    }

    [Fact]
    public async Task MyExamsListsOwnAndCoProctoredExamsByPhaseAndNoOneElses()
    {
        await using var app = new ProctorWebApplication();
        var me = await app.SignInNewTeacherAsync("Tess");
        var colleague = await app.CreateUserAsync("Colin", Roles.Teacher);
        await app.CreateExamAsync(me.User, TimeSpan.FromDays(1), title: "Own upcoming");
        await app.CreateExamAsync(colleague, TimeSpan.FromMinutes(-10), title: "Shared running", coProctors: me.User);
        await app.CreateExamAsync(me.User, TimeSpan.FromHours(-3), durationMinutes: 60, title: "Own finished");
        await app.CreateExamAsync(colleague, TimeSpan.FromMinutes(-10), title: "Colleague's own");

        var html = await me.Browser.GetStringAsync("/Exams");

        var upcoming = Html.Decoded(Html.Section(html, "Upcoming"));
        var running = Html.Decoded(Html.Section(html, "Running now"));
        var finished = Html.Decoded(Html.Section(html, "Finished"));
        Assert.Contains("Own upcoming", upcoming);
        Assert.Contains("Shared running</a> (co-proctor)", running);
        Assert.Contains("Own finished", finished);
        Assert.DoesNotContain("Shared running", upcoming + finished);
        Assert.DoesNotContain("Own upcoming", running + finished);
        Assert.DoesNotContain("Own finished", upcoming + running);
        Assert.DoesNotContain("Colleague's own", Html.Decoded(html));
    }
}
