using ProctorWeb.Realtime;

namespace ProctorWeb.Exams;

public static class StudentStatus
{
    public const string NotJoined = "not-joined";
    public const string Checking = "checking";
    public const string Waiting = "waiting";
    /// <summary>Passed the device check in an exam where a proctor admits each student; camera live for the proctors.</summary>
    public const string AwaitingAdmission = "awaiting-admission";
    public const string Live = "live";
    /// <summary>The connection dropped without a goodbye; the student's page is trying to come back.</summary>
    public const string Reconnecting = "reconnecting";
    public const string Left = "left";
    public const string Finished = "finished";
    /// <summary>Taken off the roster; the monitor drops the tile.</summary>
    public const string Removed = "removed";
    /// <summary>A proctor did not admit the student.</summary>
    public const string Rejected = "rejected";

    /// <summary>Past the device check and not finished: the student's camera goes to the exam's proctors.</summary>
    public static bool OnCamera(string status) => status is Waiting or AwaitingAdmission or Live;
}

public static class Phases
{
    public const string Waiting = "waiting";
    /// <summary>Waiting for a proctor to admit the student.</summary>
    public const string Admission = "admission";
    public const string Running = "running";
    public const string Over = "over";
}

/// <summary>What a student's page needs to know about time: the server decides, the browser only counts down.</summary>
/// <param name="EndsAtUtc">The student's own end, extra minutes included.</param>
/// <param name="Exempt">Flag kinds the student is exempt from: the page neither runs those checks nor raises them.</param>
/// <param name="HandRaised">The student's hand is up, as the proctors see it (it stays up over a reload until a proctor answers).</param>
public sealed record ExamState(string Phase, DateTime ServerNowUtc, DateTime StartsAtUtc, DateTime EndsAtUtc, IReadOnlyList<string> Proctors,
    int ExtraMinutes = 0, IReadOnlyList<string>? Exempt = null, bool HandRaised = false);

/// <param name="Notices">What the proctor should know about this student's page, in words ("Face checks unavailable on this device").</param>
/// <param name="Photos">The kinds of ID photo the student has taken (<see cref="Data.IdPhotoKinds"/>).</param>
/// <summary>An exam's start and end as they stand now, with the server's clock for the countdown.</summary>
/// <param name="LastEndsAtUtc">When the last student's extra minutes end (the exam's end if nobody has any): over for proctors only then.</param>
public sealed record ExamTimes(DateTime ServerNowUtc, DateTime StartsAtUtc, DateTime EndsAtUtc, DateTime LastEndsAtUtc);

/// <param name="Accommodation">Null when the message does not concern it (a status change): the monitor keeps what it had.</param>
/// <param name="HandRaisedAtUtc">When the student raised their hand, while it is up.</param>
public sealed record StudentTile(int Id, string Name, string Status, IReadOnlyList<string>? Notices = null, IReadOnlyList<string>? Photos = null, TileAccommodation? Accommodation = null,
    DateTime? HandRaisedAtUtc = null);

/// <summary>A student's accommodations as proctors see them: extra minutes with the student's own end, and exemptions in words.</summary>
/// <remarks>Exemptions are English labels (FlagText keys) sent to every proctor: the monitor shows t(label) in each one's language.</remarks>
public sealed record TileAccommodation(int ExtraMinutes, DateTime EndsAtUtc, IReadOnlyList<string> Exemptions)
{
    public static TileAccommodation Of(Data.Exam exam, Accommodation accommodation) =>
        new(accommodation.ExtraMinutes, exam.EndsAtUtcFor(accommodation.ExtraMinutes), accommodation.ExemptionLabels);
}

/// <param name="LastEndsAtUtc">When the last student's extra minutes end (see <see cref="ExamTimes"/>).</param>
/// <param name="StudentMessages">What students wrote to the proctors so far (the newest <see cref="MonitorSnapshot.RecentStudentMessages"/>), oldest first.</param>
public sealed record MonitorSnapshot(int ExamId, string Title, DateTime ServerNowUtc, DateTime StartsAtUtc, DateTime EndsAtUtc, DateTime LastEndsAtUtc,
    IReadOnlyList<StudentTile> Students, IReadOnlyList<FlagView> Flags, IReadOnlyList<StudentMessage> StudentMessages)
{
    /// <summary>A monitor opened or reloaded mid-exam shows this many of the students' latest messages; the timelines keep all.</summary>
    public const int RecentStudentMessages = 100;
}

/// <summary>A flag as the student's browser reports it: first when it starts, again when it ends (same client id).</summary>
public sealed record FlagReport(string ClientId, string Kind, DateTime StartedAtUtc, DateTime? EndedAtUtc);

/// <summary>A flag as proctors see it on the tile.</summary>
/// <remarks>Label is the English words for the kind; the monitor shows flagLabel(Kind) instead, in each proctor's language.</remarks>
public sealed record FlagView(long Id, int StudentId, string Kind, string Label, DateTime StartedAtUtc, DateTime? EndedAtUtc, string Review);

public sealed record ProctorMessage(string From, string Text, bool ToEveryone, DateTime SentAtUtc);

/// <summary>A student's message to their exam's proctors.</summary>
public sealed record StudentMessage(int StudentId, string Name, string Text, DateTime SentAtUtc);

/// <summary>
/// What a proctor asks a student's page to send: the camera or the shared screen, small or full, or nothing while the
/// proctor's tile of that student is scrolled out of view (paused).
/// </summary>
public static class Quality
{
    public const string Low = "low";
    public const string High = "high";
    public const string Paused = "paused";
    public const string ScreenLow = "screen-low";
    public const string ScreenHigh = "screen-high";
    public const string ScreenPaused = "screen-paused";

    public static bool IsKnown(string? level) => level is Low or High or Paused or ScreenLow or ScreenHigh or ScreenPaused;
}

/// <summary>The server-to-browser half of the exam hub. Students get only the first group of messages.</summary>
public interface IExamClient : ISignalingClient
{
    // To students.
    Task PhaseChanged(ExamState state);
    Task ProctorJoined(string proctorId);
    Task ProctorLeft(string proctorId);
    Task QualityRequested(string proctorId, string level);
    Task ProctorTalking(string proctorId, string proctorName, bool talking);
    Task Message(ProctorMessage message);
    /// <summary>A proctor asked for a clip of the seconds around <paramref name="atUtc"/>; the upload names <paramref name="requestId"/>.</summary>
    Task KeepClip(long requestId, DateTime atUtc);
    Task SessionReplaced();
    /// <summary>A proctor answered the student's raised hand (by message, by talking, or by lowering it).</summary>
    Task HandLowered();
    /// <summary>The student's exam ended early for them (removed from the roster, or sent away by a proctor).</summary>
    Task Dismissed(string reason);

    // To proctors.
    Task StudentChanged(StudentTile student);
    /// <summary>The student took (or retook) an ID photo of this kind.</summary>
    Task IdPhotoTaken(int studentId, string kind);
    Task FlagChanged(FlagView flag);
    /// <summary>The exam was moved or ended early: the monitor's clock follows, whoever made the change.</summary>
    Task TimesChanged(ExamTimes times);
    /// <summary>A student wrote to the proctors (their raised hand comes on the tile, with StudentChanged).</summary>
    Task StudentWrote(StudentMessage message);
    /// <summary>The owner changed the student's accommodations.</summary>
    Task AccommodationChanged(int studentId, TileAccommodation accommodation);

    // Both (ISignalingClient): `from` is a proctor's connection id for students, a roster id for proctors.
}
