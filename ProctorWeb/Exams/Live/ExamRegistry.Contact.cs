using Microsoft.AspNetCore.SignalR;

namespace ProctorWeb.Exams.Live;

// Contact both ways: a student writes or raises a hand from joining until their exam is over, and a proctor
// answers any student seated in their exam, including one still stuck at the device check.
public sealed partial class ExamRegistry
{
    public HandChange SetHand(string connectionId, bool raised)
    {
        lock (_gate)
        {
            var student = StudentInExam(connectionId);
            var changed = raised ? student.Room.RaisedHands.TryAdd(student.RosterId, Now) : student.Room.RaisedHands.Remove(student.RosterId);
            return new HandChange(student.Seat, changed);
        }
    }

    public StudentSeat StudentWhoMayWrite(string connectionId)
    {
        lock (_gate)
        {
            return StudentInExam(connectionId).Seat;
        }
    }

    public (ProctorSeat Proctor, StudentSeat Student) ProctorAndStudentInExam(string connectionId, string studentId)
    {
        lock (_gate)
        {
            var proctor = ProctorMember(connectionId);
            var student = SeatedStudent(proctor.Room, studentId);
            return student is null || student.Status == StudentStatus.Finished
                ? throw new HubException(T["That student is not in this exam now."])
                : (proctor.Seat, student.Seat);
        }
    }

    public StudentSeat? LowerHand(int examId, int rosterId)
    {
        lock (_gate)
        {
            return _rooms.TryGetValue(examId, out var room) && room.RaisedHands.Remove(rosterId) && room.Students.TryGetValue(rosterId, out var student)
                ? student.Seat
                : null;
        }
    }

    private Student StudentInExam(string connectionId)
    {
        var student = StudentOf(connectionId);
        return student.Status == StudentStatus.Finished ? throw new HubException(T["Your exam is over: your proctors can no longer be reached from this page."]) : student;
    }
}
