using ProctorWeb.Data;

namespace ProctorWeb.Exams;

/// <summary>One student's totals for the exam report.</summary>
/// <param name="EndsAtUtc">The student's own end: the exam's, with their extra minutes.</param>
public sealed record StudentSummary(
    int RosterId, string Name, string Email, DateTime EndsAtUtc, TimeSpan Connected, IReadOnlyList<Gap> Gaps,
    IReadOnlyDictionary<string, int> FlagsByKind, int Open, int Confirmed, int Dismissed, AttendanceEvent? Admission = null,
    Accommodation? Accommodation = null)
{
    public TimeSpan GapTotal => Gaps.Aggregate(TimeSpan.Zero, (sum, g) => sum + g.Length);
    public int FlagCount => Open + Confirmed + Dismissed;
}

/// <summary>The arithmetic of the report, on loaded rows, so it needs no database.</summary>
public static class ExamReport
{
    /// <param name="entry">With its Attendance and Flags loaded.</param>
    public static StudentSummary For(RosterEntry entry, DateTime examEndUtc, DateTime nowUtc) =>
        new(entry.Id, entry.Name, entry.Email, examEndUtc,
            TimeConnected(entry.Attendance, Min(nowUtc, examEndUtc)),
            StudentTimeline.Gaps(entry.Attendance),
            entry.Flags.GroupBy(f => f.Kind).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count()),
            entry.Flags.Count(f => f.Review == FlagReviews.Open),
            entry.Flags.Count(f => f.Review == FlagReviews.Confirmed),
            entry.Flags.Count(f => f.Review == FlagReviews.Dismissed),
            AttendanceFacts.Admission(entry.Attendance),
            Accommodation.Of(entry));

    /// <summary>
    /// The sum of sessions: joining or rejoining opens one, leaving, finishing or being ended closes it.
    /// A session still open counts up to <paramref name="openUntilUtc"/> (now, or the exam's end if that came first).
    /// </summary>
    public static TimeSpan TimeConnected(IEnumerable<AttendanceEvent> attendance, DateTime openUntilUtc)
    {
        var total = TimeSpan.Zero;
        DateTime? openedAt = null;
        foreach (var e in AttendanceFacts.InOrder(attendance))
        {
            switch (e.Kind)
            {
                // A newer tab taking over records a rejoin without a leave: the session simply goes on.
                case AttendanceKinds.Joined or AttendanceKinds.Rejoined:
                    openedAt ??= e.AtUtc;
                    break;
                case var kind when (kind == AttendanceKinds.Left || AttendanceFacts.Ends(kind)) && openedAt is { } start:
                    total += e.AtUtc - start;
                    openedAt = null;
                    break;
            }
        }
        if (openedAt is { } stillOpen && openUntilUtc > stillOpen)
        {
            total += openUntilUtc - stillOpen;
        }
        return total;
    }

    private static DateTime Min(DateTime a, DateTime b) => a < b ? a : b;
}
