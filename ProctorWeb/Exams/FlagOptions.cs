using System.ComponentModel.DataAnnotations;

namespace ProctorWeb.Exams;

/// <summary>Thresholds of the detectors in the student's browser; handed to the page, so operators can tune them.</summary>
public sealed class FlagOptions
{
    public const string Section = "Flags";

    /// <summary>How long a condition must last before it becomes a flag (and how long it must be gone to end).</summary>
    [Range(0, 60_000)]
    public int GraceMilliseconds { get; set; } = 1000;

    /// <summary>How often camera frames and microphone levels are sampled.</summary>
    [Range(100, 10_000)]
    public int SampleMilliseconds { get; set; } = 500;

    /// <summary>Mean brightness (0–255) below which the camera counts as covered or dark.</summary>
    [Range(0, 255)]
    public double DarkBrightness { get; set; } = 30;

    /// <summary>Mean change per pixel (0–255) between samples below which the picture counts as frozen.</summary>
    [Range(0, 255)]
    public double FrozenDifference { get; set; } = 0.3;

    /// <summary>Microphone RMS level (0–1) above which sound counts as voice or noise.</summary>
    [Range(0, 1)]
    public double VoiceLevel { get; set; } = 0.05;

    /// <summary>How often the face checks look at the camera (when the exam has them on).</summary>
    [Range(200, 60_000)]
    public int FaceCheckMilliseconds { get; set; } = 1000;

    /// <summary>Head turned left or right by more than this many degrees counts as turned away.</summary>
    [Range(5, 90)]
    public double TurnedAwayDegrees { get; set; } = 30;

    /// <summary>
    /// How unlike the ID check's face photo (1 − the face description's similarity, 0–1) the live face must be to
    /// count as a different person.
    /// </summary>
    [Range(0, 1)]
    public double DifferentPersonDistance { get; set; } = 0.4;

    /// <summary>A device whose checks take longer than this (median) is told they are unavailable rather than slowed down.</summary>
    [Range(50, 10_000)]
    public int FaceCheckSlowMilliseconds { get; set; } = 500;
}
