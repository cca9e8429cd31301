using System.Globalization;

namespace ProctorWeb.Exams.Live;

public sealed partial class ExamRegistry
{
    // Who is in which exam, as only the registry sees them; the rest of the app gets seats and tiles.
    private abstract class Member(Room room, string connectionId, Action abort)
    {
        public Room Room { get; } = room;
        public string ConnectionId { get; } = connectionId;
        public Action Abort { get; } = abort;
    }

    private sealed class Proctor(Room room, string connectionId, Action abort, string userId, string name) : Member(room, connectionId, abort)
    {
        public ProctorSeat Seat { get; } = new(connectionId, room.Exam.Id, userId, name);
    }

    private sealed class Student(Room room, string connectionId, Action abort, int rosterId, string name) : Member(room, connectionId, abort)
    {
        public int RosterId { get; } = rosterId;
        /// <summary>The roster id as proctors address the student; made once, since every relayed signal names it.</summary>
        public string Id { get; } = rosterId.ToString(CultureInfo.InvariantCulture);
        public string Name { get; } = name;
        public string Status { get; set; } = StudentStatus.Checking;
        public bool NeedsAdmission { get; set; }
        public List<string>? Notices { get; set; }
        public Accommodation Accommodation { get; set; } = Accommodation.None;
        /// <summary>The student's own times: the exam's, with their extra minutes at the end.</summary>
        public ExamWindow Window => Room.Exam.WindowFor(Accommodation.ExtraMinutes);
        /// <summary>Up until a proctor answers; kept by the room, so a reload or a second tab does not lower it.</summary>
        public DateTime? HandRaisedAtUtc => Status != StudentStatus.Finished && Room.RaisedHands.TryGetValue(RosterId, out var at) ? at : null;
        public StudentSeat Seat => new(ConnectionId, Room.Exam.Id, RosterId, Name, Status, Notices?.ToList(), Accommodation, HandRaisedAtUtc);
    }

    private sealed class Room(LiveExam exam)
    {
        public LiveExam Exam { get; set; } = exam;
        public Dictionary<string, Proctor> Proctors { get; } = new();
        public Dictionary<int, Student> Students { get; } = new();
        /// <summary>Raised hands by roster id, with when they went up.</summary>
        public Dictionary<int, DateTime> RaisedHands { get; } = new();
        public bool IsEmpty => Proctors.Count == 0 && Students.Count == 0;
    }
}
