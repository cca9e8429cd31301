namespace ProctorWeb.Exams;

/// <summary>Why a student's browser could not run the face checks, as the page reports it and as proctors read it.</summary>
/// <remarks>Sent in English to the proctors' tiles: the monitor shows t(words), so each text here must also be in LiveClientText.</remarks>
public static class FaceCheckProblems
{
    private static readonly IReadOnlyDictionary<string, string> Reasons = new Dictionary<string, string>
    {
        ["load-failed"] = "Face checks unavailable on this device (the face model could not load)",
        ["too-slow"] = "Face checks unavailable on this device (too slow)",
        ["unsupported"] = "Face checks unavailable on this device (not supported by the browser)",
        ["check-failed"] = "Face checks stopped on this device (a check failed)",
    };

    /// <summary>The words for a reason the page sent, or null for one it should not have.</summary>
    public static string? Words(string? reason) => reason is not null && Reasons.TryGetValue(reason, out var words) ? words : null;
}
