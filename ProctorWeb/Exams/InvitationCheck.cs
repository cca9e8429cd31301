using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ProctorWeb.Data;

namespace ProctorWeb.Exams;

/// <summary>Decides whether an invitation may enter its exam now, and says why not when it may not.</summary>
public sealed class InvitationCheck(AppDbContext db, IOptions<ExamOptions> options, TimeProvider time)
{
    public sealed record Result(RosterEntry? Entry, ExamWindow Window, string? Refusal, string? RefusalTitle)
    {
        public bool Allowed => Refusal is null;
    }

    /// <summary>For the join page, which names the proctors.</summary>
    public Task<Result> BySecretAsync(string? secret) =>
        InvitationCodes.LooksLikeSecret(secret)
            ? CheckAsync(db.Roster.Where(r => r.InvitationHash == InvitationCodes.HashOf(secret!))
                .Include(r => r.Exam).ThenInclude(e => e!.Owner)
                .Include(r => r.Exam).ThenInclude(e => e!.CoProctors).ThenInclude(p => p.User)
                .AsSplitQuery())
            : Task.FromResult(NotFound());

    /// <summary>For the exam room and the hub: one compiled query (entry, exam and latest attendance), since every student's join runs it.</summary>
    public async Task<Result> ByIdAsync(int rosterEntryId) =>
        await FindById(db, rosterEntryId) is { } found ? Decide(found.Entry, found.LatestKind, found.LatestDetail) : NotFound();

    // The exam is loaded beside the entry, and tracking fixes up entry.Exam as Include would.
    private sealed record Found(RosterEntry Entry, Exam Exam, string? LatestKind, string? LatestDetail);

    // Compiled once: a join burst runs this a thousand times, and EF otherwise re-reads the expression tree on each.
    // The latest attendance as scalars: a whole latest row becomes a window over every student's attendance, these use the index.
    private static readonly Func<AppDbContext, int, Task<Found?>> FindById = EF.CompileAsyncQuery((AppDbContext db, int id) =>
        db.Roster.Where(r => r.Id == id)
            .Select(r => new Found(r, r.Exam!,
                r.Attendance.OrderByDescending(a => a.AtUtc).ThenByDescending(a => a.Id).Select(a => a.Kind).FirstOrDefault(),
                r.Attendance.OrderByDescending(a => a.AtUtc).ThenByDescending(a => a.Id).Select(a => a.Detail).FirstOrDefault()))
            .SingleOrDefault());

    private async Task<Result> CheckAsync(IQueryable<RosterEntry> query)
    {
        var entry = await query.SingleOrDefaultAsync();
        if (entry is null)
        {
            return NotFound();
        }
        var latest = await db.Attendance.Where(a => a.RosterEntryId == entry.Id)
            .OrderByDescending(a => a.AtUtc).ThenByDescending(a => a.Id).FirstOrDefaultAsync();
        return Decide(entry, latest?.Kind, latest?.Detail);
    }

    private Result Decide(RosterEntry entry, string? latestKind, string? latestDetail)
    {
        var exam = entry.Exam!;
        var window = ExamWindow.Of(exam, options.Value);
        if (entry.RemovedAtUtc is not null)
        {
            return new(entry, window, "Your teacher removed you from this exam's list of students, so this link no longer works. If you think this is a mistake, contact your teacher.", "You are no longer on this exam");
        }
        if (latestKind == AttendanceKinds.EndedByProctor)
        {
            return new(entry, window, $"A proctor ended your exam: {latestDetail}", "Your exam was ended");
        }
        var now = time.GetUtcNow().UtcDateTime;
        var joinedBefore = latestKind is not null;
        return window.PhaseAt(now) switch
        {
            ExamPhase.NotOpenYet => new(entry, window, $"This exam opens {options.Value.OpensMinutesBeforeStart} minutes before it starts. Come back with the same link then.", "This exam is not open yet"),
            ExamPhase.Over => new(entry, window, "This exam has ended, so the link no longer opens it.", "This exam is over"),
            _ when !window.MayJoin(now, joinedBefore) => new(entry, window, "Joining closed a while after the start, and you had not joined. Contact your teacher.", "Joining has closed"),
            _ => new(entry, window, null, null),
        };
    }

    private static Result NotFound() =>
        new(null, default, "This link does not match any invitation. Check that you copied the whole link, or ask your teacher for it again.", "This link is not valid");
}
