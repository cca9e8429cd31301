using Microsoft.AspNetCore.SignalR;

namespace ProctorWeb.Realtime;

/// <summary>What both hubs push to a page whose relayed WebRTC message was refused.</summary>
public interface ISignalingClient
{
    Task Signal(string from, SignalMessage message);

    /// <summary>A `Signal` this page sent was refused: <paramref name="to"/> as it sent it (when it looks like an id), and why, in its language.</summary>
    Task SignalRefused(string? to, string reason);
}

/// <summary>
/// Pages send `Signal` without waiting for a completion (a relay's hot path: every ICE candidate), so a refusal is
/// pushed to the sender instead; the exception still reaches a caller that did wait, and the refusal log.
/// </summary>
public static class SignalRefusals
{
    public static async Task AnswerAsync(ISignalingClient caller, string? to, HubException refused)
    {
        await caller.SignalRefused(to is { Length: <= HubArguments.MaxIdLength } ? to : null, refused.Message);
        throw refused;
    }
}
