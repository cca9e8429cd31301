using ProctorWeb.Calls;
using ProctorWeb.Realtime;

namespace ProctorWeb.Tests.Support;

/// <summary>WebRTC signaling as both hubs relay it: Signal(to, message) up, Signal(from, message) down.</summary>
public static class Signals
{
    /// <summary>A well-formed offer whose SDP carries a marker, so a test can tell which one arrived.</summary>
    public static SignalMessage Offer(string marker) => new(SignalMessage.Types.Offer, Sdp: $"v=0 {marker}");

    public static SignalMessage Answer(string marker) => new(SignalMessage.Types.Answer, Sdp: $"v=0 {marker}");

    /// <summary>A host candidate whose text ends with the marker.</summary>
    public static SignalMessage Candidate(string marker) =>
        new(SignalMessage.Types.Candidate, Candidate: $"candidate:1 1 udp 2122260223 192.0.2.1 9 typ host {marker}", SdpMid: "0", SdpMLineIndex: 0);

    public static Task SignalAsync(this HubClient sender, string to, SignalMessage message) =>
        sender.InvokeAsync("Signal", to, message);

    /// <summary>As the pages send it: no completion; a refusal comes back as SignalRefused.</summary>
    public static Task SendSignalAsync(this HubClient sender, string? to, SignalMessage? message) =>
        sender.SendAsync("Signal", to, message);

    /// <summary>The next refusal of a signal this client sent: the id it was sent to (when it looked like one) and the reason.</summary>
    public static Task<(string? To, string Reason)> WaitForSignalRefusedAsync(this HubClient sender) =>
        sender.WaitForAsync<(string? To, string Reason)>(nameof(ISignalingClient.SignalRefused));

    /// <summary>The first relayed signal that matches, with the id the server says it came from.</summary>
    public static Task<(string From, SignalMessage Message)> WaitForSignalAsync(this HubClient receiver, Func<(string From, SignalMessage Message), bool>? match = null) =>
        receiver.WaitForAsync(nameof(ICallClient.Signal), match);

    /// <summary>The first relayed signal whose SDP carries <paramref name="marker"/>.</summary>
    public static Task<(string From, SignalMessage Message)> WaitForSignalAsync(this HubClient receiver, string marker) =>
        receiver.WaitForSignalAsync(s => s.Message.Sdp?.Contains(marker, StringComparison.Ordinal) == true);

    public static IReadOnlyList<(string From, SignalMessage Message)> SignalsSoFar(this HubClient receiver) =>
        receiver.ReceivedSoFar<(string From, SignalMessage Message)>(nameof(ICallClient.Signal));
}
