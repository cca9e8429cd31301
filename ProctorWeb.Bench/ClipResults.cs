namespace ProctorWeb.Bench;

/// <summary>
/// Scenario 8: the student's exam page with its rolling clip recorders as the product runs them, against the same page
/// whose recorder is a stand-in that encodes nothing; the clip the page sent for a paste flag, with each camera; and
/// what an exam's clips need on disk, from the clip of the camera that changes more.
/// </summary>
public sealed record ClipResult(RecorderRun Product, RecorderRun StandIn, ClipSample PatternClip, ClipSample FaceClip, ClipSettings Settings,
    double WindowSeconds, double LoadAverageBefore, double LoadAverageAfter)
{
    public double ExtraRendererPercent => Product.RendererPercent - StandIn.RendererPercent;

    public double ExtraBrowserPercent => Product.BrowserPercent - StandIn.BrowserPercent;

    public ClipDisk Disk => ClipDisk.Of(PatternClip.TotalBytes, Settings);
}

/// <summary>
/// One exam page over the window: CPU in percent of one core (its renderer, and the whole browser), and its recorders:
/// how many it made during the window, and how many were recording at once (the most, and on average over time).
/// </summary>
public sealed record RecorderRun(double RendererPercent, double BrowserPercent, int RecordersMade, int MostRecording, double MeanRecording);

/// <summary>
/// One clip as the page described it when it started the upload (<c>POST /Join/Clips</c>), the chunks it then sent
/// until the server said the clip is whole, and the time from the flag to that answer.
/// </summary>
public sealed record ClipSample(string Camera, string CameraSize, string MimeType, string Source, long TotalBytes, double SpanSeconds, int Chunks, double FlagToWholeSeconds)
{
    public double BytesPerSecond => TotalBytes / SpanSeconds;
}

/// <summary>
/// What the clips were recorded with: the room page's clip settings, the bit rates the page asked of each
/// MediaRecorder, and the app's quota of clips per student.
/// </summary>
public sealed record ClipSettings(int SecondsBefore, int SecondsAfter, int RecorderStepSeconds, double VideoBitsPerSecond, double AudioBitsPerSecond, int MaxClipsPerStudent)
{
    /// <summary>A clip holds this much around its moment, and up to a recorder step more of what came before.</summary>
    public int ClipSeconds => SecondsBefore + SecondsAfter;

    public int LongestClipSeconds => ClipSeconds + RecorderStepSeconds;

    /// <summary>
    /// What <paramref name="seconds"/> of clip weigh at the bit rates asked of the recorder. These are the encoders'
    /// targets, not a hard limit, and the WebM container adds a little; still the planning figure for a real camera.
    /// </summary>
    public double CapBytes(double seconds) => (VideoBitsPerSecond + AudioBitsPerSecond) / 8 * seconds;
}

/// <summary>
/// Disk for the camera clips of one exam of <see cref="Students"/> students. Expected: <see cref="FlagClipsPerStudent"/>
/// flag clips per student (flags within 3 s of each other share one) and one clip kept by a proctor per ten students,
/// each as large as the measured clip (and, as a real camera's would come nearer to, at the recorder's bit rates). Bound: every
/// student sends the whole quota, each clip at the recorder's bit rates, of the usual span and of the longest. Neither
/// grows with the exam's length: clips are per moment, not per minute.
/// </summary>
public sealed record ClipDisk(int Students, double ClipsPerStudent, double ClipBytes, double ExpectedBytes, double ExpectedAtCapBytes, int QuotaClips, double BoundBytes, double LongestBoundBytes)
{
    public const int ExamStudents = 100;
    public const int ExamHours = 2;
    public const double FlagClipsPerStudent = 4;
    public const double KeptClipsPerStudent = 0.1;

    public static ClipDisk Of(double clipBytes, ClipSettings settings)
    {
        const double perStudent = FlagClipsPerStudent + KeptClipsPerStudent;
        var quota = ExamStudents * settings.MaxClipsPerStudent;
        return new ClipDisk(ExamStudents, perStudent, clipBytes, ExamStudents * perStudent * clipBytes, ExamStudents * perStudent * settings.CapBytes(settings.ClipSeconds),
            quota, quota * settings.CapBytes(settings.ClipSeconds), quota * settings.CapBytes(settings.LongestClipSeconds));
    }
}
