using Microsoft.AspNetCore.SignalR;
using ProctorWeb.Calls;
using ProctorWeb.Realtime;
using ProctorWeb.Tests.Support;

namespace ProctorWeb.Tests.Calls;

public class SignalingTests
{
    private const string NotYourCall = "only send signaling to the other person in your current call";

    public static TheoryData<string> MessageTypes => new() { SignalMessage.Types.Offer, SignalMessage.Types.Answer, SignalMessage.Types.Candidate };

    private static SignalMessage Valid(string type, string marker) => type switch
    {
        SignalMessage.Types.Candidate => Signals.Candidate(marker),
        SignalMessage.Types.Answer => Signals.Answer(marker),
        _ => Signals.Offer(marker),
    };

    [Theory]
    [MemberData(nameof(MessageTypes))]
    public async Task NobodyCanSignalSomeoneTheyAreNotInACallWith(string type)
    {
        await using var scene = await ThreeCallers.StartAsync();
        var (alice, bob, carol) = (scene.Alice, scene.Bob, scene.Carol);

        var refusedWhileIdle = await Assert.ThrowsAsync<HubException>(() => carol.SignalAsync(bob.User.Id, Valid(type, "idle")));
        await Lobby.StartCallAsync(alice, bob);
        // Being in a call does not help either: Carol's call is not Bob's.
        var refusedDuringTheirCall = await Assert.ThrowsAsync<HubException>(() => carol.SignalAsync(bob.User.Id, Valid(type, "meddling")));

        Assert.Contains(NotYourCall, refusedWhileIdle.Message);
        Assert.Contains(NotYourCall, refusedDuringTheirCall.Message);
        // Messages to one connection arrive in order, so if Carol's had been relayed, Bob would see them before Alice's.
        await alice.SignalAsync(bob.User.Id, Valid(type, "from-alice"));
        var first = await bob.WaitForSignalAsync();
        Assert.Equal(alice.User.Id, first.From);
        Assert.Equal(Valid(type, "from-alice"), first.Message);
        Assert.Single(bob.SignalsSoFar());
    }

    [Fact]
    public async Task SignalingSomeoneStillRingingIsRefused()
    {
        await using var scene = await ThreeCallers.StartAsync();
        await Lobby.RingAsync(scene.Alice, scene.Bob);

        // Until Bob accepts, Alice must not be able to push media negotiation at him.
        var refused = await Assert.ThrowsAsync<HubException>(() => scene.Alice.SignalAsync(scene.Bob.User.Id, Signals.Offer("offer-from-test")));

        Assert.Contains("current call", refused.Message);
    }

    [Fact]
    public async Task ASignalSentWithoutWaitingToSomeoneNotInTheCallComesBackRefusedToTheSenderAlone()
    {
        await using var scene = await ThreeCallers.StartAsync();
        var (alice, bob, carol) = (scene.Alice, scene.Bob, scene.Carol);
        await Lobby.StartCallAsync(alice, bob);

        await alice.SendSignalAsync(carol.User.Id, Signals.Offer("not-carols-call"));
        var refused = await alice.WaitForSignalRefusedAsync();
        await alice.SendSignalAsync(bob.User.Id, Signals.Offer("to-bob"));
        await bob.WaitForSignalAsync("to-bob");

        Assert.Equal(carol.User.Id, refused.To);
        Assert.Contains("current call", refused.Reason);
        Assert.Empty(carol.SignalsSoFar());
        Assert.DoesNotContain(bob.EverythingReceivedSoFar(), m => m.Target == nameof(ProctorWeb.Realtime.ISignalingClient.SignalRefused));
    }

    [Fact]
    public async Task InACallSignalsReachOnlyTheOtherPartyFromTheSender()
    {
        await using var scene = await ThreeCallers.StartAsync();
        var (alice, bob, carol) = (scene.Alice, scene.Bob, scene.Carol);
        var callId = await Lobby.StartCallAsync(alice, bob);
        var endOfCandidates = new SignalMessage(SignalMessage.Types.Candidate, Candidate: "", SdpMid: "0", SdpMLineIndex: 0);

        await alice.SignalAsync(bob.User.Id, Signals.Offer("offer-from-test"));
        var offer = await bob.WaitForSignalAsync();
        await bob.SignalAsync(alice.User.Id, Signals.Answer("answer-from-test"));
        var answer = await alice.WaitForSignalAsync();
        await bob.SignalAsync(alice.User.Id, endOfCandidates);
        var lastCandidate = await alice.WaitForSignalAsync();

        Assert.Equal((alice.User.Id, Signals.Offer("offer-from-test")), offer);
        Assert.Equal((bob.User.Id, Signals.Answer("answer-from-test")), answer);
        Assert.Equal((bob.User.Id, endOfCandidates), lastCandidate);
        // Carol's presence update after the hang-up comes after any relayed signal would have: none came.
        await alice.InvokeAsync(nameof(CallHub.HangUp), callId);
        await carol.WaitForOnlineUsersAsync(users => users.StatusOf(alice) == PresenceStatus.Available && users.StatusOf(bob) == PresenceStatus.Available);
        Assert.Empty(carol.SignalsSoFar());
    }

    public static TheoryData<string, SignalMessage, string> MalformedMessages => new()
    {
        { "an unknown type", new SignalMessage("renegotiate", Sdp: "v=0"), "must be an offer, an answer or a candidate" },
        { "an offer without an SDP", new SignalMessage(SignalMessage.Types.Offer), "needs an SDP" },
        { "an oversized SDP", new SignalMessage(SignalMessage.Types.Answer, Sdp: new string('a', SignalMessage.MaxSdpLength + 1)), "needs an SDP of at most" },
        { "a candidate without its text", new SignalMessage(SignalMessage.Types.Candidate, SdpMid: "0"), "ICE candidate is malformed" },
    };

    [Theory]
    [MemberData(nameof(MalformedMessages))]
    public async Task AMalformedSignalIsRefusedAndTheConnectionStaysUsable(string what, SignalMessage message, string expectedError)
    {
        await using var scene = await ThreeCallers.StartAsync();
        var (alice, bob) = (scene.Alice, scene.Bob);
        await Lobby.StartCallAsync(alice, bob);

        var refused = await Assert.ThrowsAsync<HubException>(() => alice.SignalAsync(bob.User.Id, message));

        Assert.True(refused.Message.Contains(expectedError), $"Refusing {what} said: {refused.Message}");
        await alice.SignalAsync(bob.User.Id, Signals.Offer("offer-from-test"));
        var relayed = await bob.WaitForSignalAsync();
        Assert.Equal("v=0 offer-from-test", relayed.Message.Sdp);
        Assert.Single(bob.SignalsSoFar());
    }
}
