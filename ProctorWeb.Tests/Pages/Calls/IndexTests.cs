using System.Net;

namespace ProctorWeb.Tests.Pages.Calls;

public class IndexTests
{
    [Fact]
    public async Task AnAnonymousVisitorIsSentToSignInAndBack()
    {
        await using var app = new ProctorWebApplication();
        var browser = app.CreateBrowser(new CookieContainer());

        var response = await browser.GetAsync("/Calls");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/Account/Login?ReturnUrl=%2FCalls", response.Headers.Location?.PathAndQuery);
    }

    [Fact]
    public async Task TheCallsPageCarriesTheSignedInUsersIdForTheScripts()
    {
        await using var app = new ProctorWebApplication();
        var ada = await app.SignInAsync(await app.CreateUserAsync("Ada"));

        var html = await ada.Browser.GetStringAsync("/Calls");

        Assert.Contains($"data-me=\"{ada.User.Id}\"", html);
        Assert.Contains("data-hub=\"/hubs/calls\"", html);
    }
}
