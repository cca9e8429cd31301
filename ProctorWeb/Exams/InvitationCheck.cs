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

    /// <summary>For the exam room and the hub: one query, since every student's join runs it.</summary>
    public Task<Result> ByIdAsync(int rosterEntryId) => CheckAsync(db.Roster.Where(r => r.Id == rosterEntryId).Include(r => r.Exam));

    private async Task<Result> CheckAsync(IQueryable<RosterEntry> query)
    {
        var entry = await query.SingleOrDefaultAsync();
        if (entry is null)
        {
            return NotFound();
        }
        var exam = entry.Exam!;
        var window = ExamWindow.Of(exam, options.Value);
        if (entry.RemovedAtUtc is not null)
        {
            return new(entry, window, "Your teacher removed you from this exam's list of students, so this link no longer works. If you think this is a mistake, contact your teacher.", "You are no longer on this exam");
        }
        var latest = await db.Attendance.Where(a => a.RosterEntryId == entry.Id)
            .OrderByDescending(a => a.AtUtc).ThenByDescending(a => a.Id).FirstOrDefaultAsync();
        if (latest?.Kind == AttendanceKinds.EndedByProctor)
        {
            return new(entry, window, $"A proctor ended your exam: {latest.Detail}", "Your exam was ended");
        }
        var now = time.GetUtcNow().UtcDateTime;
        var joinedBefore = latest is not null;
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
