using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using ProctorWeb.Data;
using ProctorWeb.Text;

namespace ProctorWeb.Exams;

/// <summary>
/// Decides whether an invitation may enter its exam now, and says why not when it may not: in the current
/// language, which is the student's own (their page's request, or their hub connection's).
/// </summary>
public sealed class InvitationCheck(AppDbContext db, IOptions<ExamOptions> options, TimeProvider time, IStringLocalizer<RoomText> T)
{
    /// <param name="NeedsAdmission">A proctor must admit the student (the exam says so, and none has yet).</param>
    public sealed record Result(RosterEntry? Entry, ExamWindow Window, string? Refusal, string? RefusalTitle, bool NeedsAdmission = false)
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

    /// <summary>For the exam room and the hub: one compiled query (entry, exam and attendance), since every student's join runs it.</summary>
    public Task<Result> ByIdAsync(int rosterEntryId) => ByIdAsync(rosterEntryId, time.GetUtcNow().UtcDateTime);

    /// <summary>As the invitation stood at <paramref name="atUtc"/>: for clips sent in the grace after the exam's end.</summary>
    public async Task<Result> ByIdAsync(int rosterEntryId, DateTime atUtc) =>
        await FindById(db, rosterEntryId) is { } found ? Decide(found.Entry, found.Attendance, atUtc) : NotFound();

    // The exam is loaded beside the entry, and tracking fixes up entry.Exam as Include would.
    // The attendance comes as a list (a student has a handful of rows) so that AttendanceFacts alone decides which is latest.
    private sealed record Found(RosterEntry Entry, Exam Exam, List<AttendanceEvent> Attendance);

    // Compiled once per kind of context: a join burst runs this a thousand times, and EF otherwise re-reads the expression
    // tree on each. A compiled query belongs to one model, and SQLite's and PostgreSQL's are two (tests run both in one process).
    private static readonly ConcurrentDictionary<Type, Func<AppDbContext, int, Task<Found?>>> Compiled = new();

    private static Task<Found?> FindById(AppDbContext db, int id) => Compiled.GetOrAdd(db.GetType(), _ => EF.CompileAsyncQuery((AppDbContext db, int id) =>
        db.Roster.Where(r => r.Id == id)
            .Select(r => new Found(r, r.Exam!,
                r.Attendance.Select(a => new AttendanceEvent { Id = a.Id, Kind = a.Kind, AtUtc = a.AtUtc, Detail = a.Detail }).ToList()))
            .SingleOrDefault()))(db, id);

    private async Task<Result> CheckAsync(IQueryable<RosterEntry> query)
    {
        var entry = await query.Include(r => r.Attendance).SingleOrDefaultAsync();
        return entry is null ? NotFound() : Decide(entry, entry.Attendance, time.GetUtcNow().UtcDateTime);
    }

    private Result Decide(RosterEntry entry, IReadOnlyCollection<AttendanceEvent> attendance, DateTime now)
    {
        var latest = AttendanceFacts.Latest(attendance);
        var exam = entry.Exam!;
        var window = ExamWindow.Of(exam, options.Value, entry.ExtraMinutes);
        if (!entry.IsOnRoster())
        {
            return new(entry, window, T["Your teacher removed you from this exam's list of students, so this link no longer works. If you think this is a mistake, contact your teacher."], T["You are no longer on this exam"]);
        }
        if (latest?.Kind == AttendanceKinds.EndedByProctor)
        {
            return new(entry, window, T["A proctor ended your exam: {0}", latest.Detail ?? ""], T["Your exam was ended"]);
        }
        if (latest?.Kind == AttendanceKinds.Rejected)
        {
            return new(entry, window, T["A proctor did not admit you to this exam: {0}", latest.Detail ?? ""], T["You were not admitted"]);
        }
        var joinedBefore = latest is not null;
        return window.PhaseAt(now) switch
        {
            ExamPhase.NotOpenYet => new(entry, window, T["This exam opens {0} minutes before it starts. Come back with the same link then.", options.Value.OpensMinutesBeforeStart], T["This exam is not open yet"]),
            ExamPhase.Over => new(entry, window, T["This exam has ended, so the link no longer opens it."], T["This exam is over"]),
            _ when !window.MayJoin(now, joinedBefore) => new(entry, window, T["Joining closed a while after the start, and you had not joined. Contact your teacher."], T["Joining has closed"]),
            _ => new(entry, window, null, null, NeedsAdmission: exam.Admission == AdmissionMode.ByProctor && attendance.All(a => a.Kind != AttendanceKinds.Admitted)),
        };
    }

    private Result NotFound() =>
        new(null, default, T["This link does not match any invitation. Check that you copied the whole link, or ask your teacher for it again."], T["This link is not valid"]);
}
