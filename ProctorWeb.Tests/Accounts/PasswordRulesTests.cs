using System.Net;
using Microsoft.AspNetCore.Identity;
using ProctorWeb.Accounts;
using ProctorWeb.Data;
using ProctorWeb.Tests.Support;

namespace ProctorWeb.Tests.Accounts;

public class PasswordRulesTests
{
    private static Dictionary<string, string> Form(string email, string password) => new()
    {
        ["Input.DisplayName"] = "Ada Lovelace",
        ["Input.Email"] = email,
        ["Input.Password"] = password,
        ["Input.ConfirmPassword"] = password,
        ["Input.Role"] = Roles.Student,
    };

    private static async Task<(HttpResponseMessage Response, bool Created)> RegisterAsync(string password)
    {
        await using var app = new ProctorWebApplication();
        var response = await Forms.PostAsync(app.CreateBrowser(new CookieContainer()), "/Account/Register", Form("ada@example.test", password));
        var created = await app.WithServiceAsync<bool, UserManager<AppUser>>(async users => await users.FindByEmailAsync("ada@example.test") is not null);
        return (response, created);
    }

    [Theory]
    [InlineData("correct horse battery")]   // no digit, capital or symbol: length is what counts
    [InlineData("ÜBERGRÖSSENTRÄGER")]
    [InlineData("二〇二六年十一月の試験です")]
    public async Task ALongPasswordNeedsNoDigitsCapitalsOrSymbols(string password)
    {
        var (response, created) = await RegisterAsync(password);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.True(created);
    }

    [Fact]
    public async Task APasswordShorterThanTwelveCharactersIsRefusedWithAClearMessage()
    {
        var (response, created) = await RegisterAsync("Elevenchars");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(CommonPasswordValidator.TooShort, Html.FieldError(await response.Content.ReadAsStringAsync(), "Input.Password"));
        Assert.False(created);
    }

    [Theory]
    [InlineData("1qaz2wsx3edc")]        // on the list as it is
    [InlineData("QwertyUIOP123")]       // on the list, in other case, with digits added
    [InlineData("password12345678")]
    [InlineData("!!!dragon2024!!!")]
    [InlineData("aaaaaaaaaaaaaaa")]
    public async Task ACommonPasswordIsRefusedWithAClearMessage(string password)
    {
        var (response, created) = await RegisterAsync(password);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(CommonPasswordValidator.TooCommon, Html.FieldError(await Html.ReadAsync(response), "Input.Password"));
        Assert.False(created);
    }

    [Theory]
    [InlineData(ProctorWebApplication.Password)]
    [InlineData("Correct-horse-9")]       // the browser tests' and the bench's password
    [InlineData("dragon-tea-window-7")]   // a common word inside a longer passphrase is fine
    [InlineData("password manager 2026 notes")]
    public void PasswordsTheTestsAndPeopleUseAreNotCommon(string password)
    {
        Assert.False(CommonPasswordValidator.IsCommon(password));
    }
}
