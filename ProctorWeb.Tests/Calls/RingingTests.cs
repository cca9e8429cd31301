using Microsoft.AspNetCore.SignalR;
using ProctorWeb.Calls;
using ProctorWeb.Tests.Support;

namespace ProctorWeb.Tests.Calls;

public class RingingTests
{
    [Fact]
    public async Task RingingSomeoneShowsThemTheCallersIdAndName()
    {
        await using var scene = await ThreeCallers.StartAsync();
        var (alice, bob) = (scene.Alice, scene.Bob);

        var result = await alice.RingAsync(bob.User.Id);

        Assert.Equal(RingOutcomes.Ringing, result.Outcome);
        var incoming = await bob.WaitForAsync<IncomingCall>(nameof(ICallClient.IncomingCall));
        Assert.Equal(result.CallId, incoming.CallId);
        Assert.Equal(new CallParty(alice.User.Id, "Alice"), incoming.Caller);
    }

    [Fact]
    public async Task AcceptingStartsTheCallWithTheCalleePoliteAndBothShownInCall()
    {
        await using var scene = await ThreeCallers.StartAsync();
        var (alice, bob) = (scene.Alice, scene.Bob);
        var callId = await Lobby.RingAsync(alice, bob);

        await bob.InvokeAsync(nameof(CallHub.Accept), callId);

        var toCaller = await alice.WaitForAsync<CallStarted>(nameof(ICallClient.CallStarted));
        var toCallee = await bob.WaitForAsync<CallStarted>(nameof(ICallClient.CallStarted));
        Assert.Equal(callId, toCaller.CallId);
        Assert.Equal(callId, toCallee.CallId);
        Assert.Equal(bob.User.Id, toCaller.Peer.Id);
        Assert.Equal(alice.User.Id, toCallee.Peer.Id);
        // Exactly one side is polite, or perfect negotiation cannot settle an offer collision.
        Assert.False(toCaller.Polite);
        Assert.True(toCallee.Polite);
        await alice.WaitForOnlineUsersAsync(users => users.StatusOf(alice) == PresenceStatus.InCall && users.StatusOf(bob) == PresenceStatus.InCall);
    }

    [Fact]
    public async Task DecliningTellsTheCaller()
    {
        await using var scene = await ThreeCallers.StartAsync();
        var (alice, bob) = (scene.Alice, scene.Bob);
        var callId = await Lobby.RingAsync(alice, bob);

        await bob.InvokeAsync(nameof(CallHub.Decline), callId);

        Assert.Equal(CallEndReasons.Declined, (await alice.WaitForCallEndedAsync(callId)).Reason);
        await alice.WaitForOnlineUsersAsync(users => users.StatusOf(alice) == PresenceStatus.Available && users.StatusOf(bob) == PresenceStatus.Available);
    }

    [Fact]
    public async Task CancellingTellsTheCallee()
    {
        await using var scene = await ThreeCallers.StartAsync();
        var callId = await Lobby.RingAsync(scene.Alice, scene.Bob);

        await scene.Alice.InvokeAsync(nameof(CallHub.Cancel), callId);

        Assert.Equal(CallEndReasons.Cancelled, (await scene.Bob.WaitForCallEndedAsync(callId)).Reason);
    }

    [Fact]
    public async Task CallingSomeoneWhoIsInACallAnswersBusyAtOnce()
    {
        await using var scene = await ThreeCallers.StartAsync();
        var (alice, bob, carol) = (scene.Alice, scene.Bob, scene.Carol);
        var callId = await Lobby.StartCallAsync(alice, bob);

        var result = await carol.RingAsync(bob.User.Id);

        Assert.Equal(RingOutcomes.Busy, result.Outcome);
        Assert.Null(result.CallId);
        // Bob is not disturbed: the next thing he hears is Alice hanging up, not Carol ringing.
        await alice.InvokeAsync(nameof(CallHub.HangUp), callId);
        await bob.WaitForCallEndedAsync(callId);
        Assert.DoesNotContain(bob.ReceivedSoFar<IncomingCall>(nameof(ICallClient.IncomingCall)), call => call.Caller.Id == carol.User.Id);
    }

