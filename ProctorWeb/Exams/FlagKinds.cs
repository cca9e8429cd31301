namespace ProctorWeb.Exams;

/// <summary>Every kind of flag a student's page may raise, with the words people see.</summary>
public static class FlagKinds
{
    public static readonly IReadOnlyDictionary<string, string> Labels = new Dictionary<string, string>
    {
        ["left-page"] = "Left the exam page",
        ["fullscreen-exited"] = "Left fullscreen",
        ["copy"] = "Copy",
        ["cut"] = "Cut",
        ["paste"] = "Paste",
        ["context-menu"] = "Context menu",
        ["second-screen"] = "Second screen",
        ["camera-covered"] = "Camera covered or dark",
        ["camera-frozen"] = "Picture frozen",
        ["voice"] = "Voice or noise",
        ["camera-off"] = "Camera off",
        ["microphone-off"] = "Microphone off",
        ["server-connection-lost"] = "Lost connection to the server",
        ["proctor-connection-lost"] = "Lost connection to the proctor",
        ["no-face"] = "No face in view",
        ["several-faces"] = "More than one face",
        ["turned-away"] = "Face turned away",
        ["different-person"] = "A different person",
        ["screen-share-stopped"] = "Screen sharing stopped",
    };

    public static bool IsKnown(string? kind) => kind is not null && Labels.ContainsKey(kind);

    public static string Label(string kind) => Labels.TryGetValue(kind, out var label) ? label : Describe(kind);

    /// <summary>
    /// A flag's kind in plain words: its label, or for a kind this server does not know yet
    /// ("tab-hidden") the words themselves ("Tab hidden").
    /// </summary>
    public static string Describe(string kind)
    {
        if (Labels.TryGetValue(kind, out var label))
        {
            return label;
        }
        var words = kind.Replace('-', ' ').Replace('_', ' ').Trim();
        return words.Length == 0 ? "Unknown" : char.ToUpperInvariant(words[0]) + words[1..];
    }
}
