using System.Net;
using Microsoft.AspNetCore.Identity;
using ProctorWeb.Data;
using ProctorWeb.Tests.Support;

namespace ProctorWeb.Tests.Pages.Account;

public class RegisterTests
{
    private static Dictionary<string, string> Form(string email, string role = Roles.Teacher, string confirm = ProctorWebApplication.Password) => new()
    {
        ["Input.DisplayName"] = "Ada Lovelace",
        ["Input.Email"] = email,
        ["Input.Password"] = ProctorWebApplication.Password,
        ["Input.ConfirmPassword"] = confirm,
        ["Input.Role"] = role,
    };

    /// <summary>A small school's set-up: teachers register themselves.</summary>
    private static ProctorWebApplication SelfRegistering() => new(new Dictionary<string, string?> { ["Accounts:TeacherSelfRegistration"] = "true" });

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ThePageStatesThePasswordRulesBeforeAnyTryAndTellsStudentsTheyNeedNoAccount(bool teachersMayRegister)
    {
        await using var app = teachersMayRegister ? SelfRegistering() : new ProctorWebApplication();

        var page = Html.VisibleText(await app.CreateBrowser(new CookieContainer()).GetStringAsync("/Account/Register"));

        Assert.Contains("Sitting an exam? You need no account: open the personal link your teacher sent you.", page);
        Assert.Contains(ProctorWeb.Accounts.CommonPasswordValidator.Rules, page);
    }

    [Fact]
    public async Task RegisteringCreatesTheUserWithTheirRoleAndNameAndMailsAConfirmationLink()
    {
        await using var app = SelfRegistering();
        var browser = app.CreateBrowser(new CookieContainer());

        var response = await Forms.PostAsync(browser, "/Account/Register", Form("ada@example.test", Roles.Teacher));

        // Not signed in yet: the address must be shown to be theirs first (ConfirmEmailTests).
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/Account/CheckEmail", response.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/Calls")).StatusCode);
        Assert.Equal("Confirm your email address for ProctorWeb", app.Mail.SingleTo("ada@example.test").Subject);
        var (displayName, roles, confirmed) = await app.WithServiceAsync<(string, IList<string>, bool), UserManager<AppUser>>(async users =>
        {
            var user = await users.FindByEmailAsync("ada@example.test");
            Assert.NotNull(user);
            return (user.DisplayName, await users.GetRolesAsync(user), user.EmailConfirmed);
        });
        Assert.Equal("Ada Lovelace", displayName);
        Assert.Equal([Roles.Teacher], roles);
        Assert.False(confirmed);
    }

    [Fact]
    public async Task MismatchedPasswordsAreShownAndNothingIsCreated()
    {
        await using var app = new ProctorWebApplication();
        var browser = app.CreateBrowser(new CookieContainer());

        var response = await Forms.PostAsync(browser, "/Account/Register", Form("ada@example.test", confirm: "Something-Else-7"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("The two passwords do not match.", await response.Content.ReadAsStringAsync());
        Assert.False(await UserExistsAsync(app, "ada@example.test"));
    }

    [Fact]
    public async Task AMissingRoleIsShownAndNothingIsCreatedWhenTeachersRegisterThemselves()
    {
        await using var app = SelfRegistering();
        var browser = app.CreateBrowser(new CookieContainer());
        var form = Form("ada@example.test");
        form.Remove("Input.Role");

        var response = await Forms.PostAsync(browser, "/Account/Register", form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Choose whether you are a teacher or a student.", await response.Content.ReadAsStringAsync());
        Assert.False(await UserExistsAsync(app, "ada@example.test"));
    }

    [Fact]
    public async Task ARoleThatIsNotOfferedIsRefused()
    {
        await using var app = new ProctorWebApplication();
        var browser = app.CreateBrowser(new CookieContainer());

        // Nobody may make themselves an administrator by editing the radio button's value.
        var response = await Forms.PostAsync(browser, "/Account/Register", Form("ada@example.test", role: "Admin"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Choose whether you are a teacher or a student.", await response.Content.ReadAsStringAsync());
        Assert.False(await UserExistsAsync(app, "ada@example.test"));
    }

    [Fact]
    public async Task ByDefaultTheRegisterPageOffersNoTeacherRoleAndMakesAPlainAccountForCalls()
    {
        await using var app = new ProctorWebApplication();
        var browser = app.CreateBrowser(new CookieContainer());
        var form = Form("ada@example.test");
        form.Remove("Input.Role");

        Assert.DoesNotContain("role-teacher", await browser.GetStringAsync("/Account/Register"));
        var response = await Forms.PostAsync(browser, "/Account/Register", form);

        Assert.Equal("/Account/CheckEmail", response.Headers.Location?.OriginalString);
        var roles = await app.WithServiceAsync<IList<string>, UserManager<AppUser>>(async users => await users.GetRolesAsync((await users.FindByEmailAsync("ada@example.test"))!));
        Assert.Equal([Roles.Student], roles);
    }

    [Fact]
    public async Task ByDefaultAForgedTeacherRoleIsRefusedAndNothingIsCreated()
    {
        await using var app = new ProctorWebApplication();
        var browser = app.CreateBrowser(new CookieContainer());

        var response = await Forms.PostAsync(browser, "/Account/Register", Form("ada@example.test", Roles.Teacher));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Teacher accounts are made by an admin", await Html.ReadAsync(response));
        Assert.False(await UserExistsAsync(app, "ada@example.test"));
    }

    private static Task<bool> UserExistsAsync(ProctorWebApplication app, string email) =>
        app.WithServiceAsync<bool, UserManager<AppUser>>(async users => await users.FindByEmailAsync(email) is not null);
}
