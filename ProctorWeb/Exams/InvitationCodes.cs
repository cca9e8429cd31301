using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using ProctorWeb.Cluster;

namespace ProctorWeb.Exams;

/// <summary>
/// Invitation secrets. Each invitation gets a random nonce; its secret is HMAC-SHA256(server key, nonce),
/// so the teacher's page can show the link again while the database holds only the nonce and a SHA-256
/// hash of the secret: a copy of the database alone opens no exam.
/// </summary>
public sealed class InvitationCodes
{
    private readonly byte[] _key;

    public InvitationCodes(IOptions<ExamOptions> options, IOptions<ClusterOptions> cluster, IHostEnvironment environment)
    {
        if (!string.IsNullOrEmpty(options.Value.InvitationKey))
        {
            _key = FromConfiguration(options.Value.InvitationKey);
            return;
        }
        var path = Path.GetFullPath(Path.Combine(environment.ContentRootPath, options.Value.InvitationKeyFile));
        // A key made by one node would open none of the links another node's pages show: in a cluster it is provisioned.
        if (cluster.Value.Enabled && !File.Exists(path))
        {
            throw new InvalidOperationException($"In cluster mode every node needs the same invitation key, and none is made here: set Exams:InvitationKey " +
                $"(base64 of 32 random bytes, e.g. `openssl rand -base64 32`) on every node, or copy one key file to {path} on each.");
        }
        _key = LoadOrCreateKey(path);
    }

    private static byte[] FromConfiguration(string base64)
    {
        var key = new byte[base64.Length];
        return Convert.TryFromBase64String(base64, key, out var length) && length >= 32
            ? key[..length]
            : throw new InvalidOperationException("Exams:InvitationKey must be base64 of at least 32 random bytes (e.g. `openssl rand -base64 32`).");
    }

    public (byte[] Nonce, string Hash) NewInvitation()
    {
        var nonce = RandomNumberGenerator.GetBytes(32);
        return (nonce, HashOf(SecretFor(nonce)));
    }

    public string SecretFor(byte[] nonce) => Base64Url(HMACSHA256.HashData(_key, nonce));

    /// <summary>The lookup key for a secret from a link; anything malformed gets a hash that matches nothing.</summary>
    public static string HashOf(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    public static bool LooksLikeSecret(string? secret) =>
        secret is { Length: 43 } && secret.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[] LoadOrCreateKey(string path)
    {
        if (File.Exists(path))
        {
            var existing = File.ReadAllBytes(path);
            if (existing.Length < 32)
            {
                throw new InvalidOperationException($"The invitation key file {path} is damaged (shorter than 32 bytes). Restore it from a backup; replacing it invalidates every invitation link.");
            }
            return existing;
        }
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var key = RandomNumberGenerator.GetBytes(32);
        using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write))
        {
            file.Write(key);
        }
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        return key;
    }
}
