namespace ProctorWeb.Exams.Live;

/// <summary>
/// The only holder of live membership: who is connected to which exam, on which connection, as proctor or
/// student, and with which status. It alone answers "may A send to B". It does no I/O: callers send what
/// its answers call for (ExamNotifier) and record what needs recording. Behind an interface so that a
/// later deployment can keep it elsewhere than in this process's memory.
/// </summary>
public interface IExamRegistry
{
    /// <summary>Seats a student (checking devices). A tab of the same invitation already seated is replaced and returned.</summary>
    /// <param name="needsAdmission">A proctor must admit the student after the device check (and has not yet).</param>
    /// <exception cref="Microsoft.AspNetCore.SignalR.HubException">The connection already has a seat.</exception>
    /// <param name="accommodation">The student's extra minutes (their own end) and exemptions.</param>
    StudentJoin JoinStudent(string connectionId, Action abort, LiveExam exam, int rosterId, string name, bool needsAdmission = false, Accommodation? accommodation = null);

    /// <summary>
    /// The student passed the device check: awaiting admission, or waiting, live or finished by the exam's clock.
    /// Null Changed: nothing changed.
    /// </summary>
    (StudentSeat? Changed, ExamState State) Ready(string connectionId);

    /// <summary>A proctor of the student's exam admits a student awaiting admission: into the waiting room or the exam.</summary>
    (ProctorSeat Proctor, StudentUpdate Student) Admit(string connectionId, string studentId);

    /// <summary>A proctor of the student's exam turns away a student awaiting admission: their seat goes at once.</summary>
    (ProctorSeat Proctor, StudentSeat Student) Reject(string connectionId, string studentId);

    /// <summary>Something the proctors should know about this student's page from now on; the seat as it now is.</summary>
    StudentSeat AddNotice(string connectionId, string notice);

    /// <summary>Seats a proctor; <paramref name="roster"/> is the roster as stored, which live seats override.</summary>
    ProctorWatch Watch(string connectionId, Action abort, LiveExam exam, string userId, string name, IReadOnlyList<StudentTile> roster);

    /// <summary>Frees the connection's seat, if it had one.</summary>
    Departure? Leave(string connectionId, bool unexpected);

    /// <summary>A student who dropped out unexpectedly and did not come back in time: null if they did, or were dismissed.</summary>
    StudentTile? GiveUpOn(int examId, int rosterId);

    /// <summary>
    /// Students on camera (waiting, awaiting admission or live) may signal their exam's proctors, and proctors their
    /// exam's students on camera; anything else is refused.
    /// </summary>
    SignalRoute RouteSignal(string connectionId, string to);

    ProctorSeat ProctorOf(string connectionId);

    StudentSeat StudentOf(string connectionId);

    /// <summary>The proctor on this connection and the student of their exam on camera with this roster id; refused otherwise.</summary>
    (ProctorSeat Proctor, StudentSeat Student) ProctorAndStudentOnCamera(string connectionId, string studentId);

    /// <summary>The student on this connection, if they may still report flags (their exam is not over).</summary>
    StudentSeat ReportingStudent(string connectionId);

    /// <summary>The exam started: waiting students go live.</summary>
    IReadOnlyList<StudentUpdate> Start(int examId);

    /// <summary>
    /// The exam ended for every seated student whose own end is at or before <paramref name="atUtc"/>: they are finished
    /// (their seat stays until their page closes). Students with extra minutes left stay.
    /// </summary>
    IReadOnlyList<StudentUpdate> End(int examId, DateTime atUtc);

    /// <summary>A seated student's accommodations changed: their new state (own end, exemptions), or null if not seated.</summary>
    StudentUpdate? Accommodate(int examId, int rosterId, Accommodation accommodation);

    /// <summary>New times for an open exam: the states of its waiting and live students, or none if nobody is in it.</summary>
    IReadOnlyList<StudentUpdate> Reschedule(LiveExam exam);

    /// <summary>A student's exam ended for them alone (a proctor ended it, or they left the roster): their seat goes at once.</summary>
    StudentSeat? Dismiss(int examId, int rosterId);

    /// <summary>Proctors watching the exam whose user is no longer one of <paramref name="proctorIds"/> lose their seats at once.</summary>
    IReadOnlyList<ProctorDeparture> Unwatch(int examId, IReadOnlySet<string> proctorIds);

    /// <summary>The student on this connection raises or lowers their hand; refused once their exam is over.</summary>
    HandChange SetHand(string connectionId, bool raised);

    /// <summary>The student on this connection, if they may still write to their proctors (their exam is not over).</summary>
    StudentSeat StudentWhoMayWrite(string connectionId);

    /// <summary>The proctor on this connection and a student seated in their exam (from the device check until their end); refused otherwise.</summary>
    (ProctorSeat Proctor, StudentSeat Student) ProctorAndStudentInExam(string connectionId, string studentId);

    /// <summary>A proctor answered: the student's hand goes down. Their seat as it now is, or null if the hand was not up.</summary>
    StudentSeat? LowerHand(int examId, int rosterId);

    /// <summary>Whether anybody is connected to the exam now.</summary>
    bool IsOpen(int examId);
}
