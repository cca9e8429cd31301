using ProctorWeb.Data;

namespace ProctorWeb.Exams;

/// <summary>
/// What a student's attendance says, decided in one place: pages, the hub, the report and the invitation
/// check all read it through these, so the monitor, the timeline and the join page never disagree.
/// </summary>
public static class AttendanceFacts
{
    /// <summary>
    /// In the order things happened. Attendance is written behind the hub, so an event can be stored after a
    /// later one (a leave still queued when a proctor ends the exam): time decides, the row id only breaks ties.
    /// </summary>
    public static IOrderedEnumerable<AttendanceEvent> InOrder(IEnumerable<AttendanceEvent> events) =>
        events.OrderBy(a => a.AtUtc).ThenBy(a => a.Id);

    public static AttendanceEvent? Latest(IEnumerable<AttendanceEvent> events) => InOrder(events).LastOrDefault();

    /// <summary>The words for one attendance event, on the timeline and as the student's status.</summary>
    public static string Words(AttendanceEvent e) => e.Kind switch
    {
        AttendanceKinds.Joined => "Joined",
        AttendanceKinds.Left => "Left (disconnected)",
        AttendanceKinds.Rejoined => "Rejoined",
        AttendanceKinds.Finished => "Finished",
        AttendanceKinds.EndedByProctor => $"Ended by a proctor: {e.Detail}",
        _ => e.Kind,
    };

    /// <summary>The status on a proctor's tile of a student who is not connected now, from their latest attendance.</summary>
    public static string TileStatus(string? latestKind) => latestKind switch
    {
        null => StudentStatus.NotJoined,
        AttendanceKinds.Finished or AttendanceKinds.EndedByProctor => StudentStatus.Finished,
        _ => StudentStatus.Left,
    };

    /// <summary>A student's exam is over for them once they finished or a proctor ended it.</summary>
    public static bool IsOver(string? latestKind) => latestKind is AttendanceKinds.Finished or AttendanceKinds.EndedByProctor;
}
