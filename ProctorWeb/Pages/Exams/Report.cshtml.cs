using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ProctorWeb.Accounts;
using ProctorWeb.Data;
using ProctorWeb.Evidence;
using ProctorWeb.Exams;
using ProctorWeb.Security;

namespace ProctorWeb.Pages.Exams;

/// <summary>Per-student totals of an exam, to read, print, or download as CSV.</summary>
[NoStore]
public class ReportModel(AppDbContext db, ClipStore clips, TimeProvider time) : PageModel
{
    public Exam Exam { get; private set; } = null!;
    public List<StudentSummary> Students { get; private set; } = [];
    /// <summary>Every flag kind raised in this exam, so each gets its own column.</summary>
    public List<string> Kinds { get; private set; } = [];
    /// <summary>Whether the exam has started and ended by the server's clock, so the page never calls a future time "Started".</summary>
    public bool Started { get; private set; }
    public bool Over { get; private set; }
    public bool AdmitsByProctor => Exam.Admission == AdmissionMode.ByProctor;
    private List<RosterEntry> _entries = [];
    private List<ClipSpan> _clips = [];

    /// <summary>Whether a whole clip shows the flag's start (the same rule as the timeline's players).</summary>
    public bool HasClip(Flag flag) => ClipCoverage.For(_clips, flag.RosterEntryId, flag.Id, flag.StartedAtUtc).Any();

    /// <summary>How many of the student's flags have a clip.</summary>
    public int FlagsWithClips(int rosterId) => _entries.Where(e => e.Id == rosterId).SelectMany(e => e.Flags).Count(HasClip);

    /// <summary>When the last student's extra minutes end: later than the exam's end if anyone has some.</summary>
    public DateTime LastEndUtc { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id) => await LoadAsync(id) ? Page() : NotFound();

    public async Task<IActionResult> OnGetCsvAsync(int id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        // The column headers and the values (flag kinds, admissions, exemptions) stay English in every language:
        // the file is read by spreadsheets and scripts that find columns by these names.
        // Exams where a proctor admits each student also say who did, and when.
        string[] admission = AdmitsByProctor ? ["Admission", "Admission at (UTC)"] : [];
        var csv = new Csv().Row([
            "Name", "Email", "Extra minutes", "Exempt from", "Ends (UTC)", "Time connected (s)", "Disconnections", "Time disconnected (s)",
            .. Kinds.Select(k => $"Flags: {FlagKinds.Describe(k)}"), "Flags with a clip", "Open", "Confirmed", "Dismissed", .. admission]);
        foreach (var s in Students)
        {
            object?[] decided = AdmitsByProctor ? [s.Admission is { } a ? AttendanceFacts.Words(a) : null, s.Admission?.AtUtc] : [];
            csv.Row([
                s.Name, s.Email, s.Accommodation?.ExtraMinutes ?? 0, string.Join(", ", s.Accommodation?.ExemptionLabels ?? []), s.EndsAtUtc, (long)s.Connected.TotalSeconds, s.Gaps.Count, (long)s.GapTotal.TotalSeconds,
                .. Kinds.Select(k => s.FlagsByKind.GetValueOrDefault(k)), FlagsWithClips(s.RosterId), s.Open, s.Confirmed, s.Dismissed, .. decided]);
        }
        return File(csv.ToBytes(), Csv.ContentType, $"exam-{id}-report.csv");
    }

    public async Task<IActionResult> OnGetFlagsCsvAsync(int id)
    {
        if (!await LoadAsync(id, withNotes: true))
        {
            return NotFound();
        }
        // Students stay in the database's name order, as in the table; each one's flags in time order.
        var flags = _entries.SelectMany(e => e.Flags.OrderBy(f => f.StartedAtUtc).Select(f => (Entry: e, Flag: f))).ToList();
        var names = await db.Users.DisplayNamesAsync(flags.Select(x => x.Flag.ReviewedById));
        // English headers and values in every language, as in the students' CSV: spreadsheets find the columns by name.
        var csv = new Csv().Row(["Student", "Email", "Kind", "Started (UTC)", "Ended (UTC)", "Duration (s)", "Clip", "Review", "Reviewed by", "Notes"]);
        foreach (var (entry, flag) in flags)
        {
            var details = StudentTimeline.Details(flag, names);
            csv.Row([
                entry.Name, entry.Email, details.KindWords, flag.StartedAtUtc, flag.EndedAtUtc,
                details.Duration is { } d ? (long)d.TotalSeconds : null,
                HasClip(flag) ? "yes" : "no", flag.Review, details.ReviewedBy, string.Join(" | ", details.Notes.Select(n => n.Text))]);
        }
        return File(csv.ToBytes(), Csv.ContentType, $"exam-{id}-flags.csv");
    }

    private async Task<bool> LoadAsync(int id, bool withNotes = false)
    {
        var exam = await db.Exams.ProctoredBy(User.Id()).AsNoTracking().SingleOrDefaultAsync(e => e.Id == id);
        if (exam is null)
        {
            return false;
        }
        Exam = exam;
        IQueryable<RosterEntry> roster = db.Roster.Active().AsNoTracking().Where(r => r.ExamId == id).Include(r => r.Attendance).ThenInclude(a => a.Actor).Include(r => r.Flags);
        if (withNotes)
        {
            // Only the flags download shows notes; the table and the summary only count.
            roster = roster.Include(r => r.Flags).ThenInclude(f => f.Notes);
        }
        _entries = await roster.AsSplitQuery().OrderBy(r => r.Name).ToListAsync();
        _clips = await clips.SpansForExamAsync(User.Id(), id);
        var now = time.GetUtcNow().UtcDateTime;
        Started = now >= exam.StartsAtUtc;
        // Over once the last student's extra minutes are: the same rule as deleting it.
        LastEndUtc = await db.Roster.LastEndAsync(exam);
        Over = now >= LastEndUtc;
        Students = _entries.Select(e => ExamReport.For(e, exam.EndsAtUtcFor(e.ExtraMinutes), now)).ToList();
        Kinds = Students.SelectMany(s => s.FlagsByKind.Keys).Distinct().Order(StringComparer.Ordinal).ToList();
        return true;
    }
}
