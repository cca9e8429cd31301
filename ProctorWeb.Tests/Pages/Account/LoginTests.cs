using System.Net;
using ProctorWeb.Tests.Support;

namespace ProctorWeb.Tests.Pages.Account;

public class LoginTests
{
    private const string NoMatch = "That email and password do not match an account.";

    private static Task<HttpResponseMessage> SignInAsync(HttpClient browser, string email, string password) =>
        Forms.PostAsync(browser, "/Account/Login", new() { ["Input.Email"] = email, ["Input.Password"] = password });

    [Fact]
    public async Task SigningInWithTheRightPasswordOpensCalls()
    {
        await using var app = new ProctorWebApplication();
        var ada = await app.CreateUserAsync("Ada");
        var browser = app.CreateBrowser(new CookieContainer());

        var response = await SignInAsync(browser, ada.Email, ada.Password);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/Calls", response.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/Calls")).StatusCode);
    }

    [Fact]
    public async Task ATeacherLandsOnTheirExamsAfterSigningInAndAReturnAddressStillWins()
    {
        await using var app = new ProctorWebApplication();
        var tess = await app.CreateUserAsync("Tess", ProctorWeb.Data.Roles.Teacher);

        var landed = await SignInAsync(app.CreateBrowser(new CookieContainer()), tess.Email, tess.Password);
        var returned = await Forms.PostAsync(app.CreateBrowser(new CookieContainer()), "/Account/Login?returnUrl=%2FCalls",
            new() { ["Input.Email"] = tess.Email, ["Input.Password"] = tess.Password });

        Assert.Equal("/Exams", landed.Headers.Location?.OriginalString);
        Assert.Equal("/Calls", returned.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task AWrongPasswordIsRefusedWithAMessage()
    {
        await using var app = new ProctorWebApplication();
        var ada = await app.CreateUserAsync("Ada");
        var browser = app.CreateBrowser(new CookieContainer());

        var response = await SignInAsync(browser, ada.Email, "Wrong-Password-1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(NoMatch, await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/Calls")).StatusCode);
    }

    [Fact]
    public async Task FiveWrongPasswordsLockTheAccountEvenAgainstTheRightOneAndTheAnswerIsTheOneAnUnknownAddressGets()
    {
        await using var app = new ProctorWebApplication();
        var ada = await app.CreateUserAsync("Ada");
        var browser = app.CreateBrowser(new CookieContainer());

        for (var attempt = 1; attempt <= 4; attempt++)
        {
            var wrong = await SignInAsync(browser, ada.Email, $"Wrong-Password-{attempt}");
            Assert.StartsWith(NoMatch, await ErrorOfAsync(wrong));
        }
        var fifth = await SignInAsync(browser, ada.Email, "Wrong-Password-5");
        var right = await SignInAsync(browser, ada.Email, ada.Password);
        var unknown = await SignInAsync(browser, "nobody@example.test", "Wrong-Password-6");

        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/Calls")).StatusCode);
        Assert.True(await app.WithServiceAsync<bool, Microsoft.AspNetCore.Identity.UserManager<ProctorWeb.Data.AppUser>>(async users => await users.IsLockedOutAsync((await users.FindByEmailAsync(ada.Email))!)));
        // Locked or unknown, right password or wrong: one answer, so a stranger learns nothing about the address.
        var answer = await ErrorOfAsync(unknown);
        Assert.Equal("That email and password do not match an account. After 5 wrong passwords in a row an account is locked for 5 minutes.", answer);
        Assert.Equal(answer, await ErrorOfAsync(fifth));
        Assert.Equal(answer, await ErrorOfAsync(right));
    }

    /// <summary>The form's error above the fields, as read.</summary>
    public static async Task<string> ErrorOfAsync(HttpResponseMessage response)
    {
        var html = await response.Content.ReadAsStringAsync();
        var match = System.Text.RegularExpressions.Regex.Match(html, "<div class=\"errors validation-summary-errors\"[^>]*>(.*?)</div>", System.Text.RegularExpressions.RegexOptions.Singleline);
        Assert.True(match.Success, $"The page shows no form error: {html}");
        return Html.VisibleText(match.Groups[1].Value).Trim();
    }

    [Fact]
    public async Task AnUnknownEmailGetsTheSameMessageAsAWrongPassword()
    {
        await using var app = new ProctorWebApplication();
        var browser = app.CreateBrowser(new CookieContainer());

        // The same words, so the form does not tell anyone which emails have accounts.
        var response = await SignInAsync(browser, "nobody@example.test", "Whatever-Password-1");

        Assert.Contains(NoMatch, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AReturnUrlToAnotherSiteIsIgnored()
    {
        await using var app = new ProctorWebApplication();
        var ada = await app.CreateUserAsync("Ada");
        var browser = app.CreateBrowser(new CookieContainer());

        // A sign-in link must not become a way to send people to a look-alike site.
        var response = await Forms.PostAsync(browser, "/Account/Login?ReturnUrl=https%3A%2F%2Fevil.example%2F", new() { ["Input.Email"] = ada.Email, ["Input.Password"] = ada.Password });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/Calls", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task ALocalReturnUrlIsFollowedAfterSignIn()
    {
        await using var app = new ProctorWebApplication();
        var ada = await app.CreateUserAsync("Ada");
        var browser = app.CreateBrowser(new CookieContainer());

        var response = await Forms.PostAsync(browser, "/Account/Login?ReturnUrl=%2FCalls%3Ffrom%3Dlink", new() { ["Input.Email"] = ada.Email, ["Input.Password"] = ada.Password });

        Assert.Equal("/Calls?from=link", response.Headers.Location?.OriginalString);
    }
}