    [Fact]
    public async Task RingingYourselfIsRefused()
    {
        await using var scene = await ThreeCallers.StartAsync();

        var refused = await Assert.ThrowsAsync<HubException>(() => scene.Alice.RingAsync(scene.Alice.User.Id));

        Assert.Contains("cannot call yourself", refused.Message);
    }

    [Fact]
    public async Task AnUnansweredCallIsMissedOnBothSidesWhenTheRingTimeoutPasses()
    {
        await using var scene = await ThreeCallers.StartAsync(new Dictionary<string, string?> { ["Calls:RingTimeoutSeconds"] = "1" });

        var callId = await Lobby.RingAsync(scene.Alice, scene.Bob);

        Assert.Equal(CallEndReasons.Missed, (await scene.Alice.WaitForCallEndedAsync(callId)).Reason);
        Assert.Equal(CallEndReasons.Missed, (await scene.Bob.WaitForCallEndedAsync(callId)).Reason);
    }

    [Fact]
    public async Task HangingUpTellsTheOtherAndMakesBothAvailableAgain()
    {
        await using var scene = await ThreeCallers.StartAsync();
        var (alice, bob) = (scene.Alice, scene.Bob);
        var callId = await Lobby.StartCallAsync(alice, bob);

        await bob.InvokeAsync(nameof(CallHub.HangUp), callId);

        Assert.Equal(CallEndReasons.HungUp, (await alice.WaitForCallEndedAsync(callId)).Reason);
        await alice.WaitForOnlineUsersAsync(users => users.StatusOf(alice) == PresenceStatus.Available && users.StatusOf(bob) == PresenceStatus.Available);
    }

    [Fact]
    public async Task DisconnectingMidCallTellsThePeerAndLeavesTheList()
    {
        await using var scene = await ThreeCallers.StartAsync();
        var (alice, bob) = (scene.Alice, scene.Bob);
        var callId = await Lobby.StartCallAsync(alice, bob);

        await bob.DisposeAsync();

        Assert.Equal(CallEndReasons.PeerLeft, (await alice.WaitForCallEndedAsync(callId)).Reason);
        var users = await alice.WaitForOnlineUsersAsync(users => users.All(u => u.Id != bob.User.Id));
        Assert.Equal(PresenceStatus.Available, users.StatusOf(alice));
    }

    [Fact]
    public async Task RingingSomeoneWhoIsNotOnlineAnswersOffline()
    {
        await using var scene = await ThreeCallers.StartAsync();
        var dave = await scene.App.CreateUserAsync("Dave");

        var result = await scene.Alice.RingAsync(dave.Id);

        Assert.Equal(RingOutcomes.Offline, result.Outcome);
    }

    [Fact]
    public async Task OnlyTheCalleeCanAcceptACall()
    {
        await using var scene = await ThreeCallers.StartAsync();
        var (alice, bob) = (scene.Alice, scene.Bob);
        var callId = await Lobby.RingAsync(alice, bob);

        var refused = await Assert.ThrowsAsync<HubException>(() => alice.InvokeAsync(nameof(CallHub.Accept), callId));

        Assert.Contains("not ringing for you", refused.Message);
        // The call still rings for Bob, who can take it.
        await bob.InvokeAsync(nameof(CallHub.Accept), callId);
        await alice.WaitForCallStartedAsync(callId);
    }

    [Fact]
    public async Task ACallerWhoIsAlreadyRingingSomeoneCannotRingAnother()
    {
        await using var scene = await ThreeCallers.StartAsync();
        await Lobby.RingAsync(scene.Alice, scene.Bob);

        var refused = await Assert.ThrowsAsync<HubException>(() => scene.Alice.RingAsync(scene.Carol.User.Id));

        Assert.Contains("Hang up your current call", refused.Message);
    }
}
