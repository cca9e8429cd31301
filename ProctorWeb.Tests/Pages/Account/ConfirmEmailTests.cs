using System.Net;
using Microsoft.AspNetCore.Identity;
using ProctorWeb.Data;
using ProctorWeb.Tests.Support;

namespace ProctorWeb.Tests.Pages.Account;

public class ConfirmEmailTests
{
    private const string Unconfirmed = "Confirm your email address first: open the link we sent to it when you registered.";

    private static Dictionary<string, string> Registration(string email, string name = "Ada Lovelace", string password = ProctorWebApplication.Password) => new()
    {
        ["Input.DisplayName"] = name,
        ["Input.Email"] = email,
        ["Input.Password"] = password,
        ["Input.ConfirmPassword"] = password,
        ["Input.Role"] = Roles.Student,
    };

    private static Task<HttpResponseMessage> SignInAsync(HttpClient browser, string email, string password = ProctorWebApplication.Password) =>
        Forms.PostAsync(browser, "/Account/Login", new() { ["Input.Email"] = email, ["Input.Password"] = password });

    [Fact]
    public async Task ANewAccountCannotSignInUntilItsOwnerOpensTheLinkInTheConfirmationMail()
    {
        await using var app = new ProctorWebApplication();
        var browser = app.CreateBrowser(new CookieContainer());
        await Forms.PostAsync(browser, "/Account/Register", Registration("ada@example.test"));

        var before = await SignInAsync(browser, "ada@example.test");
        var refused = await Html.ReadAsync(before);
        var confirm = await browser.GetAsync(app.Mail.SingleTo("ada@example.test").Link("/Account/ConfirmEmail"));
        var after = await SignInAsync(browser, "ada@example.test");

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Contains(Unconfirmed, refused);
        Assert.Contains("Send the confirmation link again", refused);
        Assert.Contains("your email address is confirmed", await Html.ReadAsync(confirm));
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/Calls")).StatusCode);
    }

    [Fact]
    public async Task AnUnconfirmedAccountTriedWithAWrongPasswordGetsTheAnswerOfAnAddressWithNoAccount()
    {
        await using var app = new ProctorWebApplication();
        var browser = app.CreateBrowser(new CookieContainer());
        await Forms.PostAsync(browser, "/Account/Register", Registration("ada@example.test"));

        var wrong = await SignInAsync(browser, "ada@example.test", "Not-Her-Password-1");
        var unknown = await SignInAsync(browser, "nobody@example.test", "Not-Her-Password-1");

        Assert.Equal(await LoginTests.ErrorOfAsync(unknown), await LoginTests.ErrorOfAsync(wrong));
        Assert.DoesNotContain("Send the confirmation link again", await Html.ReadAsync(wrong));
    }

    [Fact]
    public async Task SendAgainMailsAFreshLinkThatConfirmsTheAddress()
    {
        await using var app = new ProctorWebApplication();
        var browser = app.CreateBrowser(new CookieContainer());
        await Forms.PostAsync(browser, "/Account/Register", Registration("ada@example.test"));
        await SignInAsync(browser, "ada@example.test");

        // The button on the refused sign-in posts the address it was given.
        var resent = await Forms.PostAsync(browser, "/Account/ResendConfirmation", new() { ["Input.Email"] = "ada@example.test" });

        Assert.Equal("/Account/CheckEmail", resent.Headers.Location?.OriginalString);
        var mails = app.Mail.To("ada@example.test");
        Assert.Equal(2, mails.Count);
        await browser.GetAsync(mails[1].Link("/Account/ConfirmEmail"));
        Assert.Equal(HttpStatusCode.Redirect, (await SignInAsync(browser, "ada@example.test")).StatusCode);
    }

    [Fact]
    public async Task AConfirmationLinkThatWasEditedConfirmsNothing()
    {
        await using var app = new ProctorWebApplication();
        var browser = app.CreateBrowser(new CookieContainer());
        await Forms.PostAsync(browser, "/Account/Register", Registration("ada@example.test"));
        var link = app.Mail.SingleTo("ada@example.test").Link("/Account/ConfirmEmail");

        var response = await browser.GetAsync(link[..^4] + "AAAA");

        Assert.Contains("This link is not valid", await Html.ReadAsync(response));
        Assert.Contains(Unconfirmed, await Html.ReadAsync(await SignInAsync(browser, "ada@example.test")));
    }

    [Fact]
    public async Task RegisteringAnAddressThatHasAnAccountLooksTheSameAndTellsItsOwner()
    {
        await using var app = new ProctorWebApplication();
        var owner = await app.CreateUserAsync("Ada", Roles.Teacher);
        var browser = app.CreateBrowser(new CookieContainer());

        var taken = await Forms.PostAsync(browser, "/Account/Register", Registration(owner.Email, name: "Mallory", password: "Other-Password-9"));
        var fresh = await Forms.PostAsync(browser, "/Account/Register", Registration("new@example.test"));

        // The same answer, page and all, so the form does not tell who has an account.
        Assert.Equal(fresh.StatusCode, taken.StatusCode);
        Assert.Equal(fresh.Headers.Location, taken.Headers.Location);
        Assert.Equal(await Html.ReadAsync(await browser.GetAsync(fresh.Headers.Location)), await Html.ReadAsync(await browser.GetAsync(taken.Headers.Location)));
        var warning = app.Mail.SingleTo(owner.Email);
        Assert.Equal("Someone tried to register your address at ProctorWeb", warning.Subject);
        Assert.DoesNotContain("/Account/ConfirmEmail", warning.Text);
        // Nothing about the account changed: the owner's name and password still hold.
        Assert.Equal(HttpStatusCode.Redirect, (await SignInAsync(app.CreateBrowser(new CookieContainer()), owner.Email, owner.Password)).StatusCode);
        Assert.Equal("Ada", await app.WithServiceAsync<string, UserManager<AppUser>>(async users => (await users.FindByEmailAsync(owner.Email))!.DisplayName));
    }

    [Fact]
    public async Task AskingForAConfirmationLinkForAnUnknownOrConfirmedAddressLooksTheSameAndSendsNothing()
    {
        await using var app = new ProctorWebApplication();
        var confirmed = await app.CreateUserAsync("Ada", Roles.Teacher);
        var browser = app.CreateBrowser(new CookieContainer());

        var unknown = await Forms.PostAsync(browser, "/Account/ResendConfirmation", new() { ["Input.Email"] = "nobody@example.test" });
        var known = await Forms.PostAsync(browser, "/Account/ResendConfirmation", new() { ["Input.Email"] = confirmed.Email });

        Assert.Equal("/Account/CheckEmail", unknown.Headers.Location?.OriginalString);
        Assert.Equal("/Account/CheckEmail", known.Headers.Location?.OriginalString);
        Assert.Empty(app.Mail.All);
    }
}
