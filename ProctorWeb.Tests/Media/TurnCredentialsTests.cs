using System.Globalization;
using System.Net;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ProctorWeb.Exams;
using ProctorWeb.Media;
using ProctorWeb.Tests.Support;

namespace ProctorWeb.Tests.Media;

public partial class TurnCredentialsTests
{
    private const string Secret = "test-turn-secret-1f0c9a";
    private const string TurnUrl = "turn:127.0.0.1:3478";

    private static Dictionary<string, string?> TurnSettings(int lifetimeMinutes = 60) => new()
    {
        ["Turn:Urls:0"] = TurnUrl,
        ["Turn:SharedSecret"] = Secret,
        ["Turn:CredentialLifetimeMinutes"] = lifetimeMinutes.ToString(CultureInfo.InvariantCulture),
    };

    [Fact]
    public void TheUsernameIsExpiryColonIdAndTheCredentialIsItsBase64HmacSha1()
    {
        // Expected values from `echo -n "1700000000:ada" | openssl dgst -sha1 -hmac s3cret -binary | base64`.
        var clock = new ManualClock(DateTimeOffset.FromUnixTimeSeconds(1_700_000_000 - 60 * 60));
        var turn = new TurnCredentials(Options.Create(new TurnOptions { Urls = [TurnUrl], SharedSecret = "s3cret", CredentialLifetimeMinutes = 60 }), clock);

        var server = turn.For("ada");

        Assert.NotNull(server);
        Assert.Equal([TurnUrl], server.Urls);
        Assert.Equal("1700000000:ada", server.Username);
        Assert.Equal("yC+x5OTFzkPMvyC+iVIolM46yuE=", server.Credential);
    }

    [Fact]
    public void WithoutASharedSecretThereIsNoTurnEntry()
    {
        var turn = new TurnCredentials(Options.Create(new TurnOptions()), TimeProvider.System);

        Assert.Null(turn.For("ada"));
    }

    [Fact]
    public async Task ASignedInUserGetsCredentialsInTheirNameThatExpireAfterTheLifetime()
    {
        await using var app = new ProctorWebApplication(TurnSettings(lifetimeMinutes: 45));
        var ada = await app.SignInAsync(await app.CreateUserAsync("Ada"));

        var before = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var html = await ada.Browser.GetStringAsync("/Calls");
        var after = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

        var relay = Assert.Single(IceServersOf(html));
        AssertSignedCredentials(relay, ada.User.Id);
        var expiry = long.Parse(relay.Username!.Split(':')[0], CultureInfo.InvariantCulture);
        Assert.InRange(expiry, before + 45 * 60, after + 45 * 60);
    }

    [Fact]
    public async Task AProctorAndAStudentGetCredentialsOnTheirExamPagesAndNoPageShowsTheSecret()
    {
        await using var app = new ProctorWebApplication(TurnSettings());
        var tess = await app.SignInNewTeacherAsync("Tess");
        var examId = await app.CreateExamAsync(tess.User, TimeSpan.FromMinutes(-1));
        var ada = await app.InviteAsync(examId, "Ada");
        var student = app.CreateBrowser(await app.RedeemAsync(ada));

        var monitor = await tess.Browser.GetStringAsync($"/Exams/{examId}/Monitor");
        var room = await student.GetStringAsync("/Join/Room");
        var calls = await tess.Browser.GetStringAsync("/Calls");

        AssertSignedCredentials(Assert.Single(IceServersOf(monitor)), tess.User.Id);
        AssertSignedCredentials(Assert.Single(IceServersOf(room)), $"student-{ada.RosterId}");
        foreach (var html in new[] { monitor, room, calls })
        {
            Assert.DoesNotContain(Secret, html);
            Assert.DoesNotContain(Secret, WebUtility.HtmlDecode(html));
        }
    }

    [Fact]
    public async Task ConfiguredIceServersComeFirstAndTheTurnEntryIsAdded()
    {
        var settings = TurnSettings();
        settings["IceServers:0:Urls:0"] = "stun:127.0.0.1:3478";
        await using var app = new ProctorWebApplication(settings);
        var ada = await app.SignInAsync(await app.CreateUserAsync("Ada"));

        var servers = IceServersOf(await ada.Browser.GetStringAsync("/Calls"));

        Assert.Equal(2, servers.Count);
        Assert.Equal(["stun:127.0.0.1:3478"], servers[0].Urls);
        AssertSignedCredentials(servers[1], ada.User.Id);
    }

    [Fact]
    public async Task WithoutASecretThePagesCarryNoTurnEntryAndTheDefaultPolicy()
    {
        await using var app = new ProctorWebApplication();
        var ada = await app.SignInAsync(await app.CreateUserAsync("Ada"));

        var html = await ada.Browser.GetStringAsync("/Calls");

        Assert.Empty(IceServersOf(html));
        Assert.Contains("data-ice-transport-policy=\"all\"", html);
    }

