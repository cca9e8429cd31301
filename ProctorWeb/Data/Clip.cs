namespace ProctorWeb.Data;

/// <summary>
/// A short recording a student's page uploaded as evidence for one of their flags, or because a proctor asked to
/// keep one. Its bytes are a file in the clips folder (<see cref="FileName"/>); proctors see it only once complete.
/// </summary>
public class Clip
{
    public long Id { get; set; }
    public int RosterEntryId { get; set; }
    public RosterEntry? RosterEntry { get; set; }
    /// <summary>One of <see cref="ClipKinds"/>: evidence for <see cref="FlagId"/>, or kept at <see cref="RequestId"/>'s request.</summary>
    public string Kind { get; set; } = "";
    public long? FlagId { get; set; }
    public Flag? Flag { get; set; }
    public long? RequestId { get; set; }
    public ClipRequest? Request { get; set; }
    /// <summary>One of <see cref="ClipSources"/>: the camera with the microphone, or the shared screen.</summary>
    public string Source { get; set; } = ClipSources.Camera;
    /// <summary>video/webm, with the codecs MediaRecorder named, as served back to proctors.</summary>
    public string MimeType { get; set; } = "";
    /// <summary>What the recording covers, as the student's page declared it.</summary>
    public DateTime StartedAtUtc { get; set; }
    public DateTime EndedAtUtc { get; set; }
    public long DeclaredBytes { get; set; }
    public long ReceivedBytes { get; set; }
    public bool Complete { get; set; }
    /// <summary>Lower-case hex SHA-256 of the finished file, so a copy can later be shown to be the same evidence.</summary>
    public string? Sha256 { get; set; }
    /// <summary>Random, never derived from anything the student sent.</summary>
    public string FileName { get; set; } = "";
    public DateTime CreatedAtUtc { get; set; }
    public DateTime? CompletedAtUtc { get; set; }
}

/// <summary>
/// What a clip shows. A browser records one video per file, so a flag of a student who shares the screen has two
/// clips of the same moment: the camera's (with the microphone) and the screen's.
/// </summary>
public static class ClipSources
{
    public const string Camera = "camera";
    public const string Screen = "screen";

    public static bool IsKnown(string? source) => source is Camera or Screen;
}

public static class ClipKinds
{
    public const string Flag = "flag";
    public const string Kept = "kept";
}

/// <summary>A proctor's "Keep a clip" on a student's tile: the student's page uploads a clip for it.</summary>
public class ClipRequest
{
    public long Id { get; set; }
    public int RosterEntryId { get; set; }
    /// <summary>Null once the proctor's account is deleted; the kept clip stays with the exam.</summary>
    public string? ProctorId { get; set; }
    public AppUser? Proctor { get; set; }
    public DateTime AtUtc { get; set; }
}
