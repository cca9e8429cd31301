using System.Net;
using ProctorWeb.Tests.Support;

namespace ProctorWeb.Tests.Pages.Account;

public class LoginTests
{
    private const string NoMatch = "That email and password do not match an account.";
    private const string Locked = "this account is locked for a few minutes";

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
    public async Task FiveWrongPasswordsLockTheAccountEvenAgainstTheRightOne()
    {
        await using var app = new ProctorWebApplication();
        var ada = await app.CreateUserAsync("Ada");
        var browser = app.CreateBrowser(new CookieContainer());

        for (var attempt = 1; attempt <= 4; attempt++)
        {
            var wrong = await SignInAsync(browser, ada.Email, $"Wrong-Password-{attempt}");
            Assert.Contains(NoMatch, await wrong.Content.ReadAsStringAsync());
        }
        var fifth = await SignInAsync(browser, ada.Email, "Wrong-Password-5");
        var right = await SignInAsync(browser, ada.Email, ada.Password);

        Assert.Contains(Locked, await fifth.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Contains(Locked, await right.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/Calls")).StatusCode);
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
