using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using ProctorWeb.Data;
using ProctorWeb.Tests.Support;

namespace ProctorWeb.Tests.Pages.Account;

public class SignInAbuseTests
{
    private const string Throttled = "Too many failed sign-ins from your network.";

    private static Task<HttpResponseMessage> SignInAsync(HttpClient browser, string email, string password, string path = "/Account/Login") =>
        Forms.PostAsync(browser, path, new() { ["Input.Email"] = email, ["Input.Password"] = password });

    private static ProctorWebApplication AppWithFailuresPerAddress(int failures) =>
        new(new Dictionary<string, string?> { ["SignInLimit:FailuresPerAddress"] = failures.ToString(System.Globalization.CultureInfo.InvariantCulture) });

    [Fact]
    public async Task GuessingFromOneAddressIsStoppedWith429AndRetryAfterWhicheverAccountsItTries()
    {
        await using var app = AppWithFailuresPerAddress(3);
        var ada = await app.CreateUserAsync("Ada");
        var stranger = app.CreateBrowser(new CookieContainer());

        // Three guesses at three accounts: none is locked (five per account would be), yet the address is spent.
        foreach (var email in new[] { "one@example.test", "two@example.test", ada.Email })
        {
            Assert.Equal(HttpStatusCode.OK, (await SignInAsync(stranger, email, "Wrong-Password-1")).StatusCode);
        }
        var refused = await SignInAsync(stranger, ada.Email, ada.Password);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero, $"Retry-After was {refused.Headers.RetryAfter}");
        Assert.Contains(Throttled, await Html.ReadAsync(refused));
        Assert.Equal(HttpStatusCode.Redirect, (await stranger.GetAsync("/Calls")).StatusCode);
        // The account itself is not locked: its owner is not punished for the stranger's guesses.
        Assert.False(await app.WithServiceAsync<bool, UserManager<AppUser>>(async users => await users.IsLockedOutAsync((await users.FindByEmailAsync(ada.Email))!)));
    }

    [Fact]
    public async Task SuccessfulSignInsFromOneAddressNeverSpendItsBudget()
    {
        await using var app = AppWithFailuresPerAddress(2);

        // A class signing in together behind one school address.
        for (var i = 0; i < 4; i++)
        {
            await app.SignInAsync(await app.CreateUserAsync($"Student {i}"));
        }
    }

    [Fact]
    public async Task AnUnknownEmailIsCheckedAgainstAPasswordHashAsAKnownOneIs()
    {
        var verified = 0;
        await using var app = new ProctorWebApplication
        {
            ConfigureServices = services => services.AddScoped<IPasswordHasher<AppUser>>(provider =>
                new CountingHasher(ActivatorUtilities.CreateInstance<PasswordHasher<AppUser>>(provider), () => Interlocked.Increment(ref verified))),
        };
        var browser = app.CreateBrowser(new CookieContainer());

        // Without a hash to check, an unknown email answered at once and a known one took the hashing time.
        await SignInAsync(browser, "nobody@example.test", "Whatever-Password-1");

        Assert.Equal(1, verified);
    }

    [Theory]
    [InlineData("/Exams/Über?x=ü", "/Exams/%C3%9Cber?x=%C3%BC")]
    [InlineData("/Exams/考试?名=值", "/Exams/%E8%80%83%E8%AF%95?%E5%90%8D=%E5%80%BC")]
    [InlineData("/Calls?from=link#top", "/Calls?from=link#top")]
    public async Task ANonAsciiReturnUrlIsFollowedAfterSignIn(string returnUrl, string location)
    {
        await using var app = new ProctorWebApplication();
        var ada = await app.CreateUserAsync("Ada");
        var browser = app.CreateBrowser(new CookieContainer());

        var response = await SignInAsync(browser, ada.Email, ada.Password, $"/Account/Login?ReturnUrl={Uri.EscapeDataString(returnUrl)}");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(location, response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task RegisteringAnAddressThatHasAnAccountAnswersExactlyAsForANewOne()
    {
        await using var app = new ProctorWebApplication();
        var ada = await app.CreateUserAsync("Ada");
        static Dictionary<string, string> Form(string email) => new()
        {
            ["Input.DisplayName"] = "Someone Else",
            ["Input.Email"] = email,
            ["Input.Password"] = "Another-Long-Passphrase",
            ["Input.ConfirmPassword"] = "Another-Long-Passphrase",
            ["Input.Role"] = Roles.Student,
        };

        var fresh = await Forms.PostAsync(app.CreateBrowser(new CookieContainer()), "/Account/Register", Form("new@example.test"));
        var taken = await Forms.PostAsync(app.CreateBrowser(new CookieContainer()), "/Account/Register", Form(ada.Email));

        Assert.Equal((fresh.StatusCode, fresh.Headers.Location), (taken.StatusCode, taken.Headers.Location));
        Assert.Equal(await fresh.Content.ReadAsStringAsync(), await taken.Content.ReadAsStringAsync());
        // And the existing account is untouched: same name, same password.
        var name = await app.WithServiceAsync<string, UserManager<AppUser>>(async users => (await users.FindByEmailAsync(ada.Email))!.DisplayName);
        Assert.Equal("Ada", name);
        await app.SignInAsync(ada);
    }

    private sealed class CountingHasher(IPasswordHasher<AppUser> inner, Action verified) : IPasswordHasher<AppUser>
    {
        public string HashPassword(AppUser user, string password) => inner.HashPassword(user, password);

        public PasswordVerificationResult VerifyHashedPassword(AppUser user, string hashedPassword, string providedPassword)
        {
            verified();
            return inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }
}
