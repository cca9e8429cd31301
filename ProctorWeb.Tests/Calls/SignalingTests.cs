using ProctorWeb.Realtime;
using ProctorWeb.Calls;
using ProctorWeb.Tests.Support;

namespace ProctorWeb.Tests.Calls;

public class SignalingTests
{
    private static readonly object Offer = new { type = "offer", sdp = "v=0 offer-from-test" };

    public static TheoryData<string> MessageTypes => new() { "offer", "answer", "candidate" };

    private static object Valid(string type, string marker) => type switch
    {
        "candidate" => new { type, candidate = $"candidate:1 1 udp 1 127.0.0.1 9 typ host {marker}", sdpMid = "0", sdpMLineIndex = 0 },
        _ => new { type, sdp = $"v=0 {marker}" },
    };

    [Theory]
    [MemberData(nameof(MessageTypes))]
    public async Task NobodyCanSignalSomeoneTheyAreNotInACallWith(string type)
    {
        await using var app = new ProctorWebApplication();
        await using var mallory = await app.ConnectNewUserAsync("Mallory");
        await using var bob = await app.ConnectNewUserAsync("Bob");
        await using var alice = await app.ConnectNewUserAsync("Alice");
        await Lobby.EveryoneSeesEveryoneAsync(mallory, bob, alice);

        var refusedWhileIdle = await Assert.ThrowsAsync<HubErrorException>(() => mallory.InvokeAsync("Signal", bob.User.Id, Valid(type, "idle")));
        await Lobby.StartCallAsync(alice, bob);
        // Being in a call does not help either: Mallory's call is not Bob's.
        var refusedDuringTheirCall = await Assert.ThrowsAsync<HubErrorException>(() => mallory.InvokeAsync("Signal", bob.User.Id, Valid(type, "meddling")));

        Assert.Contains("only send signaling to the other person in your current call", refusedWhileIdle.Message);
        Assert.Contains("only send signaling to the other person in your current call", refusedDuringTheirCall.Message);
        // Messages to one connection arrive in order, so if Mallory's had been relayed, Bob would see them before Alice's.
        await alice.InvokeAsync("Signal", bob.User.Id, Valid(type, "from-alice"));
        var first = await bob.WaitForAsync("Signal");
        Assert.Equal(alice.User.Id, first[0].GetString());
        Assert.Contains("from-alice", first[1].GetRawText());
        Assert.Single(bob.ReceivedSoFar("Signal"));
    }

    [Fact]
    public async Task SignalingSomeoneStillRingingIsRefused()
    {
        await using var app = new ProctorWebApplication();
        await using var alice = await app.ConnectNewUserAsync("Alice");
        await using var bob = await app.ConnectNewUserAsync("Bob");
        await Lobby.EveryoneSeesEveryoneAsync(alice, bob);
        await Lobby.RingAsync(alice, bob);

        // Until Bob accepts, Alice must not be able to push media negotiation at him.
        var refused = await Assert.ThrowsAsync<HubErrorException>(() => alice.InvokeAsync("Signal", bob.User.Id, Offer));

        Assert.Contains("current call", refused.Message);
    }

    [Fact]
    public async Task InACallSignalsReachOnlyTheOtherPartyFromTheSender()
    {
        await using var app = new ProctorWebApplication();
        await using var alice = await app.ConnectNewUserAsync("Alice");
        await using var bob = await app.ConnectNewUserAsync("Bob");
        await using var carol = await app.ConnectNewUserAsync("Carol");
        await Lobby.EveryoneSeesEveryoneAsync(alice, bob, carol);
        var callId = await Lobby.StartCallAsync(alice, bob);

        await alice.InvokeAsync("Signal", bob.User.Id, Offer);
        var offer = await bob.WaitForAsync("Signal");
        await bob.InvokeAsync("Signal", alice.User.Id, new { type = "answer", sdp = "v=0 answer-from-test" });
        var answer = await alice.WaitForAsync("Signal");
        await bob.InvokeAsync("Signal", alice.User.Id, new { type = "candidate", candidate = "", sdpMid = "0", sdpMLineIndex = 0 });
        var endOfCandidates = await alice.WaitForAsync("Signal");

        Assert.Equal(alice.User.Id, offer[0].GetString());
        Assert.Equal("offer", offer[1].GetProperty("type").GetString());
        Assert.Equal("v=0 offer-from-test", offer[1].GetProperty("sdp").GetString());
        Assert.Equal(bob.User.Id, answer[0].GetString());
        Assert.Equal("v=0 answer-from-test", answer[1].GetProperty("sdp").GetString());
        Assert.Equal("", endOfCandidates[1].GetProperty("candidate").GetString());
        Assert.Equal(0, endOfCandidates[1].GetProperty("sdpMLineIndex").GetInt32());
        // Carol's presence update after the hang-up comes after any relayed signal would have: none came.
        await alice.InvokeAsync("HangUp", callId);
        await carol.WaitForOnlineUsersAsync(users => users.StatusOf(alice) == "available" && users.StatusOf(bob) == "available");
        Assert.Empty(carol.ReceivedSoFar("Signal"));
    }

    public static TheoryData<string, object, string> MalformedMessages => new()
    {
        { "an unknown type", new { type = "renegotiate", sdp = "v=0" }, "must be an offer, an answer or a candidate" },
        { "an offer without an SDP", new { type = "offer" }, "needs an SDP" },
        { "an oversized SDP", new { type = "answer", sdp = new string('a', SignalMessage.MaxSdpLength + 1) }, "needs an SDP of at most" },
        { "a candidate without its text", new { type = "candidate", sdpMid = "0" }, "ICE candidate is malformed" },
    };

    [Theory]
    [MemberData(nameof(MalformedMessages))]
    public async Task AMalformedSignalIsRefusedAndTheConnectionStaysUsable(string what, object message, string expectedError)
    {
        await using var app = new ProctorWebApplication();
        await using var alice = await app.ConnectNewUserAsync("Alice");
        await using var bob = await app.ConnectNewUserAsync("Bob");
        await Lobby.EveryoneSeesEveryoneAsync(alice, bob);
        await Lobby.StartCallAsync(alice, bob);

        var refused = await Assert.ThrowsAsync<HubErrorException>(() => alice.InvokeAsync("Signal", bob.User.Id, message));

        Assert.True(refused.Message.Contains(expectedError), $"Refusing {what} said: {refused.Message}");
        await alice.InvokeAsync("Signal", bob.User.Id, Offer);
        var relayed = await bob.WaitForAsync("Signal");
        Assert.Equal("v=0 offer-from-test", relayed[1].GetProperty("sdp").GetString());
        Assert.Single(bob.ReceivedSoFar("Signal"));
    }
}
