using Microsoft.AspNetCore.SignalR;
using ProctorWeb.Calls;
using Microsoft.Extensions.Options;
using ProctorWeb.Realtime;

namespace ProctorWeb.Exams;

/// <summary>
/// Who is connected to which exam right now, as proctor or student, and the one rule for relaying:
/// students talk only to their exam's proctors, proctors only to their exam's students. The clock
/// of each open exam (start and end) runs here too, so phases change for everyone at once.
/// </summary>
public sealed class ExamRooms(IHubContext<ExamHub, IExamClient> hub, AttendanceRecorder attendance, ExamRecorder records, IOptions<ExamOptions> options, TimeProvider time, ILogger<ExamRooms> logger)
{
    public const int MaxMessageLength = 1000;

    private readonly Lock _gate = new();
    private readonly Dictionary<int, Room> _rooms = new();
    private readonly Dictionary<string, Member> _members = new();
    // Students whose connection dropped without a goodbye: shown as reconnecting until they return or the grace ends.
    private readonly Dictionary<(int ExamId, int RosterId), (ITimer Timer, string Name)> _reconnecting = new();

    public sealed record ExamInfo(int Id, string Title, ExamWindow Window);

    private abstract class Member(Room room, string connectionId, Action abort)
    {
        public Room Room { get; } = room;
        public string ConnectionId { get; } = connectionId;
        public Action Abort { get; } = abort;
    }

    private sealed class Proctor(Room room, string connectionId, Action abort, string userId, string name) : Member(room, connectionId, abort)
    {
        public string UserId { get; } = userId;
        public string Name { get; } = name;
    }

    private sealed class Student(Room room, string connectionId, Action abort, int rosterId, string name) : Member(room, connectionId, abort)
    {
        public int RosterId { get; } = rosterId;
        /// <summary>The roster id as proctors address the student.</summary>
        public string Id { get; } = rosterId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        public string Name { get; } = name;
        public string Status { get; set; } = StudentStatus.Checking;
        public StudentTile Tile => new(RosterId, Name, Status);
    }

    private sealed class Room(ExamInfo exam)
    {
        public ExamInfo Exam { get; set; } = exam;
        public Dictionary<string, Proctor> Proctors { get; } = new();
        public Dictionary<int, Student> Students { get; } = new();
        public List<ITimer> Timers { get; } = [];
        public string ProctorGroup => ProctorGroupOf(Exam.Id);
        public string StudentGroup => StudentGroupOf(Exam.Id);
        public bool IsEmpty => Proctors.Count == 0 && Students.Count == 0;
    }

    public async Task<ExamState> JoinStudentAsync(string connectionId, Action abort, ExamInfo exam, int rosterId, string name)
    {
        var outbox = new Outbox();
        ExamState state;
        lock (_gate)
        {
            // One role per connection, as in WatchAsync: a second membership would outlive the first's cleanup.
            if (_members.ContainsKey(connectionId))
            {
                throw new HubException("This connection has already joined an exam.");
            }
            var room = RoomFor(exam);
            if (_reconnecting.Remove((exam.Id, rosterId), out var gone))
            {
                gone.Timer.Dispose();
            }
            if (room.Students.TryGetValue(rosterId, out var older))
            {
                // The same invitation in a newer tab takes over; the older one is told and cut off.
                _members.Remove(older.ConnectionId);
                outbox.Add(() => hub.Clients.Client(older.ConnectionId).SessionReplaced());
                outbox.Add(() => { older.Abort(); return Task.CompletedTask; });
            }
            var student = new Student(room, connectionId, abort, rosterId, name);
            room.Students[rosterId] = student;
            _members[connectionId] = student;
            outbox.Add(() => hub.Clients.Group(room.ProctorGroup).StudentChanged(student.Tile));
            state = StateFor(room, student);
        }
        await hub.Groups.AddToGroupAsync(connectionId, StudentGroupOf(exam.Id));
        await attendance.RecordJoinAsync(rosterId);
        await outbox.SendAllAsync(logger);
        return state;
    }

    /// <summary>The student passed the device check: into the waiting room, or straight into a running exam.</summary>
    public async Task<ExamState> StudentReadyAsync(string connectionId)
    {
        var outbox = new Outbox();
        ExamState state;
        lock (_gate)
        {
            var student = StudentOf(connectionId);
            if (student.Status == StudentStatus.Checking)
            {
                student.Status = student.Room.Exam.Window.PhaseAt(Now) switch
                {
                    ExamPhase.Running => StudentStatus.Live,
                    ExamPhase.Over => StudentStatus.Finished,
                    _ => StudentStatus.Waiting,
                };
                outbox.Add(() => hub.Clients.Group(student.Room.ProctorGroup).StudentChanged(student.Tile));
            }
            state = StateFor(student.Room, student);
        }
        await outbox.SendAllAsync(logger);
        return state;
    }

