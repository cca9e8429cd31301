using System.ComponentModel.DataAnnotations;

namespace ProctorWeb.Media;

/// <summary>
/// The STUN/TURN servers handed to browsers. Empty by default: host candidates only, so no
/// third party is contacted unless an operator configures one.
/// </summary>
public sealed class IceServerOptions : IValidatableObject
{
    public const string Section = "IceServers";

    public List<IceServer> Servers { get; set; } = [];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (server, index) in Servers.Select((s, i) => (s, i)))
        {
            if (server.Urls.Count == 0)
            {
                yield return new ValidationResult($"IceServers[{index}] needs at least one URL.");
            }
            foreach (var url in server.Urls.Where(u => !u.StartsWith("stun:", StringComparison.Ordinal) && !u.StartsWith("turn:", StringComparison.Ordinal) && !u.StartsWith("turns:", StringComparison.Ordinal)))
            {
                yield return new ValidationResult($"IceServers[{index}] URL '{url}' must start with stun:, turn: or turns:.");
            }
        }
    }
}

/// <summary>Shaped like the browser's RTCIceServer, so it serializes straight into the page.</summary>
public sealed class IceServer
{
    public List<string> Urls { get; set; } = [];
    public string? Username { get; set; }
    public string? Credential { get; set; }
}
