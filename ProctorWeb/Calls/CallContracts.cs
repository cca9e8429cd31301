using ProctorWeb.Realtime;

namespace ProctorWeb.Calls;

/// <summary>What a user on the Calls page sees of another signed-in user: never the email.</summary>
public sealed record OnlineUser(string Id, string Name, string Status);

public static class PresenceStatus
{
    public const string Available = "available";
    public const string Ringing = "ringing";
    public const string InCall = "in-call";
}

public sealed record CallParty(string Id, string Name);

public sealed record IncomingCall(string CallId, CallParty Caller);

/// <summary>Sent to both sides on accept. Exactly one side is polite, so perfect negotiation resolves glare.</summary>
public sealed record CallStarted(string CallId, CallParty Peer, bool Polite);

public sealed record CallEnded(string CallId, string Reason);

public static class CallEndReasons
{
    public const string Declined = "declined";
    public const string Cancelled = "cancelled";
    public const string Missed = "missed";
    public const string HungUp = "hung-up";
    public const string PeerLeft = "peer-left";
}

public sealed record RingResult(string Outcome, string? CallId, string Message);

public static class RingOutcomes
{
    public const string Ringing = "ringing";
    public const string Busy = "busy";
    public const string Offline = "offline";
    /// <summary>The caller rang this person too often lately; the message says how long to wait.</summary>
    public const string TooOften = "too-often";
}

/// <summary>The server-to-browser half of the calls hub.</summary>
public interface ICallClient : ISignalingClient
{
    Task OnlineUsers(IReadOnlyList<OnlineUser> users);
    Task IncomingCall(IncomingCall call);
    Task CallStarted(CallStarted call);
    Task CallEnded(CallEnded ended);
    Task SessionReplaced();
    /// <summary>The other party's connection to the server dropped (false) or came back (true); the call waits meanwhile.</summary>
    Task PeerConnectionChanged(string callId, bool connected);
}