    public async Task<MonitorSnapshot> WatchAsync(string connectionId, Action abort, ExamInfo exam, string proctorId, string proctorName, IReadOnlyList<StudentTile> roster, IReadOnlyList<FlagView> flags)
    {
        var outbox = new Outbox();
        MonitorSnapshot snapshot;
        lock (_gate)
        {
            if (_members.ContainsKey(connectionId))
            {
                throw new HubException("This connection is already watching an exam.");
            }
            var room = RoomFor(exam);
            var proctor = new Proctor(room, connectionId, abort, proctorId, proctorName);
            room.Proctors[connectionId] = proctor;
            _members[connectionId] = proctor;
            foreach (var student in room.Students.Values.Where(s => s.Status == StudentStatus.Live))
            {
                outbox.Add(() => hub.Clients.Client(student.ConnectionId).ProctorJoined(connectionId));
            }
            var tiles = roster.Select(t =>
                room.Students.TryGetValue(t.Id, out var live) ? live.Tile
                : _reconnecting.ContainsKey((exam.Id, t.Id)) ? t with { Status = StudentStatus.Reconnecting }
                : t).ToList();
            snapshot = new MonitorSnapshot(exam.Id, exam.Title, Now, exam.Window.StartsAtUtc, exam.Window.EndsAtUtc, tiles, flags);
        }
        await hub.Groups.AddToGroupAsync(connectionId, ProctorGroupOf(exam.Id));
        await outbox.SendAllAsync(logger);
        return snapshot;
    }

    /// <param name="unexpected">The connection died (network lost) rather than closing (tab closed): the student may be back.</param>
    public async Task DisconnectAsync(string connectionId, bool unexpected = false)
    {
        var outbox = new Outbox();
        int? leftRosterId = null;
        lock (_gate)
        {
            if (!_members.Remove(connectionId, out var member))
            {
                return;
            }
            var room = member.Room;
            switch (member)
            {
                case Student student:
                    room.Students.Remove(student.RosterId);
                    if (student.Status != StudentStatus.Finished)
                    {
                        student.Status = unexpected ? StudentStatus.Reconnecting : StudentStatus.Left;
                        leftRosterId = student.RosterId;
                        if (unexpected)
                        {
                            ExpectBack(room.Exam.Id, student.RosterId, student.Name);
                        }
                    }
                    outbox.Add(() => hub.Clients.Group(room.ProctorGroup).StudentChanged(student.Tile));
                    break;
                case Proctor proctor:
                    room.Proctors.Remove(proctor.ConnectionId);
                    foreach (var student in room.Students.Values.Where(s => s.Status == StudentStatus.Live))
                    {
                        outbox.Add(() => hub.Clients.Client(student.ConnectionId).ProctorLeft(connectionId));
                    }
                    break;
            }
            CloseIfEmpty(room);
        }
        if (leftRosterId is { } rosterId)
        {
            await attendance.RecordAsync(rosterId, Data.AttendanceKinds.Left);
        }
        await outbox.SendAllAsync(logger);
    }

    // Not async, and the sender's id is made once per student: this runs for every relayed candidate and description.
    public Task SignalAsync(string connectionId, string to, SignalMessage message)
    {
        message.Validate();
        string target;
        string from;
        lock (_gate)
        {
            switch (MemberOf(connectionId))
            {
                case Student student when student.Status == StudentStatus.Live && student.Room.Proctors.ContainsKey(to):
                    target = to;
                    from = student.Id;
                    break;
                case Proctor proctor when LiveStudent(proctor.Room, to) is { } student:
                    target = student.ConnectionId;
                    from = proctor.ConnectionId;
                    break;
                default:
                    throw new HubException("You can only send signaling between a live student and a proctor of the same exam.");
            }
        }
        return hub.Clients.Client(target).Signal(from, message);
    }

    public Task SetQualityAsync(string connectionId, string studentId, string level)
    {
        if (level is not (Quality.Low or Quality.High))
        {
            throw new HubException("The quality must be 'low' or 'high'.");
        }
        var (proctor, student) = ProctorAndStudent(connectionId, studentId);
        return hub.Clients.Client(student.ConnectionId).QualityRequested(proctor.ConnectionId, level);
    }

    public Task TalkAsync(string connectionId, string studentId, bool talking)
    {
        var (proctor, student) = ProctorAndStudent(connectionId, studentId);
        return hub.Clients.Client(student.ConnectionId).ProctorTalking(proctor.ConnectionId, proctor.Name, talking);
    }

    public async Task MessageAsync(string connectionId, string studentId, string text)
    {
        text = CheckedText(text);
        var (proctor, student) = ProctorAndStudent(connectionId, studentId);
        await records.RecordMessageAsync(proctor.Room.Exam.Id, student.RosterId, proctor.UserId, text);
        await hub.Clients.Client(student.ConnectionId).Message(new ProctorMessage(proctor.Name, text, ToEveryone: false, Now));
    }

