using System.Net;
using System.Text.RegularExpressions;
using ProctorWeb.Pages.Account;
using ProctorWeb.Tests.Support;

namespace ProctorWeb.Tests.Pages.Account;

public partial class PasswordResetTests
{
    private const string NewPassword = "Brand-New-Horse-7";

    private static Task<HttpResponseMessage> SignInAsync(ProctorWebApplication app, string email, string password) =>
        Forms.PostAsync(app.CreateBrowser(new CookieContainer()), "/Account/Login", new() { ["Input.Email"] = email, ["Input.Password"] = password });

    /// <summary>Opens the link as a person would, then posts the form it shows (the link's user and code ride in hidden fields).</summary>
    private static async Task<HttpResponseMessage> ResetAsync(HttpClient browser, string link, string password = NewPassword)
    {
        var page = await browser.GetStringAsync(link);
        return await browser.PostAsync("/Account/ResetPassword", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.UserId"] = Hidden(page, "Input.UserId"),
            ["Input.Code"] = Hidden(page, "Input.Code"),
            ["Input.Password"] = password,
            ["Input.ConfirmPassword"] = password,
            ["__RequestVerificationToken"] = Forms.AntiforgeryToken(page),
        }));
    }

    private static string Hidden(string html, string name)
    {
        var input = Regex.Match(html, $"""<input[^>]*name="{Regex.Escape(name)}"[^>]*>""");
        Assert.True(input.Success, $"The page has no input {name}.");
        return Html.Decoded(ValueAttribute().Match(input.Value).Groups[1].Value);
    }

    [GeneratedRegex("\\svalue=\"([^\"]*)\"")]
    private static partial Regex ValueAttribute();

    [Fact]
    public async Task TheMailedLinkSetsANewPasswordOnceAndTheOldOneStopsWorking()
    {
        await using var app = new ProctorWebApplication();
        var ada = await app.CreateUserAsync("Ada");
        var browser = app.CreateBrowser(new CookieContainer());
        await Forms.PostAsync(browser, "/Account/ForgotPassword", new() { ["Input.Email"] = ada.Email });
        var link = app.Mail.SingleTo(ada.Email).Link("/Account/ResetPassword");

        var first = await ResetAsync(browser, link);
        var second = await ResetAsync(browser, link, "Yet-Another-Horse-8");

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal("/Account/Login?status=password-reset", first.Headers.Location?.OriginalString);
        Assert.Contains("Your password is changed.", await browser.GetStringAsync(first.Headers.Location));
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Contains(ResetPasswordModel.Refused, await Html.ReadAsync(second));
        Assert.Equal(HttpStatusCode.Redirect, (await SignInAsync(app, ada.Email, NewPassword)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SignInAsync(app, ada.Email, ada.Password)).StatusCode);
        Assert.Equal("Your ProctorWeb password was changed", app.Mail.To(ada.Email)[^1].Subject);
    }

    [Fact]
    public async Task ALinkOlderThanAnHourIsRefused()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        await using var app = new ProctorWebApplication { Clock = clock };
        var ada = await app.CreateUserAsync("Ada");
        var browser = app.CreateBrowser(new CookieContainer());
        await Forms.PostAsync(browser, "/Account/ForgotPassword", new() { ["Input.Email"] = ada.Email });
        var link = app.Mail.SingleTo(ada.Email).Link("/Account/ResetPassword");

        clock.Advance(TimeSpan.FromMinutes(61));
        var response = await ResetAsync(browser, link);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(ResetPasswordModel.Refused, await Html.ReadAsync(response));
        Assert.Equal(HttpStatusCode.Redirect, (await SignInAsync(app, ada.Email, ada.Password)).StatusCode);
    }

    [Fact]
    public async Task AnUnknownAddressGetsTheSamePageAndNoMail()
    {
        await using var app = new ProctorWebApplication();
        var ada = await app.CreateUserAsync("Ada");
        var browser = app.CreateBrowser(new CookieContainer());

        var unknown = await Forms.PostAsync(browser, "/Account/ForgotPassword", new() { ["Input.Email"] = "nobody@example.test" });
        var known = await Forms.PostAsync(browser, "/Account/ForgotPassword", new() { ["Input.Email"] = ada.Email });

        Assert.Equal(known.Headers.Location, unknown.Headers.Location);
        Assert.Equal("/Account/CheckEmail", unknown.Headers.Location?.OriginalString);
        Assert.Equal([ada.Email], app.Mail.All.Select(m => m.To));
    }
}
