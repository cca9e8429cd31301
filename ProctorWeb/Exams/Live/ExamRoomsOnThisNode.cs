using System.Globalization;
using Microsoft.EntityFrameworkCore;
using ProctorWeb.Cluster;
using ProctorWeb.Data;
using ProctorWeb.Realtime;

namespace ProctorWeb.Exams.Live;

/// <summary>
/// Live exams as rooms of a cluster: an exam is in use here while anybody is connected to it or its clock runs
/// here; a node that loses an exam drops its connections (they reconnect to the new owner) and its timers (they
/// run there); a node that takes an exam over from one that died records the gap on the timeline of every student
/// who was in it. The calls page's room only needs its connections dropped.
/// </summary>
public sealed class ExamRoomsOnThisNode(IExamRegistry registry, ExamClock clock, OpenConnections connections, IServiceScopeFactory scopes)
    : IRoomUse, IRoomLoss, IRoomTakeover
{
    public bool InUse(string room) => Rooms.ExamId(room) is { } examId && (registry.IsOpen(examId) || clock.IsTracking(examId));

    public void Lost(string room)
    {
        if (Rooms.ExamId(room) is { } examId)
        {
            clock.Forget(examId);
        }
        connections.CloseRoom(room);
    }

    public async Task TakenOverAsync(string room, string previousNode, DateTime lastSeenUtc, DateTime takenUtc)
    {
        if (Rooms.ExamId(room) is not { } examId)
        {
            return;
        }
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        // Students who had joined and had not finished when the old owner died: nobody watched them for the gap. Up to the
        // takeover, not the last renewal: a student may have joined between the two. Nobody can have joined here yet,
        // since joining needs the exam this node is only now taking.
        var events = await db.Attendance.AsNoTracking().Where(a => a.RosterEntry!.ExamId == examId && a.AtUtc <= takenUtc).ToListAsync();
        var latest = events.GroupBy(a => a.RosterEntryId).Select(g => AttendanceFacts.Latest(g)!);
        var seconds = Math.Max(0, (takenUtc - lastSeenUtc).TotalSeconds).ToString("0", CultureInfo.InvariantCulture);
        foreach (var last in latest.Where(a => !AttendanceFacts.Ends(a.Kind) && a.Kind != AttendanceKinds.ServerLost))
        {
            // Never before the student's own last event: one who joined after the last renewal was unwatched from then.
            var from = last.AtUtc > lastSeenUtc ? last.AtUtc : lastSeenUtc;
            db.Attendance.Add(new AttendanceEvent { RosterEntryId = last.RosterEntryId, Kind = AttendanceKinds.ServerLost, AtUtc = from, Detail = seconds });
        }
        await db.SaveChangesAsync();
    }
}
