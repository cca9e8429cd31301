using System.Security.Claims;
using System.Text.Json;
using Microsoft.Extensions.Options;
using ProctorWeb.Exams;

namespace ProctorWeb.Media;

/// <summary>What a page hands its scripts for RTCPeerConnection: the ICE servers (JSON) and the transport policy.</summary>
public sealed record PeerSettings(string IceServersJson, string IceTransportPolicy);

/// <summary>
/// The one place that builds a page's RTCConfiguration: the configured ICE servers plus, when a TURN
/// secret is set, credentials of the person viewing the page. Anonymous visitors get no credentials.
/// </summary>
public sealed class PeerSettingsFactory(IOptions<IceServerOptions> ice, IOptions<MediaOptions> media, TurnCredentials turn)
{
    public PeerSettings For(ClaimsPrincipal user)
    {
        var servers = new List<IceServer>(ice.Value.Servers);
        if (TurnId(user) is { } id && turn.For(id) is { } relay)
        {
            servers.Add(relay);
        }
        return new PeerSettings(JsonSerializer.Serialize(servers, BrowserJson.Web), media.Value.IceTransportPolicy);
    }

    /// <summary>Who the relay's logs will name: a student by roster id (they have no account), anyone else by user id.</summary>
    private static string? TurnId(ClaimsPrincipal user)
    {
        if (user.RosterEntryId() is { } rosterId)
        {
            return $"student-{rosterId.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
        }
        return user.Identity?.IsAuthenticated == true ? user.FindFirstValue(ClaimTypes.NameIdentifier) : null;
    }
}