    public async Task AnnounceAsync(string connectionId, string text)
    {
        text = CheckedText(text);
        Proctor proctor;
        lock (_gate)
        {
            proctor = ProctorOf(connectionId);
        }
        await records.RecordMessageAsync(proctor.Room.Exam.Id, null, proctor.UserId, text);
        await hub.Clients.Group(proctor.Room.StudentGroup).Message(new ProctorMessage(proctor.Name, text, ToEveryone: true, Now));
    }

    /// <summary>Stores a flag from a student's browser, then shows it to every proctor of the exam. Returns once stored.</summary>
    public async Task<FlagView> ReportFlagAsync(string connectionId, FlagReport report)
    {
        Student student;
        lock (_gate)
        {
            student = StudentOf(connectionId);
        }
        var view = await records.RecordFlagAsync(student.RosterId, report);
        await hub.Clients.Group(student.Room.ProctorGroup).FlagChanged(view);
        return view;
    }

    /// <summary>A proctor ended one student's exam: the student is told why, their media stops, the tile says finished.</summary>
    public async Task EndStudentAsync(int examId, int rosterId, string reason)
    {
        var outbox = new Outbox();
        lock (_gate)
        {
            if (!_rooms.TryGetValue(examId, out var room) || !room.Students.Remove(rosterId, out var student))
            {
                return;
            }
            _members.Remove(student.ConnectionId);
            student.Status = StudentStatus.Finished;
            outbox.Add(() => hub.Clients.Group(room.ProctorGroup).StudentChanged(student.Tile));
            outbox.Add(() => hub.Clients.Client(student.ConnectionId).Dismissed($"A proctor ended your exam: {reason}"));
            CloseIfEmpty(room);
        }
        await outbox.SendAllAsync(logger);
    }

    /// <summary>A student added to or removed from the roster while proctors watch; a removed student is sent away at once.</summary>
    public async Task RosterChangedAsync(int examId, StudentTile tile, string? dismissal)
    {
        var outbox = new Outbox();
        lock (_gate)
        {
            if (!_rooms.TryGetValue(examId, out var room))
            {
                return;
            }
            outbox.Add(() => hub.Clients.Group(room.ProctorGroup).StudentChanged(tile));
            if (dismissal is not null && room.Students.Remove(tile.Id, out var student))
            {
                _members.Remove(student.ConnectionId);
                // No abort: the message must arrive, and the connection has no rights left anyway.
                outbox.Add(() => hub.Clients.Client(student.ConnectionId).Dismissed(dismissal));
                CloseIfEmpty(room);
            }
        }
        await outbox.SendAllAsync(logger);
    }

    /// <summary>Gives a student who lost their connection a while to come back before the tile says they left.</summary>
    private void ExpectBack(int examId, int rosterId, string name)
    {
        var key = (examId, rosterId);
        if (_reconnecting.Remove(key, out var previous))
        {
            previous.Timer.Dispose();
        }
        var timer = time.CreateTimer(_ => _ = Safely(() => GiveUpOnAsync(key)), null, TimeSpan.FromSeconds(options.Value.ReconnectGraceSeconds), Timeout.InfiniteTimeSpan);
        _reconnecting[key] = (timer, name);
    }

    private async Task GiveUpOnAsync((int ExamId, int RosterId) key)
    {
        string name;
        lock (_gate)
        {
            if (!_reconnecting.Remove(key, out var entry))
            {
                return;
            }
            entry.Timer.Dispose();
            name = entry.Name;
        }
        await hub.Clients.Group(ProctorGroupOf(key.ExamId)).StudentChanged(new StudentTile(key.RosterId, name, StudentStatus.Left));
    }

    /// <summary>A teacher moved or resized an open exam: its clock and every student's countdown follow.</summary>
    public async Task RescheduleAsync(ExamInfo exam)
    {
        var outbox = new Outbox();
        lock (_gate)
        {
            if (!_rooms.TryGetValue(exam.Id, out var room) || room.Exam == exam)
            {
                return;
            }
            room.Exam = exam;
            StartClock(room);
            foreach (var student in room.Students.Values.Where(s => s.Status is StudentStatus.Waiting or StudentStatus.Live))
            {
                var state = StateFor(room, student);
                outbox.Add(() => hub.Clients.Client(student.ConnectionId).PhaseChanged(state));
            }
        }
        await outbox.SendAllAsync(logger);
    }

    private Room RoomFor(ExamInfo exam)
    {
        if (_rooms.TryGetValue(exam.Id, out var room))
        {
            return room;
        }
        room = new Room(exam);
        _rooms[exam.Id] = room;
        StartClock(room);
        return room;
    }

