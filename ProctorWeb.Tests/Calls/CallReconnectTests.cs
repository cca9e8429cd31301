using ProctorWeb.Tests.Support;

namespace ProctorWeb.Tests.Calls;

public class CallReconnectTests
{
    private static ProctorWebApplication App() => new(new Dictionary<string, string?> { ["Calls:ReconnectGraceSeconds"] = "2" });

    [Fact]
    public async Task ADroppedConnectionThatComesBackInTimeKeepsTheCallAndItsSignaling()
    {
        await using var app = App();
        var alice = await app.SignInAsync(await app.CreateUserAsync("Alice"));
        var bob = await app.SignInAsync(await app.CreateUserAsync("Bob"));
        await using var aliceTab = await app.ConnectAsync(alice);
        var bobTab = await app.ConnectAsync(bob);
        await Lobby.EveryoneSeesEveryoneAsync(aliceTab, bobTab);
        var callId = await Lobby.StartCallAsync(aliceTab, bobTab);

        await bobTab.DropAsync();
        var dropped = await aliceTab.WaitForAsync("PeerConnectionChanged");
        Assert.Equal((callId, false), (dropped[0].GetString(), dropped[1].GetBoolean()));

        await using var bobBack = await app.ConnectAsync(bob);
        var back = await aliceTab.WaitForAsync("PeerConnectionChanged", a => a[1].GetBoolean());
        Assert.Equal(callId, back[0].GetString());
        Assert.True(await bobBack.InvokeAsync<bool>("Resume", callId));
        await aliceTab.InvokeAsync("Signal", bob.User.Id, Proctoring.Offer("after the gap"));
        Assert.Equal("v=0 after the gap", (await bobBack.WaitForAsync("Signal")).Sdp());
        await bobTab.DisposeAsync();
    }

    [Fact]
    public async Task AConnectionThatStaysAwayPastTheGraceEndsTheCall()
    {
        await using var app = App();
        var alice = await app.SignInAsync(await app.CreateUserAsync("Alice"));
        var bob = await app.SignInAsync(await app.CreateUserAsync("Bob"));
        await using var aliceTab = await app.ConnectAsync(alice);
        var bobTab = await app.ConnectAsync(bob);
        await Lobby.EveryoneSeesEveryoneAsync(aliceTab, bobTab);
        var callId = await Lobby.StartCallAsync(aliceTab, bobTab);

        await bobTab.DropAsync();

        Assert.Equal("peer-left", (await aliceTab.WaitForCallEndedAsync(callId, TimeSpan.FromSeconds(10))).Reason());
        await aliceTab.WaitForOnlineUsersAsync(users => users.StatusOf(bobTab) is null && users.StatusOf(aliceTab) == "available");
        await using var bobBack = await app.ConnectAsync(bob);
        Assert.False(await bobBack.InvokeAsync<bool>("Resume", callId));
        await bobTab.DisposeAsync();
    }

    [Fact]
    public async Task ClosingTheTabEndsTheCallAtOnceWithoutWaiting()
    {
        await using var app = App();
        var alice = await app.SignInAsync(await app.CreateUserAsync("Alice"));
        await using var aliceTab = await app.ConnectAsync(alice);
        var bobTab = await app.ConnectNewUserAsync("Bob");
        await Lobby.EveryoneSeesEveryoneAsync(aliceTab, bobTab);
        var callId = await Lobby.StartCallAsync(aliceTab, bobTab);

        await bobTab.DisposeAsync();

        Assert.Equal("peer-left", (await aliceTab.WaitForCallEndedAsync(callId)).Reason());
        Assert.Empty(aliceTab.ReceivedSoFar("PeerConnectionChanged"));
    }
}
