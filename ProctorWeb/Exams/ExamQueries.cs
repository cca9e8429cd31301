using ProctorWeb.Data;

namespace ProctorWeb.Exams;

public static class ExamQueries
{
    /// <summary>Exams this user may see and change: their own and those they co-proctor. Anything else is a 404.</summary>
    public static IQueryable<Exam> ProctoredBy(this IQueryable<Exam> exams, string userId) =>
        exams.Where(e => e.OwnerId == userId || e.CoProctors.Any(p => p.UserId == userId));

    public static IQueryable<RosterEntry> Active(this IQueryable<RosterEntry> roster) =>
        roster.Where(r => r.RemovedAtUtc == null);
}
