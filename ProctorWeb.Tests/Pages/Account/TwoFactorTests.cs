using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using ProctorWeb.Audit;
using ProctorWeb.Data;
using ProctorWeb.Pages.Account;
using ProctorWeb.Tests.Audit;
using ProctorWeb.Tests.Support;

namespace ProctorWeb.Tests.Pages.Account;

/// <summary>Teachers and admins turn on two-step sign-in with an authenticator app; signing in then asks for its code.</summary>
public class TwoFactorTests
{
    [Fact]
    public void TheTestAuthenticatorMatchesRfc6238sOwnExample()
    {
        // RFC 6238 appendix B: the ASCII key "12345678901234567890", SHA-1, at 59 s gives 94287082 (8 digits; 6 here).
        Assert.Equal("287082", Totp.Code("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", DateTimeOffset.FromUnixTimeSeconds(59)));
        Assert.Equal("005924", Totp.Code("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", DateTimeOffset.FromUnixTimeSeconds(1234567890)));
    }

    private static string SharedKey(string html)
    {
        var match = Regex.Match(html, """<code aria-label="Shared key">([^<]*)</code>""");
        Assert.True(match.Success, "The page shows no shared key.");
        return match.Groups[1].Value;
    }

    private static List<string> RecoveryCodes(string html) =>
        Regex.Matches(Regex.Match(html, """<ul aria-label="Recovery codes">(.*?)</ul>""", RegexOptions.Singleline).Groups[1].Value, "<code>([^<]*)</code>")
            .Select(m => m.Groups[1].Value).ToList();

    /// <summary>Opens the set-up page, scans the key, types the code: returns the key and the recovery codes shown once.</summary>
    private static async Task<(string Key, List<string> RecoveryCodes)> TurnOnAsync(SignedInUser user)
    {
        var setup = await Html.ReadAsync(await user.Browser.GetAsync("/Account/TwoFactor"));
        Assert.Contains("<svg", setup);
        var key = SharedKey(setup);
        var on = await Forms.PostAsync(user.Browser, "/Account/TwoFactor", "/Account/TwoFactor?handler=Enable", new() { ["Code"] = Totp.Code(key) });
        Assert.Equal(HttpStatusCode.OK, on.StatusCode);
        Assert.True(on.Headers.CacheControl?.NoStore, "The recovery codes must not be cached.");
        var page = await Html.ReadAsync(on);
        Assert.Contains("Two-step sign-in is on", page);
        var codes = RecoveryCodes(page);
        Assert.Equal(TwoFactorModel.RecoveryCodeCount, codes.Count);
        return (key, codes);
    }

    private static Task<HttpResponseMessage> PasswordStepAsync(HttpClient browser, TestUser user) =>
        Forms.PostAsync(browser, "/Account/Login", new() { ["Input.Email"] = user.Email, ["Input.Password"] = user.Password });