    private void StartClock(Room room)
    {
        room.Timers.ForEach(t => t.Dispose());
        room.Timers.Clear();
        var exam = room.Exam;
        foreach (var (at, change) in new (DateTime, Func<int, Task>)[] { (exam.Window.StartsAtUtc, StartAsync), (exam.Window.EndsAtUtc, EndAsync) })
        {
            // A moment already past still fires (at once): an exam moved to end earlier ends now.
            var due = at - Now;
            room.Timers.Add(time.CreateTimer(_ => _ = Safely(() => change(exam.Id)), null, due > TimeSpan.Zero ? due : TimeSpan.Zero, Timeout.InfiniteTimeSpan));
        }
    }

    private async Task StartAsync(int examId)
    {
        var outbox = new Outbox();
        lock (_gate)
        {
            if (!_rooms.TryGetValue(examId, out var room))
            {
                return;
            }
            foreach (var student in room.Students.Values.Where(s => s.Status == StudentStatus.Waiting))
            {
                student.Status = StudentStatus.Live;
                var state = StateFor(room, student);
                outbox.Add(() => hub.Clients.Client(student.ConnectionId).PhaseChanged(state));
                outbox.Add(() => hub.Clients.Group(room.ProctorGroup).StudentChanged(student.Tile));
            }
        }
        await outbox.SendAllAsync(logger);
    }

    private async Task EndAsync(int examId)
    {
        var outbox = new Outbox();
        var finished = new List<int>();
        lock (_gate)
        {
            if (!_rooms.TryGetValue(examId, out var room))
            {
                return;
            }
            foreach (var student in room.Students.Values)
            {
                student.Status = StudentStatus.Finished;
                finished.Add(student.RosterId);
                var state = StateFor(room, student);
                outbox.Add(() => hub.Clients.Client(student.ConnectionId).PhaseChanged(state));
                outbox.Add(() => hub.Clients.Group(room.ProctorGroup).StudentChanged(student.Tile));
            }
        }
        foreach (var rosterId in finished)
        {
            await attendance.RecordAsync(rosterId, Data.AttendanceKinds.Finished);
        }
        await outbox.SendAllAsync(logger);
    }

    private ExamState StateFor(Room room, Student student)
    {
        // A student's own status decides first: a start timer may fire a hair before the clock reads the start.
        var phase = student.Status switch
        {
            StudentStatus.Finished => Phases.Over,
            StudentStatus.Live => Phases.Running,
            _ => room.Exam.Window.PhaseAt(Now) switch
            {
                ExamPhase.Running => Phases.Running,
                ExamPhase.Over => Phases.Over,
                _ => Phases.Waiting,
            },
        };
        // Proctors' connection ids are handed out only once the student is live and sends media.
        IReadOnlyList<string> proctors = student.Status == StudentStatus.Live ? room.Proctors.Keys.ToList() : [];
        return new ExamState(phase, Now, room.Exam.Window.StartsAtUtc, room.Exam.Window.EndsAtUtc, proctors);
    }

    private (Proctor Proctor, Student Student) ProctorAndStudent(string connectionId, string studentId)
    {
        lock (_gate)
        {
            var proctor = ProctorOf(connectionId);
            var student = LiveStudent(proctor.Room, studentId) ?? throw new HubException("That student is not live in this exam.");
            return (proctor, student);
        }
    }

    private static Student? LiveStudent(Room room, string studentId) =>
        int.TryParse(studentId, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id)
        && room.Students.TryGetValue(id, out var student) && student.Status == StudentStatus.Live ? student : null;

    private Member MemberOf(string connectionId) =>
        _members.TryGetValue(connectionId, out var member) ? member : throw new HubException("Join an exam first: open your personal link, or the exam's monitor.");

    private Student StudentOf(string connectionId) =>
        MemberOf(connectionId) as Student ?? throw new HubException("Only a student can do that.");

    private Proctor ProctorOf(string connectionId) =>
        MemberOf(connectionId) as Proctor ?? throw new HubException("Only a proctor of this exam can do that.");

    private void CloseIfEmpty(Room room)
    {
        if (room.IsEmpty && _rooms.Remove(room.Exam.Id))
        {
            room.Timers.ForEach(t => t.Dispose());
        }
    }

    private static string CheckedText(string? text)
    {
        text = text?.Trim() ?? "";
        return text.Length is > 0 and <= MaxMessageLength ? text : throw new HubException($"A message needs between 1 and {MaxMessageLength} characters.");
    }

    private async Task Safely(Func<Task> action)
    {
        try
        {
            await action();
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "An exam clock change failed");
        }
    }

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    public static string ProctorGroupOf(int examId) => $"exam-{examId}-proctors";

    public static string StudentGroupOf(int examId) => $"exam-{examId}-students";
}
