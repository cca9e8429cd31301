namespace ProctorWeb.Data;

/// <summary>A scheduled exam. Times are UTC; pages show them in the viewer's time zone.</summary>
public class Exam
{
    public int Id { get; set; }
    public string Title { get; set; } = "";
    public string Instructions { get; set; } = "";
    public DateTime StartsAtUtc { get; set; }
    public int DurationMinutes { get; set; }
    /// <summary>How long after the start a student who has not joined yet may still join.</summary>
    public int LateJoinMinutes { get; set; }
    public string OwnerId { get; set; } = "";
    public AppUser? Owner { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    /// <summary>Students are asked to stay in fullscreen, and leaving it raises a flag.</summary>
    public bool RequireFullscreen { get; set; }
    /// <summary>Students take a photo of their face and of their ID card in the device check.</summary>
    public bool RequireIdCheck { get; set; }
    /// <summary>Students share their entire screen with the proctors for the whole exam.</summary>
    public bool RequireScreenShare { get; set; }
    /// <summary>The student's browser watches its camera for no face, several faces, a face turned away or a different person.</summary>
    public bool FaceChecks { get; set; }
    public AdmissionMode Admission { get; set; }
    /// <summary>Set when a proctor ended the exam for everyone before its scheduled end.</summary>
    public DateTime? EndedEarlyAtUtc { get; set; }
    /// <summary>Days after the end that students' data is kept; null keeps it the site's default (Retention:DefaultDays).</summary>
    public int? RetentionDays { get; set; }
    /// <summary>Set in the transaction that deleted everything about the exam's students; the counts below stay.</summary>
    public DateTime? DataDeletedAtUtc { get; set; }
    /// <summary>How many students were on the roster when their data was deleted.</summary>
    public int? StudentCount { get; set; }
    /// <summary>How many flags those students had when their data was deleted.</summary>
    public int? FlagCount { get; set; }
    public List<ExamProctor> CoProctors { get; set; } = [];
    public List<RosterEntry> Roster { get; set; } = [];

    public DateTime ScheduledEndUtc => StartsAtUtc.AddMinutes(DurationMinutes);
    /// <summary>When the exam ends or ended for students without extra time: as scheduled, or earlier when a proctor ended it.</summary>
    public DateTime EndsAtUtc => EndOf(StartsAtUtc, DurationMinutes, EndedEarlyAtUtc);
    /// <summary>When the exam ends for a student with this many extra minutes (see <see cref="ExtendedEnd"/>).</summary>
    public DateTime EndsAtUtcFor(int extraMinutes) => EndOf(StartsAtUtc, DurationMinutes, EndedEarlyAtUtc, extraMinutes);
    public bool EndedEarly => EndsAtUtc < ScheduledEndUtc;
    public DateTime LateJoinClosesAtUtc => StartsAtUtc.AddMinutes(LateJoinMinutes);

    /// <summary>
    /// The one rule for an exam's end, for queries that project the columns rather than load the exam.
    /// An early end after the scheduled one (the exam was moved later) does not count.
    /// </summary>
    public static DateTime EndOf(DateTime startsAtUtc, int durationMinutes, DateTime? endedEarlyAtUtc, int extraMinutes = 0)
    {
        var scheduled = startsAtUtc.AddMinutes(durationMinutes);
        var forEveryone = endedEarlyAtUtc is { } early && early < scheduled ? early : scheduled;
        return ExtendedEnd(forEveryone, extraMinutes, endedEarlyAtUtc);
    }

    /// <summary>
    /// The one rule for a student's own end, from the end of the exam for everyone else: that many minutes later,
    /// unless a proctor ended the exam for everyone before then (also during the extra minutes, which end with it).
    /// </summary>
    public static DateTime ExtendedEnd(DateTime endsAtUtc, int extraMinutes, DateTime? endedEarlyAtUtc)
    {
        var own = endsAtUtc.AddMinutes(extraMinutes);
        return endedEarlyAtUtc is { } early && early >= endsAtUtc && early < own ? early : own;
    }
}

/// <summary>How students who passed the device check get into the exam.</summary>
public enum AdmissionMode
{
    /// <summary>Straight in (or into the waiting room before the start).</summary>
    Automatic = 0,
    /// <summary>They wait, camera live for the proctors, until a proctor admits or rejects them.</summary>
    ByProctor = 1,
}

/// <summary>Another teacher who may see and proctor an exam.</summary>
public class ExamProctor
{
    public int ExamId { get; set; }
    public string UserId { get; set; } = "";
    public AppUser? User { get; set; }
}

/// <summary>A student on an exam's roster, with their personal invitation.</summary>
public class RosterEntry
{
    public int Id { get; set; }
    public int ExamId { get; set; }
    public Exam? Exam { get; set; }
    public string Name { get; set; } = "";
    public string Email { get; set; } = "";
    /// <summary>Random per invitation; with the server's key it re-derives the link (see InvitationCodes).</summary>
    public byte[] InvitationNonce { get; set; } = [];
    /// <summary>SHA-256 of the invitation secret, for lookup; the secret itself is never stored.</summary>
    public string InvitationHash { get; set; } = "";
    public DateTime? RemovedAtUtc { get; set; }
    /// <summary>Accommodation: the student's exam ends this many minutes after everyone else's.</summary>
    public int ExtraMinutes { get; set; }
    /// <summary>Accommodation: the checks the student's page does not run, and whose flags the server refuses.</summary>
    public Exemptions Exemptions { get; set; }
    /// <summary>When the owner last had the link mailed to the student and the mail server took it; null if never.</summary>
    public DateTime? LinkSentAtUtc { get; set; }
    public List<AttendanceEvent> Attendance { get; set; } = [];
    public List<Flag> Flags { get; set; } = [];
}

/// <summary>One moment in a student's attendance: joined, left, rejoined, finished.</summary>
public class AttendanceEvent
{
    public long Id { get; set; }
    public int RosterEntryId { get; set; }
    public RosterEntry? RosterEntry { get; set; }
    public string Kind { get; set; } = "";
    public DateTime AtUtc { get; set; }
    /// <summary>Why, where a person decided it (a proctor ending a student's exam, or rejecting them).</summary>
    public string? Detail { get; set; }
    /// <summary>The proctor who decided it (ended, admitted or rejected), when a person did.</summary>
    public string? ActorId { get; set; }
    public AppUser? Actor { get; set; }
}

public static class AttendanceKinds
{
    public const string Joined = "joined";
    public const string Left = "left";
    public const string Rejoined = "rejoined";
    public const string Finished = "finished";
    public const string EndedByProctor = "ended-by-proctor";
    public const string Admitted = "admitted";
    public const string Rejected = "rejected";
    /// <summary>
    /// The server holding the exam died: from AtUtc for Detail seconds nobody watched the student, until another
    /// server took the exam over (cluster mode).
    /// </summary>
    public const string ServerLost = "server-lost";
}

public static class ExamLimits
{
    public const int TitleLength = 200;
    public const int InstructionsLength = 4000;
    public const int MinDurationMinutes = 5;
    public const int MaxDurationMinutes = 600;
    /// <summary>How far ahead an exam may be scheduled: far enough for any school year, and far from where dates overflow.</summary>
    public const int MaxYearsAhead = 2;
    public const int NameLength = 100;
    public const int EmailLength = 256;
    public const int NoteLength = 2000;
    public const int ReasonLength = 500;
    public const int MessageLength = 1000;
    /// <summary>Extra time a student may be given: as long as the longest exam, which covers double time.</summary>
    public const int MaxExtraMinutes = 600;
    /// <summary>The teacher's own words in the mail that carries students' links.</summary>
    public const int InvitationMessageLength = 2000;
}
