using Microsoft.Extensions.Localization;
using ProctorWeb.Data;

namespace ProctorWeb.Exams;

/// <summary>A student's accommodations: extra minutes at the end, and checks they are exempt from.</summary>
public sealed record Accommodation(int ExtraMinutes, Exemptions Exemptions)
{
    public static readonly Accommodation None = new(0, Exemptions.None);

    public static Accommodation Of(RosterEntry entry) => new(entry.ExtraMinutes, entry.Exemptions);

    /// <summary>
    /// Each exemption in the words teachers read, and the flag kinds it silences. Connection and device flags
    /// (camera or microphone off, a lost connection) are no behaviour to excuse, so nothing exempts from them.
    /// </summary>
    public static readonly IReadOnlyList<(Exemptions Exemption, string Label, string[] Kinds)> Kinds =
    [
        (Exemptions.Fullscreen, "Fullscreen", ["fullscreen-exited"]),
        (Exemptions.Voice, "Voice", ["voice"]),
        (Exemptions.FaceChecks, "Face checks", ["no-face", "several-faces", "turned-away", "different-person"]),
        (Exemptions.CameraPicture, "Camera picture", ["camera-covered", "camera-frozen"]),
        (Exemptions.ScreenSharing, "Screen sharing", ["screen-share-stopped", "second-screen"]),
        (Exemptions.LeavingThePage, "Leaving the page", ["left-page"]),
        (Exemptions.CopyAndPaste, "Copy and paste", ["copy", "cut", "paste", "context-menu"]),
    ];

    public static readonly Exemptions All = Kinds.Aggregate(Exemptions.None, (all, k) => all | k.Exemption);

    public bool IsNone => ExtraMinutes == 0 && Exemptions == Exemptions.None;

    /// <summary>Whether a flag of this kind is one the student is exempt from.</summary>
    public bool Exempts(string kind) => Kinds.Any(k => Exemptions.HasFlag(k.Exemption) && k.Kinds.Contains(kind));

    /// <summary>The flag kinds the student's page must not raise.</summary>
    public IReadOnlyList<string> ExemptKinds => Kinds.Where(k => Exemptions.HasFlag(k.Exemption)).SelectMany(k => k.Kinds).ToList();

    public IReadOnlyList<string> ExemptionLabels => Kinds.Where(k => Exemptions.HasFlag(k.Exemption)).Select(k => k.Label).ToList();

    /// <summary>
    /// "+10 min; exempt from fullscreen, voice", or "" when there is none; in the reader's words with
    /// <paramref name="T"/> (ExamText) and <paramref name="Flags"/> (FlagText, which holds the exemptions' labels).
    /// </summary>
    public string Describe(IStringLocalizer? T = null, IStringLocalizer? Flags = null)
    {
        T ??= Untranslated.Text;
        Flags ??= Untranslated.Text;
        var parts = new List<string>();
        if (ExtraMinutes > 0)
        {
            parts.Add(T["+{0} min", ExtraMinutes]);
        }
        if (Exemptions != Exemptions.None)
        {
            var labels = ExemptionLabels.Select(label => Flags[label].Value);
            parts.Add(T["exempt from {0}", string.Join(T[", "], labels).ToLowerInvariant()]);
        }
        return string.Join(T["; "], parts);
    }
}
