using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using ProctorWeb.Data;

namespace ProctorWeb.Exams;

public static class ExamQueries
{
    /// <summary>Exams this user proctors (watch, review, message, talk): their own and those they co-proctor. Anything else is a 404.</summary>
    public static IQueryable<Exam> ProctoredBy(this IQueryable<Exam> exams, string userId) =>
        exams.Where(e => e.OwnerId == userId || e.CoProctors.Any(p => p.UserId == userId));

    /// <summary>
    /// Exams this user may change (times, settings, co-proctors, roster, invitation links) or delete: their own only.
    /// A co-proctor gets the same 404 as a stranger, so a forged post learns nothing more than the pages show.
    /// </summary>
    public static IQueryable<Exam> OwnedBy(this IQueryable<Exam> exams, string userId) =>
        exams.Where(e => e.OwnerId == userId);

    /// <summary>
    /// On the roster now (not removed). An expression, so queries over a navigation (an exam's roster count)
    /// use the same rule: <c>e.Roster.AsQueryable().Count(ExamQueries.IsActive)</c>.
    /// </summary>
    public static readonly Expression<Func<RosterEntry, bool>> IsActive = r => r.RemovedAtUtc == null;

    public static IQueryable<RosterEntry> Active(this IQueryable<RosterEntry> roster) => roster.Where(IsActive);

    private static readonly Func<RosterEntry, bool> IsActiveEntry = IsActive.Compile();

    /// <summary>The same rule for an entry already loaded.</summary>
    public static bool IsOnRoster(this RosterEntry entry) => IsActiveEntry(entry);

    /// <summary>
    /// The most extra minutes a student on each exam's roster has: an exam is over for everyone only that long after
    /// its own end. Exams without any are missing from the answer.
    /// </summary>
    public static Task<Dictionary<int, int>> LongestExtraMinutesAsync(this IQueryable<RosterEntry> roster, IEnumerable<int> examIds)
    {
        var ids = examIds.ToList();
        return roster.Active().Where(r => ids.Contains(r.ExamId) && r.ExtraMinutes > 0).GroupBy(r => r.ExamId)
            .Select(g => new { g.Key, Longest = g.Max(r => r.ExtraMinutes) }).ToDictionaryAsync(g => g.Key, g => g.Longest);
    }

    /// <summary>When the exam is over for its last student (see <see cref="LongestExtraMinutesAsync(IQueryable{RosterEntry}, IEnumerable{int})"/>).</summary>
    public static async Task<DateTime> LastEndAsync(this IQueryable<RosterEntry> roster, Exam exam) =>
        exam.EndsAtUtcFor((await roster.LongestExtraMinutesAsync([exam.Id])).GetValueOrDefault(exam.Id));

    /// <summary>Display names by user id, for people named by id only (a flag's reviewer).</summary>
    public static Task<Dictionary<string, string>> DisplayNamesAsync(this IQueryable<AppUser> users, IEnumerable<string?> ids)
    {
        var wanted = ids.OfType<string>().Distinct().ToList();
        return users.Where(u => wanted.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName);
    }
}
