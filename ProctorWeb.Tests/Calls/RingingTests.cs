using System.Text.Json;
using ProctorWeb.Data;
using ProctorWeb.Tests.Support;

namespace ProctorWeb.Tests.Calls;

public class RingingTests
{
    [Fact]
    public async Task RingingSomeoneShowsThemTheCallersIdAndName()
    {
        await using var app = new ProctorWebApplication();
        await using var alice = await app.ConnectNewUserAsync("Alice", Roles.Teacher);
        await using var bob = await app.ConnectNewUserAsync("Bob");
        await Lobby.EveryoneSeesEveryoneAsync(alice, bob);

        var result = await alice.InvokeAsync<JsonElement>("Ring", bob.User.Id);

        Assert.Equal("ringing", result.GetProperty("outcome").GetString());
        var callId = result.GetProperty("callId").GetString();
        var incoming = (await bob.WaitForAsync("IncomingCall"))[0];
        Assert.Equal(callId, incoming.GetProperty("callId").GetString());
        Assert.Equal(alice.User.Id, incoming.GetProperty("caller").GetProperty("id").GetString());
        Assert.Equal("Alice", incoming.GetProperty("caller").GetProperty("name").GetString());
    }

    [Fact]
    public async Task AcceptingStartsTheCallWithTheCalleePoliteAndBothShownInCall()
    {
        await using var app = new ProctorWebApplication();
        await using var alice = await app.ConnectNewUserAsync("Alice");
        await using var bob = await app.ConnectNewUserAsync("Bob");
        await Lobby.EveryoneSeesEveryoneAsync(alice, bob);
        var callId = await Lobby.RingAsync(alice, bob);

        await bob.InvokeAsync("Accept", callId);

        var toCaller = (await alice.WaitForAsync("CallStarted"))[0];
        var toCallee = (await bob.WaitForAsync("CallStarted"))[0];
        Assert.Equal(callId, toCaller.GetProperty("callId").GetString());
        Assert.Equal(callId, toCallee.GetProperty("callId").GetString());
        Assert.Equal(bob.User.Id, toCaller.GetProperty("peer").GetProperty("id").GetString());
        Assert.Equal(alice.User.Id, toCallee.GetProperty("peer").GetProperty("id").GetString());
        // Exactly one side is polite, or perfect negotiation cannot settle an offer collision.
        Assert.False(toCaller.GetProperty("polite").GetBoolean());
        Assert.True(toCallee.GetProperty("polite").GetBoolean());
        await alice.WaitForOnlineUsersAsync(users => users.StatusOf(alice) == "in-call" && users.StatusOf(bob) == "in-call");
    }

    [Fact]
    public async Task DecliningTellsTheCaller()
    {
        await using var app = new ProctorWebApplication();
        await using var alice = await app.ConnectNewUserAsync("Alice");
        await using var bob = await app.ConnectNewUserAsync("Bob");
        await Lobby.EveryoneSeesEveryoneAsync(alice, bob);
        var callId = await Lobby.RingAsync(alice, bob);

        await bob.InvokeAsync("Decline", callId);

        Assert.Equal("declined", (await alice.WaitForCallEndedAsync(callId)).Reason());
        await alice.WaitForOnlineUsersAsync(users => users.StatusOf(alice) == "available" && users.StatusOf(bob) == "available");
    }

    [Fact]
    public async Task CancellingTellsTheCallee()
    {
        await using var app = new ProctorWebApplication();
        await using var alice = await app.ConnectNewUserAsync("Alice");
        await using var bob = await app.ConnectNewUserAsync("Bob");
        await Lobby.EveryoneSeesEveryoneAsync(alice, bob);
        var callId = await Lobby.RingAsync(alice, bob);

        await alice.InvokeAsync("Cancel", callId);

        Assert.Equal("cancelled", (await bob.WaitForCallEndedAsync(callId)).Reason());
    }

    [Fact]
    public async Task CallingSomeoneWhoIsInACallAnswersBusyAtOnce()
    {
        await using var app = new ProctorWebApplication();
        await using var alice = await app.ConnectNewUserAsync("Alice");
        await using var bob = await app.ConnectNewUserAsync("Bob");
        await using var carol = await app.ConnectNewUserAsync("Carol");
        await Lobby.EveryoneSeesEveryoneAsync(alice, bob, carol);
        var callId = await Lobby.StartCallAsync(alice, bob);

        var result = await carol.InvokeAsync<JsonElement>("Ring", bob.User.Id);

        Assert.Equal("busy", result.GetProperty("outcome").GetString());
        Assert.Equal(JsonValueKind.Null, result.GetProperty("callId").ValueKind);
        // Bob is not disturbed: the next thing he hears is Alice hanging up, not Carol ringing.
        await alice.InvokeAsync("HangUp", callId);
        await bob.WaitForCallEndedAsync(callId);
        Assert.DoesNotContain(bob.ReceivedSoFar("IncomingCall"), a => a[0].GetProperty("caller").GetProperty("id").GetString() == carol.User.Id);
    }

