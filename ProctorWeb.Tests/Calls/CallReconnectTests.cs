using ProctorWeb.Calls;
using ProctorWeb.Tests.Support;

namespace ProctorWeb.Tests.Calls;

public class CallReconnectTests
{
    private static Task<ThreeCallers> StartAsync() => ThreeCallers.StartAsync(new Dictionary<string, string?> { ["Calls:ReconnectGraceSeconds"] = "2" });

    private static IReadOnlyList<(string CallId, bool Connected)> PeerChangesSoFar(HubClient client) =>
        client.ReceivedSoFar<(string, bool)>(nameof(ICallClient.PeerConnectionChanged));

    [Fact]
    public async Task ADroppedConnectionThatComesBackInTimeKeepsTheCallAndItsSignaling()
    {
        await using var scene = await StartAsync();
        var (alice, bob) = (scene.Alice, scene.Bob);
        var callId = await Lobby.StartCallAsync(alice, bob);

        await bob.DropAsync();
        var dropped = await alice.WaitForAsync<(string CallId, bool Connected)>(nameof(ICallClient.PeerConnectionChanged));
        Assert.Equal((callId, false), dropped);

        var bobBack = await scene.OpenTabAsync(bob);
        var back = await alice.WaitForAsync<(string CallId, bool Connected)>(nameof(ICallClient.PeerConnectionChanged), change => change.Connected);
        Assert.Equal(callId, back.CallId);
        Assert.True(await bobBack.InvokeAsync<bool>(nameof(CallHub.Resume), callId));
        await alice.SignalAsync(bob.User.Id, Signals.Offer("after the gap"));
        Assert.Equal("v=0 after the gap", (await bobBack.WaitForSignalAsync()).Message.Sdp);
    }

    [Fact]
    public async Task AConnectionThatStaysAwayPastTheGraceEndsTheCall()
    {
        await using var scene = await StartAsync();
        var (alice, bob) = (scene.Alice, scene.Bob);
        var callId = await Lobby.StartCallAsync(alice, bob);

        await bob.DropAsync();

        Assert.Equal(CallEndReasons.PeerLeft, (await alice.WaitForCallEndedAsync(callId, TimeSpan.FromSeconds(10))).Reason);
        await alice.WaitForOnlineUsersAsync(users => users.StatusOf(bob) is null && users.StatusOf(alice) == PresenceStatus.Available);
        var bobBack = await scene.OpenTabAsync(bob);
        Assert.False(await bobBack.InvokeAsync<bool>(nameof(CallHub.Resume), callId));
    }

    [Fact]
    public async Task ClosingTheTabEndsTheCallAtOnceWithoutWaiting()
    {
        await using var scene = await StartAsync();
        var (alice, bob) = (scene.Alice, scene.Bob);
        var callId = await Lobby.StartCallAsync(alice, bob);

        await bob.DisposeAsync();

        Assert.Equal(CallEndReasons.PeerLeft, (await alice.WaitForCallEndedAsync(callId)).Reason);
        Assert.Empty(PeerChangesSoFar(alice));
    }
}
