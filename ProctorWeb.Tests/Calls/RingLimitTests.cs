using ProctorWeb.Calls;
using ProctorWeb.Tests.Support;

namespace ProctorWeb.Tests.Calls;

public class RingLimitTests
{
    private static ProctorWebApplication AppAllowingRings(int rings) =>
        new(new Dictionary<string, string?> { ["Calls:MaxRingsToOnePerson"] = rings.ToString(System.Globalization.CultureInfo.InvariantCulture) });

    private static async Task RingAndCancelAsync(HubClient caller, HubClient callee)
    {
        var callId = await Lobby.RingAsync(caller, callee);
        await caller.InvokeAsync(nameof(CallHub.Cancel), callId);
        await callee.WaitForCallEndedAsync(callId);
    }

    [Fact]
    public async Task RingingTheSamePersonAgainAndAgainIsRefusedWithAClearMessageEvenAfterAReconnect()
    {
        await using var app = AppAllowingRings(2);
        var mallory = await app.SignInAsync(await app.CreateUserAsync("Mallory"));
        var caller = await app.ConnectAsync(mallory);
        await using var bob = await app.ConnectNewUserAsync("Bob");
        await using var carol = await app.ConnectNewUserAsync("Carol");
        await Lobby.EveryoneSeesEveryoneAsync(caller, bob, carol);

        await RingAndCancelAsync(caller, bob);
        await RingAndCancelAsync(caller, bob);
        // A fresh connection (a reload) must not bring the rings back.
        await caller.DisposeAsync();
        await using var reloaded = await app.ConnectAsync(mallory);
        await reloaded.WaitForOnlineUsersAsync(users => users.StatusOf(bob) == PresenceStatus.Available);
        var third = await reloaded.RingAsync(bob.User.Id);

        Assert.Equal(RingOutcomes.TooOften, third.Outcome);
        Assert.Null(third.CallId);
        Assert.StartsWith("You have rung Bob 2 times without an answer. Try again in", third.Message);
        Assert.Equal(2, bob.ReceivedSoFar<IncomingCall>(nameof(ICallClient.IncomingCall)).Count);
        // Someone else may still be rung.
        Assert.Equal(RingOutcomes.Ringing, (await reloaded.RingAsync(carol.User.Id)).Outcome);
    }

    [Fact]
    public async Task AnAnsweredCallForgivesTheRings()
    {
        await using var app = AppAllowingRings(2);
        await using var alice = await app.ConnectNewUserAsync("Alice");
        await using var bob = await app.ConnectNewUserAsync("Bob");
        await Lobby.EveryoneSeesEveryoneAsync(alice, bob);

        await RingAndCancelAsync(alice, bob);
        var callId = await Lobby.StartCallAsync(alice, bob);
        await alice.InvokeAsync(nameof(CallHub.HangUp), callId);
        await bob.WaitForCallEndedAsync(callId);
        await RingAndCancelAsync(alice, bob);

        Assert.Equal(RingOutcomes.Ringing, (await alice.RingAsync(bob.User.Id)).Outcome);
    }
}
