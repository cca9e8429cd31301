using System.ComponentModel.DataAnnotations;

namespace ProctorWeb.Media;

/// <summary>
/// A TURN server that shares a secret with this app (coturn's use-auth-secret). When the secret is
/// set, each page gets its own short-lived credentials derived from it; the secret never leaves the server.
/// </summary>
public sealed class TurnOptions : IValidatableObject
{
    public const string Section = "Turn";

    /// <summary>turn: or turns: URLs of the relay, e.g. "turn:turn.example.org:3478".</summary>
    public List<string> Urls { get; set; } = [];

    /// <summary>coturn's static-auth-secret. Empty: no TURN entry is handed out.</summary>
    public string? SharedSecret { get; set; }

    /// <summary>
    /// How long handed-out credentials stay valid. coturn checks the expiry on every refresh of an
    /// allocation, so this must outlast the longest page session (an exam page opens before the start).
    /// </summary>
    [Range(1, 24 * 60)]
    public int CredentialLifetimeMinutes { get; set; } = 180;

    public bool Enabled => !string.IsNullOrEmpty(SharedSecret);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Enabled && Urls.Count == 0)
        {
            yield return new ValidationResult("Turn:SharedSecret is set but Turn:Urls is empty: give at least one turn: or turns: URL.", [nameof(Urls)]);
        }
        if (!Enabled && Urls.Count > 0)
        {
            yield return new ValidationResult("Turn:Urls is set but Turn:SharedSecret is empty: set the relay's static-auth-secret.", [nameof(SharedSecret)]);
        }
        foreach (var url in Urls.Where(u => !u.StartsWith("turn:", StringComparison.Ordinal) && !u.StartsWith("turns:", StringComparison.Ordinal)))
        {
            yield return new ValidationResult($"Turn:Urls '{url}' must start with turn: or turns:.", [nameof(Urls)]);
        }
    }
}
