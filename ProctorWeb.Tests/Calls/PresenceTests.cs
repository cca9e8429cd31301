using System.Net;
using ProctorWeb.Data;
using ProctorWeb.Tests.Support;

namespace ProctorWeb.Tests.Calls;

public class PresenceTests
{
    [Fact]
    public async Task TheLobbyListsEveryoneConnectedAsAvailable()
    {
        await using var app = new ProctorWebApplication();
        await using var alice = await app.ConnectNewUserAsync("Alice", Roles.Teacher);
        await using var bob = await app.ConnectNewUserAsync("Bob");
        await using var carol = await app.ConnectNewUserAsync("Carol");

        var seenByBob = await bob.WaitForOnlineUsersAsync(users => users.Count == 3);

        Assert.Equal(["Alice", "Bob", "Carol"], seenByBob.Select(u => u.Name));
        Assert.Equal([alice.User.Id, bob.User.Id, carol.User.Id], seenByBob.Select(u => u.Id));
        Assert.All(seenByBob, u => Assert.Equal("available", u.Status));
    }

    [Fact]
    public async Task SomeoneWhoDisconnectsLeavesTheListWithoutAGhost()
    {
        await using var app = new ProctorWebApplication();
        await using var alice = await app.ConnectNewUserAsync("Alice");
        var bob = await app.ConnectNewUserAsync("Bob");
        await Lobby.EveryoneSeesEveryoneAsync(alice, bob);

        await bob.DisposeAsync();

        var users = await alice.WaitForOnlineUsersAsync(users => users.All(u => u.Id != bob.User.Id));
        Assert.Equal([alice.User.Id], users.Select(u => u.Id));
    }

    [Fact]
    public async Task ASecondTabOfTheSameUserReplacesTheFirstAndTheListShowsThemOnce()
    {
        await using var app = new ProctorWebApplication();
        var alice = await app.SignInAsync(await app.CreateUserAsync("Alice"));
        await using var firstTab = await app.ConnectAsync(alice);
        await using var bob = await app.ConnectNewUserAsync("Bob");
        await Lobby.EveryoneSeesEveryoneAsync(firstTab, bob);

        await using var secondTab = await app.ConnectAsync(alice);

        await firstTab.WaitForAsync("SessionReplaced");
        // The replacement's own presence list is the first one sent after it joined.
        var users = await secondTab.WaitForOnlineUsersAsync(users => users.Any(u => u.Id == alice.User.Id));
        Assert.Single(users, u => u.Id == alice.User.Id);
        Assert.Equal(2, users.Count);
    }

    [Fact]
    public async Task AReplacedTabCanNoLongerUseTheHub()
    {
        await using var app = new ProctorWebApplication();
        var alice = await app.SignInAsync(await app.CreateUserAsync("Alice"));
        await using var firstTab = await app.ConnectAsync(alice);
        await using var bob = await app.ConnectNewUserAsync("Bob");
        await Lobby.EveryoneSeesEveryoneAsync(firstTab, bob);
        await using var secondTab = await app.ConnectAsync(alice);
        await firstTab.WaitForAsync("SessionReplaced");

        var refused = await Assert.ThrowsAsync<HubErrorException>(() => firstTab.InvokeAsync("Ring", bob.User.Id));

        Assert.Contains("another tab took over", refused.Message);
        // The tab that took over is the one that works.
        await Lobby.RingAsync(secondTab, bob);
    }

    [Fact]
    public async Task TheHubRefusesAnAnonymousConnection()
    {
        await using var app = new ProctorWebApplication();

        var refused = await Assert.ThrowsAnyAsync<Exception>(() => HubTestClient.OpenSocketAsync(app, new CookieContainer()));

        // TestServer reports a refused upgrade as "Incomplete handshake, status code: N".
        Assert.Contains("status code: 401", refused.Message);
    }
}
