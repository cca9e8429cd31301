using System.Net;
using Microsoft.AspNetCore.Identity;
using ProctorWeb.Data;
using ProctorWeb.Pages.Admin;
using ProctorWeb.Tests.Support;

namespace ProctorWeb.Tests.Pages.Admin;

public class TeachersTests
{
    private const string Page = "/Admin/Teachers";

    private static Task<bool> IsInRoleAsync(ProctorWebApplication app, string userId, string role) =>
        app.WithServiceAsync<bool, UserManager<AppUser>>(async users => await users.IsInRoleAsync((await users.FindByIdAsync(userId))!, role));

    private static Task<HttpResponseMessage> ChangeAsync(SignedInUser admin, string action, string userId, bool confirmed) =>
        Forms.PostAsync(admin.Browser, Page, $"{Page}?handler=Change", new() { ["action"] = action, ["userId"] = userId, ["confirmed"] = confirmed ? "true" : "false" });

    [Fact]
    public async Task AnAdminInvitesATeacherWhoSetsAPasswordByTheMailedLinkAndCanThenScheduleExams()
    {
        await using var app = new ProctorWebApplication();
        var admin = await app.SignInNewAdminAsync("Head");

        var invited = await Forms.PostAsync(admin.Browser, Page, $"{Page}?handler=Invite", new() { ["Invite.Email"] = "tess@example.test", ["Invite.Name"] = "Tess Teacher" });
        Assert.Equal(HttpStatusCode.Redirect, invited.StatusCode);
        var mail = app.Mail.SingleTo("tess@example.test");
        Assert.Contains("Head made you a ProctorWeb teacher account", mail.Text);
        var link = mail.Link("/Account/AcceptInvitation");
        Assert.StartsWith("http://localhost/Account/AcceptInvitation?", link);

        var browser = app.CreateBrowser(new CookieContainer());
        var set = await Forms.PostAsync(browser, link, "/Account/AcceptInvitation", new()
        {
            ["Input.UserId"] = System.Web.HttpUtility.ParseQueryString(new Uri(link).Query)["userId"]!,
            ["Input.Code"] = System.Web.HttpUtility.ParseQueryString(new Uri(link).Query)["code"]!,
            ["Input.Password"] = ProctorWebApplication.Password, ["Input.ConfirmPassword"] = ProctorWebApplication.Password,
        });
        Assert.Equal("/Account/Login?status=invitation-accepted", set.Headers.Location?.OriginalString);

        var tess = await app.SignInAsync(new TestUser("", "tess@example.test", ProctorWebApplication.Password, "Tess Teacher"));
        Assert.Equal(HttpStatusCode.OK, (await tess.Browser.GetAsync("/Exams/Schedule")).StatusCode);
        // The link worked once.
        var again = await Forms.PostAsync(browser, link, "/Account/AcceptInvitation", new()
        {
            ["Input.UserId"] = System.Web.HttpUtility.ParseQueryString(new Uri(link).Query)["userId"]!,
            ["Input.Code"] = System.Web.HttpUtility.ParseQueryString(new Uri(link).Query)["code"]!,
            ["Input.Password"] = "Another-Horse-43", ["Input.ConfirmPassword"] = "Another-Horse-43",
        });
        Assert.Contains("This invitation link is not valid", await Html.ReadAsync(again));
    }

    [Fact]
    public async Task ATeacherCannotOpenTheTeachersPageNorInviteAnyone()
    {
        await using var app = new ProctorWebApplication();
        var teacher = await app.SignInNewTeacherAsync("Tess");

        var page = await teacher.Browser.GetAsync(Page);

        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Equal("/Account/Login", new Uri(ProctorWebApplication.BaseUri, page.Headers.Location!).AbsolutePath);
    }

    [Fact]
    public async Task PromotingATeacherAsksFirstAndThenMakesThemAnAdmin()
    {
        await using var app = new ProctorWebApplication();
        var admin = await app.SignInNewAdminAsync("Head");
        var tess = await app.CreateUserAsync("Tess", Roles.Teacher);

        var asked = await ChangeAsync(admin, "Promote", tess.Id, confirmed: false);
        Assert.Contains($"Make Tess ({tess.Email}) an admin?", await Html.ReadAsync(asked));
        Assert.False(await IsInRoleAsync(app, tess.Id, Roles.Admin));

        var done = await ChangeAsync(admin, "Promote", tess.Id, confirmed: true);
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        Assert.True(await IsInRoleAsync(app, tess.Id, Roles.Admin));
        // Only the confirmed change is in the audit log, with who made it.
        var changes = (await ProctorWeb.Tests.Audit.AuditLogTests.EntriesAsync(app)).Where(e => e.Kind == ProctorWeb.Audit.AuditKinds.RoleChanged).ToList();
        var change = Assert.Single(changes);
        Assert.Equal((admin.User.Id, ProctorWeb.Audit.AuditKinds.User(tess.Id)), (change.ActorId, change.Subject));
        Assert.Contains(Roles.Admin, change.Detail);
    }

    [Fact]
    public async Task RemovingATeachersRoleEndsTheirSessionAndTheirExamPages()
    {
        await using var app = new ProctorWebApplication();
        var admin = await app.SignInNewAdminAsync("Head");
        var tess = await app.SignInNewTeacherAsync("Tess");

        await ChangeAsync(admin, "RemoveTeacher", tess.User.Id, confirmed: true);

        Assert.False(await IsInRoleAsync(app, tess.User.Id, Roles.Teacher));
        var exams = await tess.Browser.GetAsync("/Exams");
        Assert.Equal("/Account/Login", new Uri(ProctorWebApplication.BaseUri, exams.Headers.Location!).AbsolutePath);
        var again = await app.SignInAsync(tess.User);
        Assert.Equal("/Account/Login", new Uri(ProctorWebApplication.BaseUri, (await again.Browser.GetAsync("/Exams")).Headers.Location!).AbsolutePath);
    }

    [Fact]
    public async Task ABlockedTeacherCannotSignIn()
    {
        await using var app = new ProctorWebApplication();
        var admin = await app.SignInNewAdminAsync("Head");
        var tess = await app.CreateUserAsync("Tess", Roles.Teacher);

        await ChangeAsync(admin, "Block", tess.Id, confirmed: true);

        var signIn = await Forms.PostAsync(app.CreateBrowser(new CookieContainer()), "/Account/Login", new() { ["Input.Email"] = tess.Email, ["Input.Password"] = tess.Password });
        Assert.NotEqual(HttpStatusCode.Redirect, signIn.StatusCode);
    }

    [Theory]
    [InlineData("RemoveAdmin")]
    [InlineData("Block")]
    public async Task TheLastAdminCannotTakeTheirOwnAdminRoleOrAccessAway(string action)
    {
        await using var app = new ProctorWebApplication();
        var admin = await app.SignInNewAdminAsync("Head");

        var refused = await ChangeAsync(admin, action, admin.User.Id, confirmed: true);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains(TeachersModel.LastAdmin, await Html.ReadAsync(refused));
        Assert.True(await IsInRoleAsync(app, admin.User.Id, Roles.Admin));
        Assert.Equal(HttpStatusCode.OK, (await admin.Browser.GetAsync(Page)).StatusCode);
    }
}
