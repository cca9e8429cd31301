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
    };

    public static bool IsKnown(string? kind) => kind is not null && Labels.ContainsKey(kind);

    public static string Label(string kind) => Labels.TryGetValue(kind, out var label) ? label : kind;
}
