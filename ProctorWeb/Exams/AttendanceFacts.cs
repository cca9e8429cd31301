using Microsoft.Extensions.Localization;
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

    /// <summary>The words for one attendance event, on the timeline and as the student's status (in the reader's words with <paramref name="T"/>).</summary>
    public static string Words(AttendanceEvent e, IStringLocalizer? T = null)
    {
        T ??= Untranslated.Text;
        return e.Kind switch
        {
            AttendanceKinds.Joined => T["Joined"],
            AttendanceKinds.Left => T["Left (disconnected)"],
            AttendanceKinds.Rejoined => T["Rejoined"],
            AttendanceKinds.Finished => T["Finished"],
            AttendanceKinds.EndedByProctor => T["Ended by a proctor: {0}", e.Detail ?? ""],
            AttendanceKinds.Admitted => T["Admitted by {0}", ProctorNames.Of(e.Actor, T)],
            AttendanceKinds.Rejected => T["Not admitted by {0}: {1}", ProctorNames.Of(e.Actor, T), e.Detail ?? ""],
            AttendanceKinds.ServerLost => T["Not watched for {0} s: the server holding the exam stopped and another took over", e.Detail ?? ""],
            _ => e.Kind,
        };
    }

    /// <summary>The status on a proctor's tile of a student who is not connected now, from their latest attendance.</summary>
    public static string TileStatus(string? latestKind) => latestKind switch
    {
        null => StudentStatus.NotJoined,
        AttendanceKinds.Finished or AttendanceKinds.EndedByProctor => StudentStatus.Finished,
        AttendanceKinds.Rejected => StudentStatus.Rejected,
        _ => StudentStatus.Left,
    };

    /// <summary>Kinds after which a student is no longer in the exam: they finished, a proctor ended it, or did not admit them.</summary>
    public static bool Ends(string kind) => kind is AttendanceKinds.Finished or AttendanceKinds.EndedByProctor or AttendanceKinds.Rejected;

    /// <summary>The admission decision, if a proctor made one: for the report.</summary>
    public static AttendanceEvent? Admission(IEnumerable<AttendanceEvent> events) =>
        InOrder(events).LastOrDefault(e => e.Kind is AttendanceKinds.Admitted or AttendanceKinds.Rejected);
}