    [Fact]
    public async Task RingingYourselfIsRefused()
    {
        await using var app = new ProctorWebApplication();
        await using var alice = await app.ConnectNewUserAsync("Alice");
        await alice.WaitForOnlineUsersAsync(users => users.Count == 1);

        var refused = await Assert.ThrowsAsync<HubErrorException>(() => alice.InvokeAsync("Ring", alice.User.Id));

        Assert.Contains("cannot call yourself", refused.Message);
    }

    [Fact]
    public async Task AnUnansweredCallIsMissedOnBothSidesWhenTheRingTimeoutPasses()
    {
        await using var app = new ProctorWebApplication(new Dictionary<string, string?> { ["Calls:RingTimeoutSeconds"] = "1" });
        await using var alice = await app.ConnectNewUserAsync("Alice");
        await using var bob = await app.ConnectNewUserAsync("Bob");
        await Lobby.EveryoneSeesEveryoneAsync(alice, bob);

        var callId = await Lobby.RingAsync(alice, bob);

        Assert.Equal("missed", (await alice.WaitForCallEndedAsync(callId)).Reason());
        Assert.Equal("missed", (await bob.WaitForCallEndedAsync(callId)).Reason());
    }

    [Fact]
    public async Task HangingUpTellsTheOtherAndMakesBothAvailableAgain()
    {
        await using var app = new ProctorWebApplication();
        await using var alice = await app.ConnectNewUserAsync("Alice");
        await using var bob = await app.ConnectNewUserAsync("Bob");
        await Lobby.EveryoneSeesEveryoneAsync(alice, bob);
        var callId = await Lobby.StartCallAsync(alice, bob);

        await bob.InvokeAsync("HangUp", callId);

        Assert.Equal("hung-up", (await alice.WaitForCallEndedAsync(callId)).Reason());
        await alice.WaitForOnlineUsersAsync(users => users.StatusOf(alice) == "available" && users.StatusOf(bob) == "available");
    }

    [Fact]
    public async Task DisconnectingMidCallTellsThePeerAndLeavesTheList()
    {
        await using var app = new ProctorWebApplication();
        await using var alice = await app.ConnectNewUserAsync("Alice");
        var bob = await app.ConnectNewUserAsync("Bob");
        await Lobby.EveryoneSeesEveryoneAsync(alice, bob);
        var callId = await Lobby.StartCallAsync(alice, bob);

        await bob.DisposeAsync();

        Assert.Equal("peer-left", (await alice.WaitForCallEndedAsync(callId)).Reason());
        var users = await alice.WaitForOnlineUsersAsync(users => users.All(u => u.Id != bob.User.Id));
        Assert.Equal("available", users.StatusOf(alice));
    }

    [Fact]
    public async Task RingingSomeoneWhoIsNotOnlineAnswersOffline()
    {
        await using var app = new ProctorWebApplication();
        await using var alice = await app.ConnectNewUserAsync("Alice");
        var bob = await app.CreateUserAsync("Bob");
        await alice.WaitForOnlineUsersAsync(users => users.Count == 1);

        var result = await alice.InvokeAsync<JsonElement>("Ring", bob.Id);

        Assert.Equal("offline", result.GetProperty("outcome").GetString());
    }

    [Fact]
    public async Task OnlyTheCalleeCanAcceptACall()
    {
        await using var app = new ProctorWebApplication();
        await using var alice = await app.ConnectNewUserAsync("Alice");
        await using var bob = await app.ConnectNewUserAsync("Bob");
        await Lobby.EveryoneSeesEveryoneAsync(alice, bob);
        var callId = await Lobby.RingAsync(alice, bob);

        var refused = await Assert.ThrowsAsync<HubErrorException>(() => alice.InvokeAsync("Accept", callId));

        Assert.Contains("not ringing for you", refused.Message);
        // The call still rings for Bob, who can take it.
        await bob.InvokeAsync("Accept", callId);
        await alice.WaitForAsync("CallStarted");
    }

    [Fact]
    public async Task ACallerWhoIsAlreadyRingingSomeoneCannotRingAnother()
    {
        await using var app = new ProctorWebApplication();
        await using var alice = await app.ConnectNewUserAsync("Alice");
        await using var bob = await app.ConnectNewUserAsync("Bob");
        await using var carol = await app.ConnectNewUserAsync("Carol");
        await Lobby.EveryoneSeesEveryoneAsync(alice, bob, carol);
        await Lobby.RingAsync(alice, bob);

        var refused = await Assert.ThrowsAsync<HubErrorException>(() => alice.InvokeAsync("Ring", carol.User.Id));

        Assert.Contains("Hang up your current call", refused.Message);
    }
}
