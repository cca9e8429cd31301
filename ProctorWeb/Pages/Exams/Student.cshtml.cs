using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using ProctorWeb.Accounts;
using ProctorWeb.Data;
using ProctorWeb.Evidence;
using ProctorWeb.Exams;
using ProctorWeb.Exams.Live;
using ProctorWeb.Security;
using ProctorWeb.Text;

namespace ProctorWeb.Pages.Exams;

/// <summary>One student's exam: facts, the timeline, and the proctor's decisions on it.</summary>
[NoStore]
public class StudentModel(AppDbContext db, LiveExamCommands live, ClipStore clips, TimeProvider time,
    IStringLocalizer<ExamText> T, IStringLocalizer<FlagText> Flags) : PageModel
{
    public Exam Exam { get; private set; } = null!;
    public RosterEntry Entry { get; private set; } = null!;
    public StudentSummary Summary { get; private set; } = null!;
    public AttendanceEvent? Latest { get; private set; }
    public IReadOnlyList<TimelineItem> Timeline { get; private set; } = [];
    /// <summary>The ID check's photos the student took, by kind, with when.</summary>
    public IReadOnlyList<(string Kind, DateTime TakenAtUtc)> Photos { get; private set; } = [];

    [TempData]
    public string? Message { get; set; }

    public class ReviewInput
    {
        public long FlagId { get; set; }

        [Required(ErrorMessage = "Choose Confirm or Dismiss.")]
        [RegularExpression($"^({FlagReviews.Confirmed}|{FlagReviews.Dismissed})$", ErrorMessage = "Choose Confirm or Dismiss.")]
        public string? Decision { get; set; }

        [StringLength(ExamLimits.NoteLength, ErrorMessage = "A note can have at most {1} characters.")]
        public string? Note { get; set; }
    }

    // [Required] also refuses text that is only spaces.
    public class NoteInput
    {
        [Display(Name = "Note"), Required(ErrorMessage = "Write the note first."), StringLength(ExamLimits.NoteLength, ErrorMessage = "A note can have at most {1} characters.")]
        public string? Text { get; set; }
    }

    public class EndInput
    {
        [Display(Name = "Reason (the student sees it)"), Required(ErrorMessage = "Say why: the student is shown the reason.")]
        [StringLength(ExamLimits.ReasonLength, ErrorMessage = "The reason can have at most {1} characters.")]
        public string? Reason { get; set; }
    }

    // Each form binds only its own fields (handler parameters), so one form's rules never block another.
    public ReviewInput Review { get; set; } = new();
    public NoteInput Note { get; set; } = new();
    public EndInput End { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(int id, int studentId) => await LoadAsync(id, studentId) ? Page() : NotFound();

    /// <summary>One of the student's ID photos, for the exam's proctors only, never cached.</summary>
    public async Task<IActionResult> OnGetPhotoAsync(int id, int studentId, string? kind, [FromServices] ProctorWeb.Admission.IdPhotos photos)
    {
        var photo = kind is null ? null : await photos.ForProctorAsync(User.Id(), id, studentId, kind);
        if (photo is null)
        {
            return NotFound();
        }
        return File(photo.Jpeg, "image/jpeg");
    }

    public async Task<IActionResult> OnPostReviewAsync(int id, int studentId, [Bind(Prefix = nameof(Review))] ReviewInput review)
    {
        Review = review;
        if (!await LoadAsync(id, studentId))
        {
            return NotFound();
        }
        // Tracked, and found through the student already authorized above: a flag of another exam is a 404.
        var flag = await db.Flags.SingleOrDefaultAsync(f => f.Id == review.FlagId && f.RosterEntryId == studentId);
        if (flag is null)
        {
            return NotFound();
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var now = Now;
        flag.Review = review.Decision!;
        flag.ReviewedById = User.Id();
        flag.ReviewedAtUtc = now;
        if (!string.IsNullOrWhiteSpace(review.Note))
        {
            db.Notes.Add(new ProctorNote { RosterEntryId = studentId, FlagId = flag.Id, AuthorId = User.Id(), Text = review.Note.Trim(), AtUtc = now });
        }
        await db.SaveChangesAsync();
        Message = flag.Review == FlagReviews.Confirmed
            ? T["Confirmed “{0}” at {1} UTC.", KindWords(flag.Kind), ClockTime(flag.StartedAtUtc)]
            : T["Dismissed “{0}” at {1} UTC.", KindWords(flag.Kind), ClockTime(flag.StartedAtUtc)];
        return RedirectToPage(new { id, studentId });
    }

    public async Task<IActionResult> OnPostNoteAsync(int id, int studentId, [Bind(Prefix = nameof(Note))] NoteInput note)
    {
        Note = note;
        if (!await LoadAsync(id, studentId))
        {
            return NotFound();
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        db.Notes.Add(new ProctorNote { RosterEntryId = studentId, AuthorId = User.Id(), Text = note.Text!.Trim(), AtUtc = Now });
        await db.SaveChangesAsync();
        Message = T["Note saved."];
        return RedirectToPage(new { id, studentId });
    }

    public async Task<IActionResult> OnPostEndExamAsync(int id, int studentId, [Bind(Prefix = nameof(End))] EndInput end)
    {
        End = end;
        if (!await LoadAsync(id, studentId))
        {
            return NotFound();
        }
        if (ModelState.IsValid && Latest?.Kind == AttendanceKinds.EndedByProctor)
        {
            ModelState.AddModelError("End.Reason", T["This student's exam has already been ended."]);
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var reason = end.Reason!.Trim();
        var now = Now;
        db.Attendance.Add(new AttendanceEvent { RosterEntryId = studentId, Kind = AttendanceKinds.EndedByProctor, AtUtc = now, Detail = reason, ActorId = User.Id() });
        await db.SaveChangesAsync();
        // After the write: the link is refused from now on even if the student is not connected to be told.
        await live.EndStudentAsync(id, studentId, Entry.Name, reason, now);
        Message = T["Ended {0}'s exam. They were told: {1}", Entry.Name, reason];
        return RedirectToPage(new { id, studentId });
    }

    /// <summary>Unique per flag, so a screen reader (or a browser test) tells the buttons of two flags apart.</summary>
    public string FlagLabel(FlagDetails flag)
    {
        string label = T["{0} at {1}", KindWords(flag.Kind), ClockTime(flag.StartedAtUtc)];
        var sameLabel = Timeline.Select(i => i.Flag).OfType<FlagDetails>()
            .Where(f => f.KindWords == flag.KindWords && ClockTime(f.StartedAtUtc) == ClockTime(flag.StartedAtUtc)).ToList();
        return sameLabel.Count > 1 ? T["{0} ({1})", label, sameLabel.IndexOf(flag) + 1] : label;
    }

    /// <summary>A refused review's messages, shown at the flag whose form was sent (flag ids start at 1, so a GET matches none).</summary>
    public IEnumerable<string> ReviewErrors(long flagId) => flagId != Review.FlagId ? [] :
        ModelState.Where(kv => kv.Key.StartsWith(nameof(Review), StringComparison.Ordinal)).SelectMany(kv => kv.Value!.Errors).Select(e => e.ErrorMessage);

    public string ClipUrl(ClipView clip) => Url.Page("/Exams/Clips", new { id = Exam.Id, studentId = Entry.Id, clipId = clip.Id })!;

    public string StatusText => Latest is null ? T["Has not joined"] : AttendanceFacts.Words(Latest, T);

    /// <summary>A flag's kind in the reader's words.</summary>
    private string KindWords(string kind) => Flags[FlagKinds.Label(kind)];

    private async Task<bool> LoadAsync(int id, int studentId)
    {
        var exam = await db.Exams.ProctoredBy(User.Id()).AsNoTracking().SingleOrDefaultAsync(e => e.Id == id);
        var entry = exam is null ? null : await db.Roster.Active().AsNoTracking()
            .Include(r => r.Attendance).ThenInclude(a => a.Actor)
            .Include(r => r.Flags).ThenInclude(f => f.Notes).ThenInclude(n => n.Author)
            .AsSplitQuery()
            .SingleOrDefaultAsync(r => r.Id == studentId && r.ExamId == id);
        if (exam is null || entry is null)
        {
            return false;
        }
        Exam = exam;
        Entry = entry;
        var notes = await db.Notes.AsNoTracking().Include(n => n.Author).Where(n => n.RosterEntryId == studentId && n.FlagId == null).ToListAsync();
        var messages = await db.Messages.AsNoTracking().Include(m => m.Author)
            .Where(m => m.ExamId == id && (m.RosterEntryId == studentId || m.RosterEntryId == null)).ToListAsync();
        var names = await db.Users.DisplayNamesAsync(entry.Flags.Select(f => f.ReviewedById));
        Photos = (await db.IdPhotos.AsNoTracking().Where(p => p.RosterEntryId == studentId).OrderBy(p => p.Kind)
            .Select(p => new { p.Kind, p.TakenAtUtc }).ToListAsync()).Select(p => (p.Kind, p.TakenAtUtc)).ToList();
        var studentClips = await clips.ForProctorAsync(User.Id(), id, studentId) ?? [];
        var requests = await db.ClipRequests.AsNoTracking().Where(r => r.RosterEntryId == studentId).Select(r => new { r.Id, r.AtUtc, r.ProctorId }).ToListAsync();
        var requestNames = await db.Users.DisplayNamesAsync(requests.Select(r => r.ProctorId));
        Timeline = StudentTimeline.WithClips(
            StudentTimeline.Build(entry.Attendance, entry.Flags, notes, messages, names, Photos, T), studentId, studentClips,
            requests.Select(r => (r.Id, r.AtUtc, ProctorNames.Of(requestNames, r.ProctorId, T))).ToList(), T);
        Summary = ExamReport.For(entry, exam.EndsAtUtcFor(entry.ExtraMinutes), Now);
        Latest = AttendanceFacts.Latest(entry.Attendance);
        return true;
    }

    private static string ClockTime(DateTime utc) => utc.ToString("HH:mm:ss", CultureInfo.InvariantCulture);

    private DateTime Now => time.GetUtcNow().UtcDateTime;
}
