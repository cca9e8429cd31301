using System.Net;
using ProctorWeb.Tests.Support;

namespace ProctorWeb.Tests.Pages.Account;

/// <summary>Signing out ends the session on the server: a copy of the sign-in cookie taken before is worth nothing after.</summary>
public class SessionTests
{
    /// <summary>The browser's cookies as someone copying them (a shared computer, a stolen cookie file) would keep them.</summary>
    public static SignedInUser CopyOf(SignedInUser signedIn, ProctorWebApplication? app = null)
    {
        var cookies = new CookieContainer();
        foreach (Cookie cookie in signedIn.Cookies.GetAllCookies())
        {
            cookies.Add(new Cookie(cookie.Name, cookie.Value, cookie.Path, cookie.Domain));
        }
        return signedIn with { Cookies = cookies, Browser = app?.CreateBrowser(cookies) ?? signedIn.Browser };
    }

    [Fact]
    public async Task ASignInCookieReplayedAfterSignOutIsSentToSignIn()
    {
        await using var app = new ProctorWebApplication();
        var tess = await app.SignInNewTeacherAsync("Tess");
        var copy = CopyOf(tess, app);
        Assert.Equal(HttpStatusCode.OK, (await copy.Browser.GetAsync("/Exams")).StatusCode);

        await Forms.PostAsync(tess.Browser, "/Calls", "/Account/Logout", []);

        var replayed = await copy.Browser.GetAsync("/Exams");
        Assert.Equal(HttpStatusCode.Redirect, replayed.StatusCode);
        Assert.StartsWith("http://localhost/Account/Login", replayed.Headers.Location?.ToString());
        // Signing in again gives a new session that works.
        var again = await app.SignInAsync(tess.User);
        Assert.Equal(HttpStatusCode.OK, (await again.Browser.GetAsync("/Exams")).StatusCode);
    }

    [Fact]
    public async Task ASignInCookieReplayedAfterSignOutCannotOpenAHub()
    {
        await using var app = new ProctorWebApplication();
        var ada = await app.SignInAsync(await app.CreateUserAsync("Ada"));
        var copy = CopyOf(ada, app);

        await Forms.PostAsync(ada.Browser, "/Calls", "/Account/Logout", []);

        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => app.ConnectAsync(copy));
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    [Fact]
    public async Task ASessionStaysSignedInAcrossRequestsWithoutANewCookieOnEach()
    {
        await using var app = new ProctorWebApplication();
        var ada = await app.SignInAsync(await app.CreateUserAsync("Ada"));

        var responses = new List<HttpResponseMessage>();
        for (var i = 0; i < 3; i++)
        {
            responses.Add(await ada.Browser.GetAsync("/Calls"));
        }

        // The stamp is checked on every request, but a match re-issues nothing.
        Assert.All(responses, r =>
        {
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
            Assert.False(r.Headers.TryGetValues("Set-Cookie", out var set) && set.Any(c => c.StartsWith("proctorweb.auth", StringComparison.Ordinal)));
        });
    }
}
