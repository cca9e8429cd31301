using ProctorWeb.Data;

namespace ProctorWeb.Retention;

/// <summary>The rules of retention in one place, for the pages that state them and the service that acts on them.</summary>
public static class ExamRetention
{
    /// <summary>
    /// The exam's own period when a teacher shortened it, never more than the site's default: an operator who lowers
    /// the default lowers it for every exam, since a per-exam value may only ever shorten.
    /// </summary>
    public static int DaysFor(Exam exam, int defaultDays) => Math.Min(exam.RetentionDays ?? defaultDays, defaultDays);

    /// <param name="lastEndUtc">The end of the exam's last student, extra minutes included (ExamQueries.LastEndAsync).</param>
    public static DateTime DeletesDataAtUtc(Exam exam, DateTime lastEndUtc, int defaultDays) => lastEndUtc.AddDays(DaysFor(exam, defaultDays));

    /// <summary>
    /// Data is deleted only once the exam has ended for its last student: a live exam still writes attendance, flags
    /// and photos for its students (also one in extra minutes), and deleting under it would end it for them without a word.
    /// </summary>
    public static bool MayDelete(DateTime lastEndUtc, DateTime nowUtc) => nowUtc >= lastEndUtc;
}
