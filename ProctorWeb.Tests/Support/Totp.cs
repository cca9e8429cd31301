using System.Buffers.Binary;
using System.Security.Cryptography;

namespace ProctorWeb.Tests.Support;

/// <summary>
/// An authenticator app in a few lines (RFC 6238: HMAC-SHA1 over the 30-second step, 6 digits), so tests type the
/// code a phone would show from the key the page gives, rather than asking the app for one.
/// </summary>
public static class Totp
{
    public static string Code(string sharedKey, DateTimeOffset at)
    {
        var counter = new byte[8];
        BinaryPrimitives.WriteInt64BigEndian(counter, at.ToUnixTimeSeconds() / 30);
        var hash = HMACSHA1.HashData(Base32(sharedKey), counter);
        var offset = hash[^1] & 0x0f;
        var binary = BinaryPrimitives.ReadInt32BigEndian(hash.AsSpan(offset)) & 0x7fffffff;
        return (binary % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
    }

    public static string Code(string sharedKey) => Code(sharedKey, DateTimeOffset.UtcNow);

    /// <summary>RFC 4648 base32, as authenticator apps read it: case, spaces and padding ignored.</summary>
    public static byte[] Base32(string text)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bytes = new List<byte>();
        int buffer = 0, bits = 0;
        foreach (var c in text.ToUpperInvariant().Where(c => c is not (' ' or '=')))
        {
            var value = alphabet.IndexOf(c);
            Assert.True(value >= 0, $"'{c}' is not a base32 character.");
            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8)
            {
                bits -= 8;
                bytes.Add((byte)(buffer >> bits));
                buffer &= (1 << bits) - 1;
            }
        }
        return [.. bytes];
    }
}
