using System.Net;
using ProctorWeb.Pages.Account;
using ProctorWeb.Tests.Support;

namespace ProctorWeb.Tests.Pages.Account;

public class ChangePasswordTests
{
    private const string NewPassword = "Brand-New-Horse-7";

    private static Task<HttpResponseMessage> ChangeAsync(HttpClient browser, string current, string next = NewPassword) =>
        Forms.PostAsync(browser, "/Account/ChangePassword", new()
        {
            ["Input.CurrentPassword"] = current,
            ["Input.NewPassword"] = next,
            ["Input.ConfirmPassword"] = next,
        });

    [Fact]
    public async Task ASignedInUserChangesTheirPasswordByGivingTheCurrentOne()
    {
        await using var app = new ProctorWebApplication();
        var ada = await app.SignInAsync(await app.CreateUserAsync("Ada"));

        var response = await ChangeAsync(ada.Browser, ada.User.Password);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        // This browser stays signed in; the new password is the one that works from now on.
        Assert.Contains("Your password is changed.", await ada.Browser.GetStringAsync(response.Headers.Location));
        await app.SignInAsync(ada.User with { Password = NewPassword });
        Assert.Equal("Your ProctorWeb password was changed", app.Mail.SingleTo(ada.User.Email).Subject);
    }

    [Fact]
    public async Task AWrongCurrentPasswordIsRefusedAndNothingChanges()
    {
        await using var app = new ProctorWebApplication();
        var ada = await app.SignInAsync(await app.CreateUserAsync("Ada"));

        var response = await ChangeAsync(ada.Browser, "Not-My-Password-1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(ChangePasswordModel.WrongCurrent, Html.FieldError(await response.Content.ReadAsStringAsync(), "Input.CurrentPassword"));
        await app.SignInAsync(ada.User);
        Assert.Empty(app.Mail.All);
    }

    [Fact]
    public async Task SomeoneNotSignedInIsSentToSignIn()
    {
        await using var app = new ProctorWebApplication();

        var response = await app.CreateBrowser(new CookieContainer()).GetAsync("/Account/ChangePassword");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("http://localhost/Account/Login", response.Headers.Location?.ToString());
    }
}
