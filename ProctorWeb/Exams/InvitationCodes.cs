using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace ProctorWeb.Exams;

/// <summary>
/// Invitation secrets. Each invitation gets a random nonce; its secret is HMAC-SHA256(server key, nonce),
/// so the teacher's page can show the link again while the database holds only the nonce and a SHA-256
/// hash of the secret: a copy of the database alone opens no exam.
/// </summary>
public sealed class InvitationCodes
{
    private readonly byte[] _key;

    public InvitationCodes(IOptions<ExamOptions> options, IHostEnvironment environment)
    {
        var path = Path.GetFullPath(Path.Combine(environment.ContentRootPath, options.Value.InvitationKeyFile));
        _key = LoadOrCreateKey(path);
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
