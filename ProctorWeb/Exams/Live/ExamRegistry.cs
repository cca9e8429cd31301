using System.Globalization;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Localization;
using ProctorWeb.Text;

namespace ProctorWeb.Exams.Live;

/// <summary>
/// The registry in this process's memory: one lock over every exam's seats, held only for bookkeeping. Its seats
/// are in ExamRegistry.Seats.cs, admission in ExamRegistry.Admission.cs. Refusals read in the caller's language
/// (the hub's culture filter sets it per call).
/// </summary>
public sealed partial class ExamRegistry(TimeProvider time, IStringLocalizer<LiveText> T) : IExamRegistry
{
    private readonly Lock _gate = new();
    private readonly Dictionary<int, Room> _rooms = new();
    private readonly Dictionary<string, Member> _members = new();
    // Students whose connection dropped without a goodbye: shown as reconnecting until they return or the grace ends.
    private readonly Dictionary<(int ExamId, int RosterId), string> _reconnecting = new();

    public StudentJoin JoinStudent(string connectionId, Action abort, LiveExam exam, int rosterId, string name, bool needsAdmission = false, Accommodation? accommodation = null)
    {
        lock (_gate)
        {
            // One seat per connection: a second one would outlive the first's cleanup.
            if (_members.TryGetValue(connectionId, out var seated))
            {
                throw new HubException(seated is Proctor ? T["This connection is already watching an exam, so it cannot also join one as a student."] : T["This connection has already joined an exam."]);
            }
            var room = RoomFor(exam);
            _reconnecting.Remove((exam.Id, rosterId));
            ReplacedConnection? replaced = null;
            if (room.Students.TryGetValue(rosterId, out var older))
            {
                // The same invitation in a newer tab takes over; the older one is told and cut off.
                _members.Remove(older.ConnectionId);
                replaced = new ReplacedConnection(older.ConnectionId, older.Abort);
            }
            var student = new Student(room, connectionId, abort, rosterId, name)
            {
                NeedsAdmission = needsAdmission,
                Accommodation = accommodation ?? Accommodation.None,
                // The proctor sees why the camera blinked: the same student, elsewhere, not a new one or a drop.
                // In English for every proctor: the monitor shows t(notice) (LiveClientText).
                Notices = replaced is null ? null : [StudentNotices.MovedToAnotherTab],
            };
            room.Students[rosterId] = student;
            _members[connectionId] = student;
            return new StudentJoin(student.Seat, StateFor(student), replaced);
        }
    }

    public (StudentSeat? Changed, ExamState State) Ready(string connectionId)
    {
        lock (_gate)
        {
            var student = StudentOf(connectionId);
            StudentSeat? changed = null;
            if (student.Status == StudentStatus.Checking)
            {
                student.Status = student.NeedsAdmission && student.Window.PhaseAt(Now) != ExamPhase.Over
                    ? StudentStatus.AwaitingAdmission
                    : StatusByClock(student);
                changed = student.Seat;
            }
            return (changed, StateFor(student));
        }
    }

    public ProctorWatch Watch(string connectionId, Action abort, LiveExam exam, string userId, string name, IReadOnlyList<StudentTile> roster)
    {
        lock (_gate)
        {
            if (_members.TryGetValue(connectionId, out var seated))
            {
                throw new HubException(seated is Student ? T["This connection has already joined an exam as a student, so it cannot also watch one."] : T["This connection is already watching an exam."]);
            }
            var room = RoomFor(exam);
            var proctor = new Proctor(room, connectionId, abort, userId, name);
            room.Proctors[connectionId] = proctor;
            _members[connectionId] = proctor;
            var tiles = roster.Select(t =>
                room.Students.TryGetValue(t.Id, out var seated) ? seated.Seat.Tile with { Photos = t.Photos, Accommodation = t.Accommodation }
                : _reconnecting.ContainsKey((exam.Id, t.Id)) ? t with { Status = StudentStatus.Reconnecting, HandRaisedAtUtc = room.RaisedHands.TryGetValue(t.Id, out var at) ? at : null }
                : t).ToList();
            return new ProctorWatch(proctor.Seat, tiles, LiveConnections(room));
        }
    }