    [Fact]
    public async Task AnAnonymousVisitorGetsNoCredentials()
    {
        await using var app = new ProctorWebApplication(TurnSettings());
        var factory = app.Services.GetRequiredService<PeerSettingsFactory>();

        var settings = factory.ForAccount(new ClaimsPrincipal(new ClaimsIdentity()));
        var calls = await app.CreateBrowser(new CookieContainer()).GetAsync("/Calls");
        var room = await app.CreateBrowser(new CookieContainer()).GetAsync("/Join/Room");

        Assert.Equal("[]", settings.IceServersJson);
        Assert.Equal(HttpStatusCode.Redirect, calls.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, room.StatusCode);
        Assert.DoesNotContain("data-ice-servers", await calls.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AStudentWhoseLinkDoesNotOpenTheExamNowGetsNoRelayCredentials()
    {
        await using var app = new ProctorWebApplication(TurnSettings());
        var tess = await app.SignInNewTeacherAsync("Tess");
        var later = await app.CreateExamAsync(tess.User, TimeSpan.FromHours(3));
        var now = await app.CreateExamAsync(tess.User, TimeSpan.FromMinutes(-1));
        var early = await app.InviteAsync(later, "Ada");
        var removed = await app.InviteAsync(now, "Bob");
        var bobsCookies = await app.RedeemAsync(removed);
        var bob = app.CreateBrowser(bobsCookies);
        await app.WithServiceAsync<bool, RosterService>(roster => roster.RemoveAsync(now, removed.RosterId));

        var roomOfRemoved = await bob.GetAsync("/Join/Room");
        var settings = await app.WithServiceAsync<Dictionary<string, string>, InvitationCheck>(async check => new()
        {
            ["not open yet"] = app.Services.GetRequiredService<PeerSettingsFactory>().ForStudent(await check.ByIdAsync(early.RosterId)).IceServersJson,
            ["removed"] = app.Services.GetRequiredService<PeerSettingsFactory>().ForStudent(await check.ByIdAsync(removed.RosterId)).IceServersJson,
        });

        Assert.Equal(HttpStatusCode.Forbidden, roomOfRemoved.StatusCode);
        Assert.DoesNotContain("data-ice-servers", await roomOfRemoved.Content.ReadAsStringAsync());
        Assert.All(settings, s => Assert.True(s.Value == "[]", $"A student whose link is {s.Key} got {s.Value}"));
    }

    [Fact]
    public async Task AnInvitationIsNoAccountAndAPageThatIsNotTheProctorsGetsNoCredentials()
    {
        await using var app = new ProctorWebApplication(TurnSettings());
        var tess = await app.SignInNewTeacherAsync("Tess");
        var other = await app.SignInNewTeacherAsync("Otto");
        var examId = await app.CreateExamAsync(tess.User, TimeSpan.FromMinutes(-1));
        var factory = app.Services.GetRequiredService<PeerSettingsFactory>();

        var invitationOnly = factory.ForAccount(InvitationAuth.Principal(1, "Ada"));
        var notTheProctors = await other.Browser.GetAsync($"/Exams/{examId}/Monitor");

        Assert.Equal("[]", invitationOnly.IceServersJson);
        Assert.Equal(HttpStatusCode.NotFound, notTheProctors.StatusCode);
        Assert.DoesNotContain("data-ice-servers", await notTheProctors.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task TheRelayOnlyPolicyReachesThePage()
    {
        var settings = TurnSettings();
        settings["Media:IceTransportPolicy"] = "relay";
        await using var app = new ProctorWebApplication(settings);
        var ada = await app.SignInAsync(await app.CreateUserAsync("Ada"));

        var html = await ada.Browser.GetStringAsync("/Calls");

        Assert.Contains("data-ice-transport-policy=\"relay\"", html);
    }

    [Theory]
    [InlineData("Turn:SharedSecret", "s3cret", "Turn:SharedSecret is set but Turn:Urls is empty")]
    [InlineData("Turn:Urls:0", TurnUrl, "Turn:Urls is set but Turn:SharedSecret is empty")]
    [InlineData("Media:IceTransportPolicy", "public", "Media:IceTransportPolicy must be \"all\" or \"relay\"")]
    [InlineData("Media:IceTransportPolicy", "relay", "no TURN server is configured")]
    public async Task IncompleteRelaySettingsStopTheAppFromStarting(string key, string value, string message)
    {
        await using var app = new ProctorWebApplication(new Dictionary<string, string?> { [key] = value });

        var error = StartupFailure.Of(app);

        Assert.Contains(message, error.Message);
    }

    [Fact]
    public async Task ATurnUrlThatIsNotTurnStopsTheAppFromStarting()
    {
        var settings = TurnSettings();
        settings["Turn:Urls:0"] = "stun:127.0.0.1:3478";
        await using var app = new ProctorWebApplication(settings);

        var error = StartupFailure.Of(app);

        Assert.Contains("'stun:127.0.0.1:3478' must start with turn: or turns:", error.Message);
    }

    /// <summary>Checks the entry against the TURN REST scheme, with the HMAC computed here rather than by the app.</summary>
    private static void AssertSignedCredentials(IceServer relay, string id)
    {
        Assert.Equal([TurnUrl], relay.Urls);
        Assert.Matches($"^[0-9]+:{Regex.Escape(id)}$", relay.Username);
        using var hmac = new HMACSHA1(Encoding.UTF8.GetBytes(Secret));
        Assert.Equal(Convert.ToBase64String(hmac.ComputeHash(Encoding.UTF8.GetBytes(relay.Username!))), relay.Credential);
    }

    private static List<IceServer> IceServersOf(string html)
    {
        var match = IceServersAttribute().Match(html);
        Assert.True(match.Success, "The page has no data-ice-servers attribute.");
        return JsonSerializer.Deserialize<List<IceServer>>(WebUtility.HtmlDecode(match.Groups[1].Value), BrowserJson.Web)!;
    }

    [GeneratedRegex("data-ice-servers=\"([^\"]*)\"")]
    private static partial Regex IceServersAttribute();
}
