using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace ProctorWeb.Media;

/// <summary>
/// Short-lived TURN credentials by the TURN REST scheme that coturn's use-auth-secret checks:
/// username "expiry:id" (expiry in unix seconds), credential base64(HMAC-SHA1(secret, username)).
/// </summary>
public sealed class TurnCredentials(IOptions<TurnOptions> options, TimeProvider time)
{
    /// <summary>The TURN entry for one person, or null when no shared secret is configured.</summary>
    public IceServer? For(string id)
    {
        var turn = options.Value;
        if (!turn.Enabled)
        {
            return null;
        }
        var expiry = time.GetUtcNow().AddMinutes(turn.CredentialLifetimeMinutes).ToUnixTimeSeconds();
        var username = $"{expiry.ToString(CultureInfo.InvariantCulture)}:{id}";
        return new IceServer { Urls = [.. turn.Urls], Username = username, Credential = Sign(turn.SharedSecret!, username) };
    }

    public static string Sign(string secret, string username) =>
        Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(username)));
}
