using System.Globalization;
using System.Text;

namespace ProctorWeb.Accounts;

/// <summary>
/// Names people type for themselves or their students, cleaned so what is shown is what was stored: no
/// invisible characters (zero-width spaces, joiners out of place), no bidi controls that reverse the text
/// after them (U+202E turns "Ada‮nimda" into a different-looking name), no control characters, whitespace
/// of any kind as one space, and the usual composed form of accented letters.
/// </summary>
public static class PersonNames
{
    public static string Clean(string? name)
    {
        // Runes, not chars: tag characters (U+E0020…), invisible too, lie outside the first plane.
        var runes = (name ?? "").Normalize(NormalizationForm.FormC).EnumerateRunes().ToArray();
        var clean = new StringBuilder(runes.Length);
        for (var i = 0; i < runes.Length; i++)
        {
            var rune = runes[i];
            var category = Rune.GetUnicodeCategory(rune);
            if (Rune.IsWhiteSpace(rune) || category is UnicodeCategory.Control or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator)
            {
                if (clean.Length > 0 && clean[^1] != ' ')
                {
                    clean.Append(' ');
                }
            }
            else if (category is UnicodeCategory.Format)
            {
                // Zero-width (non-)joiners spell some names (Persian, Indic scripts), but only between two letters.
                if (rune.Value is 0x200C or 0x200D && i > 0 && i < runes.Length - 1 && Rune.IsLetter(runes[i - 1]) && Rune.IsLetter(runes[i + 1]))
                {
                    clean.Append(rune.ToString());
                }
            }
            else if (category is not (UnicodeCategory.OtherNotAssigned or UnicodeCategory.PrivateUse or UnicodeCategory.Surrogate))
            {
                clean.Append(rune.ToString());
            }
        }
        return clean.ToString().Trim();
    }
}
