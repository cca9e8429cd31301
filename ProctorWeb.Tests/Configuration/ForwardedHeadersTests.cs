using System.Net;

namespace ProctorWeb.Tests.Configuration;

public class ForwardedHeadersTests
{
    [Theory]
    [InlineData("127.0.0.1", "https")]
    [InlineData("::1", "https")]
    [InlineData("203.0.113.7", "http")]
    public async Task OnlyAProxyOnThisMachineMayTellTheAppTheRequestCameOverHttps(string from, string seenScheme)
    {
        await using var app = new ProctorWebApplication();

        // The sign-in redirect is built from the request's scheme, so it shows what the app believed.
        var context = await app.Server.SendAsync(c =>
        {
            c.Request.Method = "GET";
            c.Request.Path = "/Calls";
            c.Request.Headers["X-Forwarded-Proto"] = "https";
            c.Connection.RemoteIpAddress = IPAddress.Parse(from);
        });

        Assert.Equal((int)HttpStatusCode.Redirect, context.Response.StatusCode);
        Assert.StartsWith($"{seenScheme}://", context.Response.Headers.Location.ToString());
    }
}
