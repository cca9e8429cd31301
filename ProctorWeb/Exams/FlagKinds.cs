namespace ProctorWeb.Exams;

public static class FlagKinds
{
    /// <summary>
    /// A flag's kind in plain words. Kinds are named by the student's browser ("tab-hidden"), so any
    /// new kind reads sensibly ("Tab hidden") without a server change.
    /// </summary>
    public static string Describe(string kind)
    {
        var words = kind.Replace('-', ' ').Replace('_', ' ').Trim();
        return words.Length == 0 ? "Unknown" : char.ToUpperInvariant(words[0]) + words[1..];
    }
}
