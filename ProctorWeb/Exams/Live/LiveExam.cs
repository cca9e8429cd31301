using ProctorWeb.Data;

namespace ProctorWeb.Exams.Live;

/// <summary>
/// What the live parts know of an exam: its id, its title and its times for everyone; with the moment a proctor
/// ended it, each student's own window follows from their extra minutes.
/// </summary>
public sealed record LiveExam(int Id, string Title, ExamWindow Window, DateTime? EndedEarlyAtUtc = null)
{
    public static LiveExam Of(Exam exam, ExamOptions options) => new(exam.Id, exam.Title, ExamWindow.Of(exam, options), exam.EndedEarlyAtUtc);

    public ExamWindow WindowFor(int extraMinutes) => Window with { EndsAtUtc = Exam.ExtendedEnd(Window.EndsAtUtc, extraMinutes, EndedEarlyAtUtc) };
}

/// <summary>One connection's place in a live exam, as the registry saw it at that moment.</summary>
public abstract record Seat(string ConnectionId, int ExamId);

public sealed record ProctorSeat(string ConnectionId, int ExamId, string UserId, string Name) : Seat(ConnectionId, ExamId);

/// <param name="Notices">What proctors should know about the student's page, in words.</param>
/// <param name="Accommodation">The student's own, which proctors see and their flag reports are held to.</param>
/// <param name="HandRaisedAtUtc">When the student raised their hand, while it is up.</param>
public sealed record StudentSeat(string ConnectionId, int ExamId, int RosterId, string Name, string Status, IReadOnlyList<string>? Notices = null, Accommodation? Accommodation = null,
    DateTime? HandRaisedAtUtc = null) : Seat(ConnectionId, ExamId)
{
    public StudentTile Tile => new(RosterId, Name, Status, Notices, HandRaisedAtUtc: HandRaisedAtUtc);
}

/// <param name="Changed">False when the hand already was as asked: nobody needs telling again.</param>
public sealed record HandChange(StudentSeat Student, bool Changed);

/// <summary>A connection the registry let go of, with the means to close it from the server side.</summary>
public sealed record ReplacedConnection(string ConnectionId, Action Abort);

/// <summary>A student's new status, with the state their page needs to follow it.</summary>
public sealed record StudentUpdate(StudentSeat Student, ExamState State);

public sealed record StudentJoin(StudentSeat Student, ExamState State, ReplacedConnection? Replaced);

/// <param name="Tiles">The roster as the proctor should see it: live students as they are now.</param>
/// <param name="LiveStudents">Connections of the students on camera now (waiting, awaiting admission or live), who should call the new proctor.</param>
public sealed record ProctorWatch(ProctorSeat Proctor, IReadOnlyList<StudentTile> Tiles, IReadOnlyList<string> LiveStudents);

/// <summary>What a closed connection leaves behind.</summary>
public abstract record Departure;

/// <param name="Student">With the status the proctors should now see.</param>
/// <param name="RecordLeft">The student was in the exam (not finished), so the leave belongs in their attendance.</param>
/// <param name="ExpectBack">The connection died rather than closed: the student may come back within the grace time.</param>
public sealed record StudentDeparture(StudentSeat Student, bool RecordLeft, bool ExpectBack) : Departure;

/// <param name="LiveStudents">Connections of the students on camera, whose peer connection to this proctor should close.</param>
public sealed record ProctorDeparture(ProctorSeat Proctor, IReadOnlyList<string> LiveStudents) : Departure;

/// <summary>Where one relayed signaling message goes, and who it says it is from.</summary>
public readonly record struct SignalRoute(string TargetConnectionId, string From);