    public Departure? Leave(string connectionId, bool unexpected)
    {
        lock (_gate)
        {
            if (!_members.Remove(connectionId, out var member))
            {
                return null;
            }
            var room = member.Room;
            Departure departure;
            switch (member)
            {
                case Student student:
                    room.Students.Remove(student.RosterId);
                    var wasIn = student.Status != StudentStatus.Finished;
                    if (wasIn)
                    {
                        student.Status = unexpected ? StudentStatus.Reconnecting : StudentStatus.Left;
                        if (unexpected)
                        {
                            _reconnecting[(room.Exam.Id, student.RosterId)] = student.Name;
                        }
                        else
                        {
                            room.RaisedHands.Remove(student.RosterId);
                        }
                    }
                    departure = new StudentDeparture(student.Seat, RecordLeft: wasIn, ExpectBack: wasIn && unexpected);
                    break;
                case Proctor proctor:
                    room.Proctors.Remove(proctor.ConnectionId);
                    departure = new ProctorDeparture(proctor.Seat, LiveConnections(room));
                    break;
                default:
                    throw new InvalidOperationException($"Unknown member {member.GetType().Name}.");
            }
            CloseIfEmpty(room);
            return departure;
        }
    }

    public StudentTile? GiveUpOn(int examId, int rosterId)
    {
        lock (_gate)
        {
            if (_rooms.TryGetValue(examId, out var room))
            {
                room.RaisedHands.Remove(rosterId);
            }
            return _reconnecting.Remove((examId, rosterId), out var name) ? new StudentTile(rosterId, name, StudentStatus.Left) : null;
        }
    }

    // No allocation beyond the route: this runs for every relayed candidate and description.
    public SignalRoute RouteSignal(string connectionId, string to)
    {
        lock (_gate)
        {
            return MemberOf(connectionId) switch
            {
                Student student when StudentStatus.OnCamera(student.Status) && student.Room.Proctors.ContainsKey(to) => new SignalRoute(to, student.Id),
                Proctor proctor when StudentOnCamera(proctor.Room, to) is { } student => new SignalRoute(student.ConnectionId, proctor.ConnectionId),
                _ => throw new HubException(T["You can only send signaling between a student past the device check and a proctor of the same exam."]),
            };
        }
    }

    public ProctorSeat ProctorOf(string connectionId)
    {
        lock (_gate)
        {
            return ProctorMember(connectionId).Seat;
        }
    }

    public (ProctorSeat Proctor, StudentSeat Student) ProctorAndStudentOnCamera(string connectionId, string studentId)
    {
        lock (_gate)
        {
            var proctor = ProctorMember(connectionId);
            var student = StudentOnCamera(proctor.Room, studentId) ?? throw new HubException(T["That student is not live in this exam."]);
            return (proctor.Seat, student.Seat);
        }
    }

    StudentSeat IExamRegistry.StudentOf(string connectionId)
    {
        lock (_gate)
        {
            return StudentOf(connectionId).Seat;
        }
    }

    public StudentSeat ReportingStudent(string connectionId)
    {
        lock (_gate)
        {
            var student = StudentOf(connectionId);
            return student.Status == StudentStatus.Finished ? throw new HubException(T["Your exam is over, so there is nothing more to report."]) : student.Seat;
        }
    }

    public IReadOnlyList<StudentUpdate> Start(int examId) =>
        Change(examId, s => s.Status == StudentStatus.Waiting, s => s.Status = StudentStatus.Live);

    public IReadOnlyList<StudentUpdate> End(int examId, DateTime atUtc) =>
        Change(examId, s => s.Status != StudentStatus.Finished && s.Window.EndsAtUtc <= atUtc, s => s.Status = StudentStatus.Finished);

    public StudentUpdate? Accommodate(int examId, int rosterId, Accommodation accommodation)
    {
        lock (_gate)
        {
            if (!_rooms.TryGetValue(examId, out var room) || !room.Students.TryGetValue(rosterId, out var student))
            {
                return null;
            }
            student.Accommodation = accommodation;
            return new StudentUpdate(student.Seat, StateFor(student));
        }
    }

    public IReadOnlyList<StudentUpdate> Reschedule(LiveExam exam)
    {
        lock (_gate)
        {
            if (!_rooms.TryGetValue(exam.Id, out var room) || room.Exam == exam)
            {
                return [];
            }
            room.Exam = exam;
        }
        return Change(exam.Id, s => StudentStatus.OnCamera(s.Status), _ => { });
    }

