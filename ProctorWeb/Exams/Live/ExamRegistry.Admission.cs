using Microsoft.AspNetCore.SignalR;

namespace ProctorWeb.Exams.Live;

public sealed partial class ExamRegistry
{
    // Students who wait on camera for a proctor's decision, and what their tiles tell the proctors about them.
    public (ProctorSeat Proctor, StudentUpdate Student) Admit(string connectionId, string studentId)
    {
        lock (_gate)
        {
            var (proctor, student) = ProctorAndStudentAwaitingAdmission(connectionId, studentId);
            student.NeedsAdmission = false;
            student.Status = StatusByClock(student);
            return (proctor.Seat, new StudentUpdate(student.Seat, StateFor(student)));
        }
    }

    public (ProctorSeat Proctor, StudentSeat Student) Reject(string connectionId, string studentId)
    {
        lock (_gate)
        {
            var (proctor, student) = ProctorAndStudentAwaitingAdmission(connectionId, studentId);
            var room = student.Room;
            room.Students.Remove(student.RosterId);
            _members.Remove(student.ConnectionId);
            student.Status = StudentStatus.Rejected;
            CloseIfEmpty(room);
            return (proctor.Seat, student.Seat);
        }
    }

    public StudentSeat AddNotice(string connectionId, string notice)
    {
        lock (_gate)
        {
            var student = StudentOf(connectionId);
            student.Notices ??= [];
            if (!student.Notices.Contains(notice))
            {
                student.Notices.Add(notice);
            }
            return student.Seat;
        }
    }

    private (Proctor Proctor, Student Student) ProctorAndStudentAwaitingAdmission(string connectionId, string studentId)
    {
        var proctor = ProctorMember(connectionId);
        var student = SeatedStudent(proctor.Room, studentId);
        return student?.Status == StudentStatus.AwaitingAdmission ? (proctor, student) : throw new HubException(T["That student is not waiting to be admitted."]);
    }
}
