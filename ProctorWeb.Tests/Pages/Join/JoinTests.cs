using System.Net;
using ProctorWeb.Data;
using ProctorWeb.Exams;
using ProctorWeb.Tests.Support;

namespace ProctorWeb.Tests.Pages.Join;

public class JoinTests
{
    private const string InvitationCookie = "proctorweb.invitation";

    private static async Task<(ProctorWebApplication App, Invitation Ada)> InvitationAsync(TimeSpan startsIn, int durationMinutes = 60, int lateJoinMinutes = 10, Dictionary<string, string?>? settings = null)
    {
        var app = new ProctorWebApplication(settings);
        try
        {
            var owner = await app.CreateUserAsync("Tess", Roles.Teacher);
            var examId = await app.CreateExamAsync(owner, startsIn, durationMinutes, lateJoinMinutes);
            return (app, await app.InviteAsync(examId, "Ada"));
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    private static async Task AssertRefusedAsync(HttpResponseMessage response, HttpStatusCode status, string title)
    {
        Assert.Equal(status, response.StatusCode);
        var html = await Html.ReadAsync(response);
        Assert.Contains($"<h1>{title}</h1>", html);
        Assert.DoesNotContain("Continue to the device check", html);
    }

    public static TheoryData<string> WrongSecrets => new()
    {
        // Well formed (43 URL-safe characters) but nobody's.
        "Zm9yZ2VkLWJ1dC13ZWxsLWZvcm1lZC1zZWNyZXQtMTI",
        "too-short",
        new string('A', 42) + "%2B",
        new string('A', 200),
    };

    [Theory]
    [MemberData(nameof(WrongSecrets))]
    public async Task AWrongOrMalformedLinkIsNotValid(string secret)
    {
        var (app, _) = await InvitationAsync(TimeSpan.FromMinutes(10));
        await using var __ = app;

        var response = await app.CreateBrowser(new CookieContainer()).GetAsync($"/Join/{secret}");

        await AssertRefusedAsync(response, HttpStatusCode.NotFound, "This link is not valid");
    }

    [Fact]
    public async Task BeforeItOpensTheLinkSaysTheExamIsNotOpenYet()
    {
        // Opens 30 minutes before the start (appsettings.json), so 45 minutes ahead is too early.
        var (app, ada) = await InvitationAsync(TimeSpan.FromMinutes(45));
        await using var _ = app;

        var response = await app.CreateBrowser(new CookieContainer()).GetAsync(ada.Link);

        await AssertRefusedAsync(response, HttpStatusCode.Forbidden, "This exam is not open yet");
        Assert.Contains("This exam opens 30 minutes before it starts.", await Html.ReadAsync(response));
    }

    [Fact]
    public async Task TheOpeningFollowsTheConfiguredMinutesBeforeTheStart()
    {
        var (app, ada) = await InvitationAsync(TimeSpan.FromMinutes(45), settings: new() { ["Exams:OpensMinutesBeforeStart"] = "60" });
        await using var _ = app;

        var response = await app.CreateBrowser(new CookieContainer()).GetAsync(ada.Link);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task AfterTheEndTheLinkSaysTheExamIsOver()
    {
        var (app, ada) = await InvitationAsync(TimeSpan.FromHours(-2), durationMinutes: 60);
        await using var _ = app;

        var response = await app.CreateBrowser(new CookieContainer()).GetAsync(ada.Link);

        await AssertRefusedAsync(response, HttpStatusCode.Forbidden, "This exam is over");
    }

    [Fact]
    public async Task OnceLateJoiningClosesOnlyStudentsWhoJoinedBeforeMayComeBack()
    {
        var (app, ada) = await InvitationAsync(TimeSpan.FromMinutes(-30), durationMinutes: 60, lateJoinMinutes: 10);
        await using var _ = app;
        var bob = await app.InviteAsync(ada.ExamId, "Bob");
        await app.WithServiceAsync<int, AppDbContext>(db =>
        {
            db.Attendance.Add(new AttendanceEvent { RosterEntryId = bob.RosterId, Kind = AttendanceKinds.Joined, AtUtc = DateTime.UtcNow.AddMinutes(-29) });
            return db.SaveChangesAsync();
        });
        var browser = app.CreateBrowser(new CookieContainer());

        var never = await browser.GetAsync(ada.Link);
        var returning = await browser.GetAsync(bob.Link);

        await AssertRefusedAsync(never, HttpStatusCode.Forbidden, "Joining has closed");
        Assert.Equal(HttpStatusCode.OK, returning.StatusCode);
        Assert.Contains("Hello Bob.", await Html.ReadAsync(returning));
    }

    [Fact]
    public async Task AValidLinkShowsTheExamAndWhoWillWatch()
    {
        await using var app = new ProctorWebApplication();
        var owner = await app.CreateUserAsync("Tess Teacher", Roles.Teacher);
        var colleague = await app.CreateUserAsync("Colin Colleague", Roles.Teacher);
        var examId = await app.CreateExamAsync(owner, TimeSpan.FromMinutes(-5), title: "Physics final", coProctors: colleague);
        var ada = await app.InviteAsync(examId, "Ada");

        var response = await app.CreateBrowser(new CookieContainer()).GetAsync(ada.Link);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await Html.ReadAsync(response);
        Assert.Contains("<h1>Physics final</h1>", html);
        Assert.Contains("Hello Ada.", html);
        Assert.Contains("<strong>Tess Teacher, Colin Colleague</strong>", html);
        Assert.Contains("Continue to the device check", html);
    }

    [Fact]
    public async Task ContinuingWithoutAgreeingAsksForConsentAndLetsNobodyIn()
    {
        var (app, ada) = await InvitationAsync(TimeSpan.FromMinutes(10));
        await using var _ = app;
        var cookies = new CookieContainer();

        var response = await Forms.PostAsync(app.CreateBrowser(cookies), ada.Link, new() { ["Agree"] = "false" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Tick the box to agree to being monitored before you continue.", await Html.ReadAsync(response));
        Assert.Null(cookies.GetAllCookies()[InvitationCookie]);
        var room = await app.CreateBrowser(cookies).GetAsync("/Join/Room");
        Assert.Equal(HttpStatusCode.Redirect, room.StatusCode);
    }

    [Fact]
    public async Task AgreeingOpensTheExamRoomWithTheInvitationCookie()
    {
        var (app, ada) = await InvitationAsync(TimeSpan.FromMinutes(10));
        await using var _ = app;

        var cookies = await app.RedeemAsync(ada);
        var room = await app.CreateBrowser(cookies).GetAsync("/Join/Room");

        var cookie = cookies.GetAllCookies()[InvitationCookie];
        Assert.NotNull(cookie);
        Assert.True(cookie.HttpOnly);
        Assert.Equal(HttpStatusCode.OK, room.StatusCode);
        var html = await Html.ReadAsync(room);
        Assert.Contains("<h1>Algebra midterm</h1>", html);
        // The exam in the address lets a balancer send the room to the node holding the exam.
        Assert.Contains($"data-hub=\"{ExamHub.Path}?exam=", html);
        Assert.Contains("Device check", html);
    }

    [Fact]
    public async Task TheRoomWithoutAnInvitationSendsToThePersonalLinkPage()
    {
        await using var app = new ProctorWebApplication();
        // A teacher's sign-in is not an invitation either.
        var teacher = await app.SignInNewTeacherAsync("Tess");

        foreach (var browser in new[] { app.CreateBrowser(new CookieContainer()), teacher.Browser })
        {
            var room = await browser.GetAsync("/Join/Room");

            Assert.Equal(HttpStatusCode.Redirect, room.StatusCode);
            Assert.Equal("/Join/Missing", new Uri(ProctorWebApplication.BaseUri, room.Headers.Location!).AbsolutePath);
            var missing = await browser.GetAsync(room.Headers.Location);
            Assert.Equal(HttpStatusCode.OK, missing.StatusCode);
            Assert.Contains("Open your personal link", await Html.ReadAsync(missing));
        }
    }
}
