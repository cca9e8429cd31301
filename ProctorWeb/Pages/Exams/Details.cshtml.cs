using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using ProctorWeb.Accounts;
using ProctorWeb.Audit;
using ProctorWeb.Data;
using ProctorWeb.Exams;
using ProctorWeb.Retention;
using ProctorWeb.Security;
using ProctorWeb.Text;

namespace ProctorWeb.Pages.Exams;

// Each student's invitation link (and its QR code) is on this page.
[NoStore]
public class DetailsModel(AppDbContext db, RosterService roster, InvitationCodes invitations, InvitationMails mails, IOptions<RetentionOptions> retention, TimeProvider time,
    ProctorWeb.Email.PublicLinks publicLinks, IStringLocalizer<ExamText> T, IStringLocalizer<FlagText> Flags) : PageModel
{
    public record StudentRow(int Id, string Name, string Email, string Link, Accommodation Accommodation, DateTime? LinkSentAtUtc);

    public Exam Exam { get; private set; } = null!;
    public List<string> CoProctorNames { get; private set; } = [];
    public List<StudentRow> Students { get; private set; } = [];
    public List<RosterLines.Rejected> Rejected { get; private set; } = [];
    /// <summary>Students whose mail just failed, with why; shown in their row and under the notice.</summary>
    public List<InvitationMails.Failure> SendFailures { get; private set; } = [];
    /// <summary>The students ticked for "Email the selected", kept ticked when the page comes back with a problem.</summary>
    public HashSet<int> Selected { get; private set; } = [];

    /// <summary>Only the owner changes the roster, sees the invitation links and deletes; co-proctors watch and review.</summary>
    public bool IsOwner { get; private set; }
    public int RetentionDays => ExamRetention.DaysFor(Exam, retention.Value.DefaultDays);
    /// <summary>The end of the exam's last student, extra minutes included.</summary>
    public DateTime LastEndUtc { get; private set; }
    public DateTime DeletesDataAtUtc => ExamRetention.DeletesDataAtUtc(Exam, LastEndUtc, retention.Value.DefaultDays);
    public bool MayDelete => ExamRetention.MayDelete(LastEndUtc, time.GetUtcNow().UtcDateTime);
    /// <summary>Links of an ended exam open nothing, so they are no longer mailed (extra minutes included).</summary>
    public bool MaySendLinks => LastEndUtc > time.GetUtcNow().UtcDateTime;

    [TempData]
    public string? Message { get; set; }

    /// <summary>A notice for this response only. Put in Message (TempData) without a redirect, it would come back on the next visit.</summary>
    public string? Notice { get; private set; }

    // Every message is spelled out (ASP.NET's built-in ones are English only), in the words ASP.NET used before.
    public class AddStudentInput
    {
        [Display(Name = "Name"), Required(ErrorMessage = "The {0} field is required.")]
        [StringLength(ExamLimits.NameLength, ErrorMessage = "The field {0} must be a string with a maximum length of {1}.")]
        public string Name { get; set; } = "";

        [Display(Name = "Email"), Required(ErrorMessage = "The {0} field is required.")]
        [EmailAddress(ErrorMessage = "The {0} field is not a valid e-mail address.")]
        [StringLength(ExamLimits.EmailLength, ErrorMessage = "The field {0} must be a string with a maximum length of {1}.")]
        public string Email { get; set; } = "";
    }

    // Each form binds only its own fields (handler parameters), so one form's rules never block the other.
    public AddStudentInput Add { get; set; } = new();

    /// <summary>Accommodations for the students ticked in the roster: one of them, or several at once.</summary>
    public class AccommodationInput
    {
        public List<int> StudentIds { get; set; } = [];

        [Display(Name = "Extra minutes")]
        [Range(0, ExamLimits.MaxExtraMinutes, ErrorMessage = "Extra minutes must be a whole number from {1} to {2}.")]
        public int ExtraMinutes { get; set; }

        public List<Exemptions> Exempt { get; set; } = [];

        public Accommodation ToAccommodation() => new(ExtraMinutes, Exempt.Aggregate(Exemptions.None, (all, e) => all | e));
    }

    public AccommodationInput Accommodate { get; set; } = new();

    [Display(Name = "Paste students, one \"name, email\" per line")]
    public string? Paste { get; set; }

    [Display(Name = "A message from you to add to the mail (optional)")]
    public string? Note { get; set; }

    public async Task<IActionResult> OnGetAsync(int id) => await LoadAsync(id) ? Page() : NotFound();

    /// <summary>Every student's name, email, link and when it was mailed, for a spreadsheet or a mail merge.</summary>
    public async Task<IActionResult> OnGetLinksCsvAsync(int id)
    {
        if (!await LoadAsync(id, ownerOnly: true))
        {
            return NotFound();
        }
        // The column headers stay English in every language: spreadsheets and mail merges find the columns by these names.
        var csv = new Csv().Row(["Name", "Email", "Link", "Link emailed (UTC)"]);
        foreach (var student in Students)
        {
            csv.Row([student.Name, student.Email, student.Link, student.LinkSentAtUtc]);
        }
        return File(csv.ToBytes(), Csv.ContentType, $"exam-{id}-links.csv");
    }

    public async Task<IActionResult> OnPostSendLinksAsync(int id, LinkRecipients? to, int[]? selected, string? note)
    {
        // Browsers send a textarea's line breaks as CRLF but count each as one character against maxlength.
        note = note?.ReplaceLineEndings("\n");
        Note = note;
        Selected = [.. selected ?? []];
        if (!await LoadAsync(id, ownerOnly: true))
        {
            return NotFound();
        }
        // Without a known "to", guessing "all" would mail every student.
        if (!ModelState.IsValid || to is not { } recipients || !Enum.IsDefined(recipients))
        {
            // Only a hand-made request gets here: the page's buttons and boxes always send valid values.
            ModelState.Clear();
            return Refuse(T["That request was not understood: tick students and press one of the Email buttons."]);
        }
        if (note is { Length: > ExamLimits.InvitationMessageLength })
        {
            ModelState.AddModelError(nameof(Note), T["Your message has {0:N0} characters; keep it to {1:N0}. Nothing was sent.", note.Length, ExamLimits.InvitationMessageLength]);
            return Page();
        }
        var result = await mails.SendAsync(id, recipients, Selected, note, User.Id(), HttpContext.ClientIp());
        if (result.Refusal is { } refusal)
        {
            return Refuse(refusal);
        }
        string sent = result.Sent == 1 ? T["Emailed the link to {0} student.", result.Sent] : T["Emailed the link to {0} students.", result.Sent];
        if (result.Failures.Count == 0)
        {
            Message = sent;
            return RedirectToPage(new { id });
        }
        // The failed ones stay ticked, so one press tries them again once the addresses are fixed.
        await LoadAsync(id);
        SendFailures = [.. result.Failures];
        Selected = [.. result.Failures.Select(f => f.RosterId)];
        string failed = result.Failures.Count == 1 ? T["{0} mail could not be sent:", result.Failures.Count] : T["{0} mails could not be sent:", result.Failures.Count];
        Notice = result.Sent == 0 ? failed : T["{0} {1}", sent, failed];
        return Page();
    }

    /// <summary>One student's link as a QR code, made when the teacher opens it: a page of thousands of students makes none.</summary>
    public async Task<IActionResult> OnGetQrAsync(int id, int studentId)
    {
        var entry = await db.Roster.Active().AsNoTracking()
            .SingleOrDefaultAsync(r => r.Id == studentId && r.ExamId == id && db.Exams.OwnedBy(User.Id()).Any(e => e.Id == id));
        if (entry is null)
        {
            return NotFound();
        }
        return File(InvitationQr.Png(InvitationLink(entry)), "image/png");
    }

    public async Task<IActionResult> OnPostAddAsync(int id, [Bind(Prefix = nameof(Add))] AddStudentInput add)
    {
        Add = add;
        if (!await LoadAsync(id, ownerOnly: true))
        {
            return NotFound();
        }
        if (RefuseNewStudents() is { } refused)
        {
            return refused;
        }
        var name = PersonNames.Clean(Add.Name);
        if (ModelState.IsValid && RosterLines.Check(name, Add.Email.Trim(), T) is { } problem)
        {
            ModelState.AddModelError(name.Length == 0 ? "Add.Name" : "Add.Email", T["This student {0}.", problem]);
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var result = await roster.AddAsync(id, [new RosterLines.Student(name, Add.Email.Trim())]);
        if (result.Refusal is { } full)
        {
            ModelState.AddModelError("Add.Email", full);
            return Page();
        }
        if (result.Duplicates.Count > 0)
        {
            ModelState.AddModelError("Add.Email", T["{0} is already on the roster.", Add.Email]);
            return Page();
        }
        Message = T["Added {0}.", name];
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostAddManyAsync(int id, [StringLength(200_000, ErrorMessage = "That is too much text at once; paste at most a few thousand students.")] string? paste)
    {
        Paste = paste;
        if (!await LoadAsync(id, ownerOnly: true))
        {
            return NotFound();
        }
        if (RefuseNewStudents() is { } refused)
        {
            return refused;
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var (students, rejected) = RosterLines.Parse(Paste, T);
        var result = await roster.AddAsync(id, students);
        if (result.Refusal is { } full)
        {
            // Nothing was added: the whole paste stays in the box.
            ModelState.AddModelError(nameof(Paste), full);
            return Page();
        }
        var duplicates = result.Duplicates;
        var added = students.Count - duplicates.Count;
        rejected.AddRange(students.Where(s => duplicates.Contains(s.Email))
            .Select(s => new RosterLines.Rejected(0, $"{s.Name}, {s.Email}", T["is already on the roster"])));
        if (rejected.Count == 0)
        {
            Message = added == 0 ? T["There was nothing to add."] : AddedStudents(added);
            return RedirectToPage(new { id });
        }
        // Keep the refused lines in the box so the teacher can correct them; the good ones are saved.
        await LoadAsync(id);
        Rejected = rejected;
        Notice = T["{0} {1}", AddedStudents(added), rejected.Count == 1 ? T["{0} line was not added:", rejected.Count] : T["{0} lines were not added:", rejected.Count]];
        Paste = string.Join("\n", rejected.Select(r => r.Line));
        ModelState.Remove(nameof(Paste));
        return Page();
    }

    /// <summary>The student whose removal waits for the owner's second click.</summary>
    public StudentRow? ConfirmRemove { get; private set; }

    /// <summary>Set after a removal, so the notice offers to undo it.</summary>
    [TempData]
    public int? RemovedStudentId { get; set; }

    /// <summary>Asks first (a removal ends the student's exam if they are in it); removes on the second click.</summary>
    public async Task<IActionResult> OnPostRemoveAsync(int id, int studentId, bool confirmed)
    {
        if (!await LoadAsync(id, ownerOnly: true))
        {
            return NotFound();
        }
        var student = Students.SingleOrDefault(s => s.Id == studentId);
        if (student is null)
        {
            return NotFound();
        }
        if (!confirmed)
        {
            ConfirmRemove = student;
            return Page();
        }
        if (!await roster.RemoveAsync(id, studentId))
        {
            return NotFound();
        }
        Message = T["Removed {0}. Their link no longer works.", student.Name];
        RemovedStudentId = studentId;
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostRestoreAsync(int id, int studentId)
    {
        if (!await LoadAsync(id, ownerOnly: true))
        {
            return NotFound();
        }
        var name = await db.Roster.Where(r => r.Id == studentId && r.ExamId == id).Select(r => r.Name).SingleOrDefaultAsync();
        if (name is null)
        {
            return NotFound();
        }
        if (await roster.RestoreAsync(id, studentId) is { } refusal)
        {
            Notice = refusal;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        Message = T["{0} is back on the roster; their link works again.", name];
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostAccommodateAsync(int id, [Bind(Prefix = nameof(Accommodate))] AccommodationInput accommodate)
    {
        Accommodate = accommodate;
        if (!await LoadAsync(id, ownerOnly: true))
        {
            return NotFound();
        }
        if (Accommodate.StudentIds.Count == 0)
        {
            ModelState.AddModelError("Accommodate.StudentIds", T["Tick the students these accommodations are for."]);
        }
        if (Accommodate.Exempt.Any(e => (e & ~Accommodation.All) != 0 || e == Exemptions.None))
        {
            ModelState.AddModelError("Accommodate.Exempt", T["That exemption is unknown."]);
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var accommodation = Accommodate.ToAccommodation();
        var changed = await roster.AccommodateAsync(id, Accommodate.StudentIds, accommodation);
        if (changed is null)
        {
            return NotFound();
        }
        Message = (accommodation.IsNone, changed == 1) switch
        {
            (true, true) => T["Removed the accommodations of {0} student.", changed],
            (true, false) => T["Removed the accommodations of {0} students.", changed],
            (false, true) => T["Gave {0} to {1} student.", accommodation.Describe(T, Flags), changed],
            (false, false) => T["Gave {0} to {1} students.", accommodation.Describe(T, Flags), changed],
        };
        return RedirectToPage(new { id });
    }

    /// <summary>Students added after their exam's data was deleted would be kept until the next sweep: none are taken.</summary>
    private IActionResult? RefuseNewStudents() =>
        Exam.DataDeletedAtUtc is null ? null : Refuse(T["This exam's students' data was deleted; it takes no new students."]);

    /// <summary>The page again with why the request was refused, as a 400.</summary>
    private PageResult Refuse(string why)
    {
        Notice = why;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private string AddedStudents(int count) => count == 1 ? T["Added {0} student.", count] : T["Added {0} students.", count];

    private async Task<bool> LoadAsync(int id, bool ownerOnly = false)
    {
        var exams = ownerOnly ? db.Exams.OwnedBy(User.Id()) : db.Exams.ProctoredBy(User.Id());
        var exam = await exams.AsNoTracking()
            .Include(e => e.Owner)
            .Include(e => e.CoProctors).ThenInclude(p => p.User)
            .SingleOrDefaultAsync(e => e.Id == id);
        if (exam is null)
        {
            return false;
        }
        Exam = exam;
        LastEndUtc = await db.Roster.LastEndAsync(exam);
        IsOwner = exam.OwnerId == User.Id();
        CoProctorNames = exam.CoProctors.Select(p => p.User!.DisplayName).ToList();
        var entries = await db.Roster.Active().AsNoTracking().Where(r => r.ExamId == id).OrderBy(r => r.Name).ToListAsync();
        // The links are the owner's to hand out: a co-proctor sees who is on the roster, not their credentials.
        Students = entries.Select(r => new StudentRow(r.Id, r.Name, r.Email, IsOwner ? InvitationLink(r) : "", Accommodation.Of(r), r.LinkSentAtUtc)).ToList();
        return true;
    }

    private string InvitationLink(RosterEntry entry) =>
        publicLinks.PageShownTo(Request, "/Join/Index", new { secret = invitations.SecretFor(entry.InvitationNonce) });
}