    public StudentSeat? Dismiss(int examId, int rosterId)
    {
        lock (_gate)
        {
            // Not coming back either: a grace running out later must not put the tile back as "left".
            _reconnecting.Remove((examId, rosterId));
            if (!_rooms.TryGetValue(examId, out var room) || !room.Students.Remove(rosterId, out var student))
            {
                return null;
            }
            _members.Remove(student.ConnectionId);
            room.RaisedHands.Remove(rosterId);
            student.Status = StudentStatus.Finished;
            CloseIfEmpty(room);
            return student.Seat;
        }
    }

    public IReadOnlyList<ProctorDeparture> Unwatch(int examId, IReadOnlySet<string> proctorIds)
    {
        lock (_gate)
        {
            if (!_rooms.TryGetValue(examId, out var room))
            {
                return [];
            }
            var gone = room.Proctors.Values.Where(p => !proctorIds.Contains(p.Seat.UserId)).ToList();
            foreach (var proctor in gone)
            {
                room.Proctors.Remove(proctor.ConnectionId);
                _members.Remove(proctor.ConnectionId);
            }
            var departures = gone.Select(p => new ProctorDeparture(p.Seat, LiveConnections(room))).ToList();
            CloseIfEmpty(room);
            return departures;
        }
    }

    public bool IsOpen(int examId)
    {
        lock (_gate)
        {
            return _rooms.ContainsKey(examId);
        }
    }

    private List<StudentUpdate> Change(int examId, Func<Student, bool> which, Action<Student> change)
    {
        lock (_gate)
        {
            if (!_rooms.TryGetValue(examId, out var room))
            {
                return [];
            }
            var updates = new List<StudentUpdate>();
            foreach (var student in room.Students.Values.Where(which))
            {
                change(student);
                updates.Add(new StudentUpdate(student.Seat, StateFor(student)));
            }
            return updates;
        }
    }

    private ExamState StateFor(Student student)
    {
        var window = student.Window;
        // A student's own status decides first: a start timer may fire a hair before the clock reads the start.
        var phase = student.Status switch
        {
            StudentStatus.Finished => Phases.Over,
            StudentStatus.Live => Phases.Running,
            StudentStatus.AwaitingAdmission => Phases.Admission,
            _ => window.PhaseAt(Now) switch
            {
                ExamPhase.Running => Phases.Running,
                ExamPhase.Over => Phases.Over,
                _ => Phases.Waiting,
            },
        };
        // Proctors' connection ids are handed out only once the student is past the device check and sends media.
        IReadOnlyList<string> proctors = StudentStatus.OnCamera(student.Status) ? student.Room.Proctors.Keys.ToList() : [];
        return new ExamState(phase, Now, window.StartsAtUtc, window.EndsAtUtc, proctors, student.Accommodation.ExtraMinutes, student.Accommodation.ExemptKinds,
            student.HandRaisedAtUtc is not null);
    }

    private Room RoomFor(LiveExam exam)
    {
        if (!_rooms.TryGetValue(exam.Id, out var room))
        {
            room = new Room(exam);
            _rooms[exam.Id] = room;
        }
        return room;
    }

    private void CloseIfEmpty(Room room)
    {
        if (room.IsEmpty)
        {
            _rooms.Remove(room.Exam.Id);
        }
    }

    private string StatusByClock(Student student) => student.Window.PhaseAt(Now) switch
    {
        ExamPhase.Running => StudentStatus.Live,
        ExamPhase.Over => StudentStatus.Finished,
        _ => StudentStatus.Waiting,
    };

    private static List<string> LiveConnections(Room room) =>
        room.Students.Values.Where(s => StudentStatus.OnCamera(s.Status)).Select(s => s.ConnectionId).ToList();

    private static Student? StudentOnCamera(Room room, string studentId) =>
        SeatedStudent(room, studentId) is { } student && StudentStatus.OnCamera(student.Status) ? student : null;

    /// <summary>The student seated in the room under this roster id, as proctors address students; null for anything else.</summary>
    private static Student? SeatedStudent(Room room, string studentId) =>
        int.TryParse(studentId, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && room.Students.TryGetValue(id, out var student) ? student : null;

    private Member MemberOf(string connectionId) =>
        _members.TryGetValue(connectionId, out var member) ? member : throw new HubException(T["Join an exam first: open your personal link, or the exam's monitor."]);

    private Student StudentOf(string connectionId) =>
        MemberOf(connectionId) as Student ?? throw new HubException(T["Only a student can do that."]);

    private Proctor ProctorMember(string connectionId) =>
        MemberOf(connectionId) as Proctor ?? throw new HubException(T["Only a proctor of this exam can do that."]);

    private DateTime Now => time.GetUtcNow().UtcDateTime;
}
