using System.Security.Claims;
using System.Text.Json;
using Microsoft.Extensions.Options;
using ProctorWeb.Accounts;
using ProctorWeb.Exams;

namespace ProctorWeb.Media;

/// <summary>What a page hands its scripts for RTCPeerConnection: the ICE servers (JSON) and the transport policy.</summary>
public sealed record PeerSettings(string IceServersJson, string IceTransportPolicy);

/// <summary>
/// The one place that builds a page's RTCConfiguration: the configured ICE servers plus, when a TURN secret is set,
/// short-lived credentials, and those only for someone who may use a relay now: a signed-in account (calls; the
/// monitor checks that its viewer proctors the exam before it asks), or a student whose invitation opens its exam
/// at this moment. A refused link, a removed student or an anonymous visitor gets the configured servers only.
/// </summary>
public sealed class PeerSettingsFactory(IOptions<IceServerOptions> ice, IOptions<MediaOptions> media, TurnCredentials turn)
{
    /// <summary>For a signed-in account; an invitation alone is no account and gets no relay here.</summary>
    public PeerSettings ForAccount(ClaimsPrincipal user) => Build(user.HasAccount() ? user.FindFirstValue(ClaimTypes.NameIdentifier) : null);

    /// <summary>For a student, by the invitation as it stands now; the relay's logs name them by roster id (they have no account).</summary>
    public PeerSettings ForStudent(InvitationCheck.Result invitation) =>
        Build(invitation is { Allowed: true, Entry: { } entry } ? $"student-{entry.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)}" : null);

    private PeerSettings Build(string? turnId)
    {
        var servers = new List<IceServer>(ice.Value.Servers);
        if (turnId is not null && turn.For(turnId) is { } relay)
        {
            servers.Add(relay);
        }
        return new PeerSettings(JsonSerializer.Serialize(servers, BrowserJson.Web), media.Value.IceTransportPolicy);
    }
}
