using System.Net;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using ProctorWeb.Exams;
using ProctorWeb.Security;
using ProctorWeb.Tests.Support;

namespace ProctorWeb.Tests.Security;

/// <summary>
/// Another site's page may open a WebSocket to ours and the browser sends our cookies with it: the hubs answer only
/// their own origin (or one configured), and clients that are no browser (no Origin at all) as before.
/// </summary>
public class HubOriginTests
{
    private const string OwnOrigin = "http://localhost";
    private const string OtherSite = "https://exams.example.org.attacker.test";

    [Theory]
    [InlineData("/hubs/exams")]
    [InlineData("/hubs/calls")]
    public async Task ACrossOriginNegotiateWithAProctorsCookieIsRefusedAndTheSameOriginIsAnswered(string hub)
    {
        await using var app = new ProctorWebApplication();
        var tess = await app.SignInNewTeacherAsync("Tess");

        var foreign = await NegotiateAsync(app, tess.Cookies, hub, OtherSite);
        var same = await NegotiateAsync(app, tess.Cookies, hub, OwnOrigin);
        var opaque = await NegotiateAsync(app, tess.Cookies, hub, "null");

        Assert.Equal(HttpStatusCode.Forbidden, foreign.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, opaque.StatusCode);
        Assert.Equal(HttpStatusCode.OK, same.StatusCode);
        Assert.Contains("connectionToken", await same.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ACrossOriginWebSocketHandshakeWithAProctorsCookieIsRefused()
    {
        await using var app = new ProctorWebApplication();
        var tess = await app.SignInNewTeacherAsync("Tess");
        var examId = await app.CreateExamAsync(tess.User, TimeSpan.FromMinutes(-1));

        // Straight to the WebSocket, as a page may: SignalR accepts it without a negotiate first.
        var refused = await Assert.ThrowsAnyAsync<Exception>(() =>
            HubClient.ConnectAsync(app.Server, HubAddress.Exams, tess.Cookies, tess.User, skipNegotiation: true, origin: OtherSite));
        await using var sameOrigin = await HubClient.ConnectAsync(app.Server, HubAddress.Exams, tess.Cookies, tess.User, skipNegotiation: true, origin: OwnOrigin);

        Assert.Contains("403", refused.Message);
        Assert.Equal(examId, (await sameOrigin.WatchAsync(examId)).ExamId);
        Assert.Contains(app.Logs.Entries, e => e.Message.Contains($"Refused a hub request from origin {OtherSite}"));
    }

    [Fact]
    public async Task ThePagesOwnOriginAConfiguredOneAndAClientWithoutOriginAllConnect()
    {
        const string proxied = "https://exams.example.org";
        await using var app = new ProctorWebApplication(new Dictionary<string, string?> { ["Security:AllowedOrigins:0"] = proxied + "/" });
        var tess = await app.SignInNewTeacherAsync("Tess");
        var examId = await app.CreateExamAsync(tess.User, TimeSpan.FromMinutes(-1));

        foreach (var origin in new[] { OwnOrigin, "HTTP://LOCALHOST:80", proxied, null })
        {
            await using var monitor = await HubClient.ConnectAsync(app.Server, HubAddress.Exams, tess.Cookies, tess.User, origin: origin);
            Assert.Equal(examId, (await monitor.WatchAsync(examId)).ExamId);
        }
        Assert.Equal(HttpStatusCode.Forbidden, (await NegotiateAsync(app, tess.Cookies, ExamHub.Path, "https://other.example.org")).StatusCode);
    }

    [Theory]
    [InlineData("exams.example.org")]
    [InlineData("https://exams.example.org/path")]
    [InlineData("ftp://exams.example.org")]
    [InlineData("null")]
    public async Task AnAllowedOriginThatIsNoOriginStopsTheAppFromStarting(string value)
    {
        await using var app = new ProctorWebApplication(new Dictionary<string, string?> { ["Security:AllowedOrigins:0"] = value });

        var error = StartupFailure.Of(app);

        Assert.Contains($"Security:AllowedOrigins '{value}' must be an origin", error.Message);
    }

    [Fact]
    public void OriginsCompareBySchemeHostAndPortWithDefaultPortsLeftOut()
    {
        Assert.Equal("https://exams.example.org", HubOrigins.Normalize("HTTPS://Exams.Example.org:443"));
        Assert.Equal("http://localhost:5080", HubOrigins.Normalize("http://localhost:5080"));
        Assert.Null(HubOrigins.Normalize("null"));
        Assert.Null(HubOrigins.Normalize("https://user@exams.example.org"));
    }

    private static Task<HttpResponseMessage> NegotiateAsync(ProctorWebApplication app, CookieContainer cookies, string hub, string origin)
    {
        var browser = app.CreateDefaultClient(ProctorWebApplication.BaseUri, new CookieContainerHandler(cookies));
        var request = new HttpRequestMessage(HttpMethod.Post, $"{hub}/negotiate?negotiateVersion=1");
        request.Headers.Add("Origin", origin);
        return browser.SendAsync(request);
    }
}
