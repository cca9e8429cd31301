using System.ComponentModel.DataAnnotations;
using ProctorWeb.Security;

namespace ProctorWeb.Evidence;

/// <summary>Clips around flags: where they are kept, how long they are, and how much one student may send.</summary>
public sealed class ClipOptions
{
    public const string Section = "Clips";

    /// <summary>The folder of clip files; a relative path is taken from the content root, as the SQLite file's is.</summary>
    [Required]
    public string DataPath { get; set; } = "data/clips";

    /// <summary>How much of what came before a flag (or a proctor's click) a clip holds.</summary>
    [Range(1, 120)]
    public int SecondsBefore { get; set; } = 10;

    /// <summary>How much of what came after; also how often one student may be asked to keep a clip.</summary>
    [Range(1, 120)]
    public int SecondsAfter { get; set; } = 10;

    /// <summary>
    /// How often the student's page starts a fresh recorder. A recording plays only from its own start, so a clip is
    /// the newest recording begun at least <see cref="SecondsBefore"/> before the moment: it holds up to this much more
    /// before it. Shorter means tighter clips and more recorders running at once ((before + step) / step + 1).
    /// </summary>
    [Range(1, 60)]
    public int RecorderStepSeconds { get; set; } = 5;

    /// <summary>The longest span a whole clip may declare, before the slack for clocks and the flag's grace.</summary>
    public int LongestClipSeconds => SecondsBefore + RecorderStepSeconds + SecondsAfter;

    /// <summary>8 MB: a 20 s camera-and-microphone clip at MediaRecorder's usual rates is well under 2 MB.</summary>
    [Range(1024, 1L << 30)]
    public long MaxBytesPerClip { get; set; } = 8 * 1024 * 1024;

    [Range(1, 1000)]
    public int MaxClipsPerStudent { get; set; } = 20;

    /// <summary>How long after the exam's end a clip may still arrive (the last flag's clip is recorded after it).</summary>
    [Range(0, 24 * 60)]
    public int UploadGraceMinutes { get; set; } = 10;

    /// <summary>At most the request body limit, since each chunk is one request's whole body.</summary>
    [Range(1024, RequestLimits.MaxBodyBytes)]
    public int ChunkBytes { get; set; } = (int)RequestLimits.MaxBodyBytes;
}
