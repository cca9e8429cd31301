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
}
