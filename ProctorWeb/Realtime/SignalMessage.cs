using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Localization;

namespace ProctorWeb.Realtime;

/// <summary>
/// One WebRTC signaling message: a session description (offer or answer) or one trickled ICE candidate.
/// Typed rather than an opaque blob so the server relays only what a peer connection can use.
/// </summary>
public sealed record SignalMessage(string Type, string? Sdp = null, string? Candidate = null, string? SdpMid = null, int? SdpMLineIndex = null, string? UsernameFragment = null)
{
    public const int MaxSdpLength = 32 * 1024;
    public const int MaxCandidateLength = 1024;

    public static class Types
    {
        public const string Offer = "offer";
        public const string Answer = "answer";
        public const string Candidate = "candidate";
    }

    /// <summary>Throws a HubException that tells the sender what is wrong with the message, in <paramref name="T"/>'s words (the caller's language).</summary>
    public void Validate(IStringLocalizer T)
    {
        switch (Type)
        {
            case Types.Offer or Types.Answer:
                if (string.IsNullOrWhiteSpace(Sdp) || Sdp.Length > MaxSdpLength)
                {
                    throw new HubException(T["An {0} needs an SDP of at most {1} characters.", Type, MaxSdpLength]);
                }
                break;
            case Types.Candidate:
                // An empty candidate string is legal: it marks the end of candidates.
                if (Candidate is null || Candidate.Length > MaxCandidateLength || SdpMid?.Length > 64 || UsernameFragment?.Length > 256 || SdpMLineIndex is < 0 or > 64)
                {
                    throw new HubException(T["That ICE candidate is malformed."]);
                }
                break;
            default:
                throw new HubException(T["A signaling message must be an offer, an answer or a candidate."]);
        }
    }
}
