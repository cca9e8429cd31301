using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ProctorWeb.Media;
using ProctorWeb.Tests.Support;

namespace ProctorWeb.Tests.Media;

public class IceServerOptionsTests
{
    [Fact]
    public async Task NoIceServersAreConfiguredByDefaultSoNoThirdPartyIsContacted()
    {
        await using var app = new ProctorWebApplication();
        var ada = await app.SignInAsync(await app.CreateUserAsync("Ada"));

        var servers = app.Services.GetRequiredService<IOptions<IceServerOptions>>().Value.Servers;
        var html = await ada.Browser.GetStringAsync("/Calls");

        Assert.Empty(servers);
        Assert.Contains("data-ice-servers=\"[]\"", html);
    }

    [Fact]
    public async Task AConfiguredIceServerIsHandedToTheBrowser()
    {
        await using var app = new ProctorWebApplication(new Dictionary<string, string?>
        {
            ["IceServers:0:Urls:0"] = "turn:127.0.0.1:3478",
            ["IceServers:0:Username"] = "exam",
            ["IceServers:0:Credential"] = "secret",
        });
        var ada = await app.SignInAsync(await app.CreateUserAsync("Ada"));

        var html = await ada.Browser.GetStringAsync("/Calls");

        // The attribute is HTML-encoded JSON shaped like RTCIceServer[].
        Assert.Contains("data-ice-servers=\"[{&quot;urls&quot;:[&quot;turn:127.0.0.1:3478&quot;],&quot;username&quot;:&quot;exam&quot;,&quot;credential&quot;:&quot;secret&quot;}]\"", html);
    }

    [Fact]
    public async Task AnIceServerThatIsNotStunOrTurnStopsTheAppFromStarting()
    {
        await using var app = new ProctorWebApplication(new Dictionary<string, string?> { ["IceServers:0:Urls:0"] = "http://x" });

        var error = StartupFailure.Of(app);

        Assert.Contains("'http://x' must start with stun:, turn: or turns:", error.Message);
    }

    [Fact]
    public async Task AnIceServerWithoutUrlsStopsTheAppFromStarting()
    {
        await using var app = new ProctorWebApplication(new Dictionary<string, string?> { ["IceServers:0:Username"] = "exam" });

        var error = StartupFailure.Of(app);

        Assert.Contains("IceServers[0] needs at least one URL", error.Message);
    }
}
