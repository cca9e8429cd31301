using System.Net;
using Microsoft.AspNetCore.SignalR;
using ProctorWeb.Calls;
using ProctorWeb.Tests.Support;

namespace ProctorWeb.Tests.Calls;

public class PresenceTests
{
    [Fact]
    public async Task TheLobbyListsEveryoneConnectedAsAvailable()
    {
        await using var scene = await ThreeCallers.StartAsync();

        // The scene waited for everyone to see everyone; nobody has come or gone since.
        var seenByBob = scene.Bob.ReceivedSoFar<IReadOnlyList<OnlineUser>>(nameof(ICallClient.OnlineUsers))[^1];

        Assert.Equal(["Alice", "Bob", "Carol"], seenByBob.Select(u => u.Name));
        Assert.Equal([scene.Alice.User.Id, scene.Bob.User.Id, scene.Carol.User.Id], seenByBob.Select(u => u.Id));
        Assert.All(seenByBob, u => Assert.Equal(PresenceStatus.Available, u.Status));
    }

    [Fact]
    public async Task SomeoneWhoDisconnectsLeavesTheListWithoutAGhost()
    {
        await using var scene = await ThreeCallers.StartAsync();

        await scene.Bob.DisposeAsync();

        var users = await scene.Alice.WaitForOnlineUsersAsync(users => users.All(u => u.Id != scene.Bob.User.Id));
        Assert.Equal([scene.Alice.User.Id, scene.Carol.User.Id], users.Select(u => u.Id));
    }

    [Fact]
    public async Task ASecondTabOfTheSameUserReplacesTheFirstAndTheListShowsThemOnce()
    {
        await using var scene = await ThreeCallers.StartAsync();

        var secondTab = await scene.OpenTabAsync(scene.Alice);

        await scene.Alice.WaitForAsync(nameof(ICallClient.SessionReplaced));
        // The replacement's own presence list is the first one sent after it joined.
        var users = await secondTab.WaitForOnlineUsersAsync(users => users.Any(u => u.Id == scene.Alice.User.Id));
        Assert.Single(users, u => u.Id == scene.Alice.User.Id);
        Assert.Equal(3, users.Count);
    }

    [Fact]
    public async Task AReplacedTabCanNoLongerUseTheHub()
    {
        await using var scene = await ThreeCallers.StartAsync();
        var secondTab = await scene.OpenTabAsync(scene.Alice);
        await scene.Alice.WaitForAsync(nameof(ICallClient.SessionReplaced));

        var refused = await Assert.ThrowsAsync<HubException>(() => scene.Alice.RingAsync(scene.Bob.User.Id));

        Assert.Contains("another tab took over", refused.Message);
        // The tab that took over is the one that works.
        await Lobby.RingAsync(secondTab, scene.Bob);
    }

    [Fact]
    public async Task TheHubRefusesAnAnonymousConnection()
    {
        await using var app = new ProctorWebApplication();

        var atNegotiation = await Assert.ThrowsAsync<HttpRequestException>(() => app.ConnectAsync(HubAddress.Calls, new CookieContainer(), TestUser.Anonymous));
        // A client may skip negotiation and go straight to the WebSocket: the upgrade is refused just the same.
        var atUpgrade = await Assert.ThrowsAnyAsync<Exception>(() => HubClient.ConnectAsync(app.Server, HubAddress.Calls, new CookieContainer(), TestUser.Anonymous, skipNegotiation: true));

        Assert.Equal(HttpStatusCode.Unauthorized, atNegotiation.StatusCode);
        // TestServer reports a refused upgrade as "Incomplete handshake, status code: N".
        Assert.Contains("status code: 401", atUpgrade.ToString());
    }
}