    [Fact]
    public async Task ATeacherTurnsOnTwoStepSignInAndThenSigningInAsksForTheAppsCode()
    {
        await using var app = new ProctorWebApplication();
        var tess = await app.SignInAsync(await app.CreateUserAsync("Tess", Roles.Teacher));
        var (key, codes) = await TurnOnAsync(tess);
        // This browser stays signed in; the codes are not shown again.
        var later = await Html.ReadAsync(await tess.Browser.GetAsync("/Account/TwoFactor"));
        Assert.Contains("You have 10 recovery codes left.", later);
        Assert.Empty(RecoveryCodes(later));

        var browser = app.CreateBrowser(new CookieContainer());
        var password = await PasswordStepAsync(browser, tess.User);
        Assert.Equal(HttpStatusCode.Redirect, password.StatusCode);
        Assert.Equal("/Account/LoginTwoFactor", password.Headers.Location?.OriginalString);
        // The password alone signs nobody in.
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/Exams")).StatusCode);

        var wrong = await Forms.PostAsync(browser, "/Account/LoginTwoFactor", new() { ["Code"] = "000000" == Totp.Code(key) ? "111111" : "000000" });
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Contains(LoginTwoFactorModel.WrongCode, await Html.ReadAsync(wrong));

        var right = await Forms.PostAsync(browser, "/Account/LoginTwoFactor", new() { ["Code"] = Totp.Code(key) });
        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
        Assert.Equal("/Exams", right.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/Exams")).StatusCode);

        var entries = await AuditLogTests.EntriesAsync(app);
        Assert.Contains(entries, e => e.Kind == AuditKinds.TwoFactorEnabled && e.ActorId == tess.User.Id);
        Assert.Contains(entries, e => e.Kind == AuditKinds.SignInFailed && e.Detail == "authenticator code");
        Assert.Contains(entries, e => e.Kind == AuditKinds.SignIn && e.Detail == "password and authenticator code");
        Assert.All(entries, e => Assert.DoesNotContain(key.Replace(" ", ""), $"{e.Detail}{e.Subject}", StringComparison.OrdinalIgnoreCase));
        Assert.All(entries, e => Assert.DoesNotContain(codes[0], $"{e.Detail}{e.Subject}"));
    }

    [Fact]
    public async Task ARecoveryCodeSignsInOnceWithoutThePhone()
    {
        await using var app = new ProctorWebApplication();
        var tess = await app.SignInAsync(await app.CreateUserAsync("Tess", Roles.Teacher));
        var (_, codes) = await TurnOnAsync(tess);

        var first = app.CreateBrowser(new CookieContainer());
        await PasswordStepAsync(first, tess.User);
        var used = await Forms.PostAsync(first, "/Account/LoginTwoFactor", new() { ["Code"] = codes[0] });
        Assert.Equal(HttpStatusCode.Redirect, used.StatusCode);
        Assert.Equal("/Exams", used.Headers.Location?.OriginalString);

        var second = app.CreateBrowser(new CookieContainer());
        await PasswordStepAsync(second, tess.User);
        var again = await Forms.PostAsync(second, "/Account/LoginTwoFactor", new() { ["Code"] = codes[0] });
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains(LoginTwoFactorModel.WrongCode, await Html.ReadAsync(again));
    }

    [Fact]
    public async Task AWrongCodeDoesNotTurnItOnAndTurningItOffNeedsThePassword()
    {
        await using var app = new ProctorWebApplication();
        var tess = await app.SignInAsync(await app.CreateUserAsync("Tess", Roles.Teacher));
        var key = SharedKey(await Html.ReadAsync(await tess.Browser.GetAsync("/Account/TwoFactor")));
        var wrong = await Forms.PostAsync(tess.Browser, "/Account/TwoFactor", "/Account/TwoFactor?handler=Enable", new() { ["Code"] = Totp.Code(key) == "123456" ? "654321" : "123456" });
        Assert.Contains(TwoFactorModel.WrongCode, await Html.ReadAsync(wrong));
        Assert.False(await app.WithServiceAsync<bool, AppDbContext>(db => db.Users.Where(u => u.Id == tess.User.Id).Select(u => u.TwoFactorEnabled).SingleAsync()));

        await TurnOnAsync(tess);
        var refused = await Forms.PostAsync(tess.Browser, "/Account/TwoFactor", "/Account/TwoFactor?handler=Disable", new() { ["Password"] = "Not-My-Password-11" });
        Assert.Contains(TwoFactorModel.WrongPassword, await Html.ReadAsync(refused));
        var off = await Forms.PostAsync(tess.Browser, "/Account/TwoFactor", "/Account/TwoFactor?handler=Disable", new() { ["Password"] = tess.User.Password });
        Assert.Equal(HttpStatusCode.Redirect, off.StatusCode);
        Assert.Contains("Two-step sign-in is off.", await Html.ReadAsync(await tess.Browser.GetAsync("/Account/TwoFactor")));

        // Signing in is one step again.
        await app.SignInAsync(tess.User);
        Assert.Contains(await AuditLogTests.EntriesAsync(app), e => e.Kind == AuditKinds.TwoFactorDisabled);
    }

    [Fact]
    public async Task StudentsAccountsHaveNoTwoStepSetUp()
    {
        await using var app = new ProctorWebApplication();
        var student = await app.SignInAsync(await app.CreateUserAsync("Stu", Roles.Student));

        var response = await student.Browser.GetAsync("/Account/TwoFactor");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }
}
