using System.Text.RegularExpressions;

namespace ProctorWeb.Evidence;

/// <summary>
/// The one type of clip we accept: WebM, as MediaRecorder makes it, with or without its codecs parameter
/// ("video/webm;codecs=vp8,opus"). What we store and later serve is rebuilt from the parts we checked, never echoed.
/// </summary>
public static partial class ClipMime
{
    public const string WebM = "video/webm";

    /// <summary>The type normalised (<c>video/webm;codecs="vp8,opus"</c>), or null when it is not one we accept.</summary>
    public static string? Normalize(string? declared)
    {
        if (string.IsNullOrWhiteSpace(declared) || declared.Length > Data.ClipLimits.MimeTypeLength)
        {
            return null;
        }
        var parts = declared.Split(';', 2);
        if (!parts[0].Trim().Equals(WebM, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        if (parts.Length == 1 || parts[1].Trim().Length == 0)
        {
            return WebM;
        }
        var codecs = CodecsParameter().Match(parts[1]);
        return codecs.Success ? $"{WebM};codecs=\"{codecs.Groups[1].Value.Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant()}\"" : null;
    }

    // Codec names are letters, digits, dots and dashes (vp8, vp09.00.10.08, opus, avc1.42E01E), comma separated.
    [GeneratedRegex("""^\s*codecs\s*=\s*"?([A-Za-z0-9.\-]+(?:\s*,\s*[A-Za-z0-9.\-]+)*)"?\s*$""", RegexOptions.IgnoreCase)]
    private static partial Regex CodecsParameter();
}
