using Microsoft.EntityFrameworkCore;
using ProctorWeb.Data;

namespace ProctorWeb.Exams;

/// <summary>Writes attendance as it happens, each event in its own short unit of work.</summary>
public sealed class AttendanceRecorder(IServiceScopeFactory scopes, TimeProvider time, ILogger<AttendanceRecorder> logger)
{
    public async Task RecordJoinAsync(int rosterEntryId)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var before = await db.Attendance.AnyAsync(a => a.RosterEntryId == rosterEntryId);
        await SaveAsync(db, rosterEntryId, before ? AttendanceKinds.Rejoined : AttendanceKinds.Joined);
    }

    public async Task RecordAsync(int rosterEntryId, string kind)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await SaveAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>(), rosterEntryId, kind);
        }
        catch (Exception ex)
        {
            // Leaving is recorded from disconnect handlers, where nobody could be told of a failure.
            logger.LogError(ex, "Could not record {Kind} for roster entry {RosterEntryId}", kind, rosterEntryId);
        }
    }

    private async Task SaveAsync(AppDbContext db, int rosterEntryId, string kind)
    {
        db.Attendance.Add(new AttendanceEvent { RosterEntryId = rosterEntryId, Kind = kind, AtUtc = time.GetUtcNow().UtcDateTime });
        await db.SaveChangesAsync();
    }
}
