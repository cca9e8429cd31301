using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using ProctorWeb.Accounts;
using ProctorWeb.Data;
using ProctorWeb.Exams;
using ProctorWeb.Exams.Live;
using ProctorWeb.Retention;
using ProctorWeb.Text;

namespace ProctorWeb.Pages.Exams;

/// <summary>Schedules a new exam, or edits one (with an id).</summary>
public class ScheduleModel(AppDbContext db, UserManager<AppUser> users, LiveExamCommands live, TimeProvider time, IOptions<RetentionOptions> retention, IOptions<ExamOptions> examOptions,
    IStringLocalizer<ExamText> T) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public int? ExamId { get; private set; }

    /// <summary>The site's retention period: the longest a teacher may choose, and what an empty field keeps.</summary>
    public int DefaultRetentionDays => retention.Value.DefaultDays;

    // Every message is spelled out (ASP.NET's built-in ones are English only), in the words ASP.NET used before.
    public class InputModel
    {
        [Display(Name = "Title"), Required(ErrorMessage = "The {0} field is required.")]
        [StringLength(ExamLimits.TitleLength, ErrorMessage = "The field {0} must be a string with a maximum length of {1}.")]
        public string Title { get; set; } = "";

        [Display(Name = "Instructions for students")]
        [StringLength(ExamLimits.InstructionsLength, ErrorMessage = "The field Instructions must be a string with a maximum length of {1}.")]
        public string? Instructions { get; set; }

        [Required(ErrorMessage = "Choose when the exam starts."), Display(Name = "Starts at"), DataType(DataType.DateTime)]
        public DateTime? StartsAt { get; set; }

        /// <summary>The browser's IANA time zone, filled in by schedule.js; without script, times are UTC.</summary>
        [StringLength(64, ErrorMessage = "Your browser sent a time zone name that is too long to be real. Reload the page and try again.")]
        public string? TimeZone { get; set; }

        [Display(Name = "Duration (minutes)"), Range(ExamLimits.MinDurationMinutes, ExamLimits.MaxDurationMinutes, ErrorMessage = "The duration must be between {1} and {2} minutes.")]
        public int DurationMinutes { get; set; } = 60;

        [Display(Name = "Late joining allowed for (minutes)"), Range(0, ExamLimits.MaxDurationMinutes, ErrorMessage = "Late joining must be between {1} and {2} minutes.")]
        public int LateJoinMinutes { get; set; } = 10;

        [Display(Name = "Students must stay in fullscreen")]
        public bool RequireFullscreen { get; set; }

        [Display(Name = "ID check: students photograph their face and their ID card")]
        public bool RequireIdCheck { get; set; }

        [Display(Name = "Students share their entire screen")]
        public bool RequireScreenShare { get; set; }

        [Display(Name = "Face checks in the student's browser")]
        public bool FaceChecks { get; set; }

        [Display(Name = "Admission"), EnumDataType(typeof(AdmissionMode), ErrorMessage = "Choose how students are admitted.")]
        public AdmissionMode Admission { get; set; } = AdmissionMode.Automatic;

        /// <summary>Empty keeps the site's default; the range is checked in the handler, since the default is configuration.</summary>
        [Display(Name = "Delete students' data after (days)")]
        public int? RetentionDays { get; set; }

        [Display(Name = "Co-proctors (teacher emails, one per line)"), StringLength(4000, ErrorMessage = "The field {0} must be a string with a maximum length of {1}.")]
        public string? CoProctorEmails { get; set; }
    }

    /// <summary>Shown by the exam's page after the redirect (TempData is shared by key).</summary>
    [TempData]
    public string? Message { get; set; }

    /// <summary>The start is the form's proposal, not the teacher's: the page rounds it to a whole hour in the teacher's own zone.</summary>
    public bool ProposedStart { get; private set; }

    public int OpensMinutesBeforeStart => examOptions.Value.OpensMinutesBeforeStart;

    public async Task<IActionResult> OnGetAsync(int? id)
    {
        if (id is null)
        {
            var start = time.GetUtcNow().UtcDateTime.AddHours(1);
            Input.StartsAt = new DateTime(start.Year, start.Month, start.Day, start.Hour, 0, 0, DateTimeKind.Utc);
            Input.TimeZone = "UTC";
            ProposedStart = true;
            return Page();
        }
        var exam = await db.Exams.OwnedBy(User.Id()).Include(e => e.CoProctors).ThenInclude(p => p.User).SingleOrDefaultAsync(e => e.Id == id);
        if (exam is null)
        {
            return NotFound();
        }
        ExamId = exam.Id;
        Input = new InputModel
        {
            Title = exam.Title,
            Instructions = exam.Instructions,
            StartsAt = exam.StartsAtUtc,
            TimeZone = "UTC",
            DurationMinutes = exam.DurationMinutes,
            LateJoinMinutes = exam.LateJoinMinutes,
            RequireFullscreen = exam.RequireFullscreen,
            RequireIdCheck = exam.RequireIdCheck,
            RequireScreenShare = exam.RequireScreenShare,
            FaceChecks = exam.FaceChecks,
            Admission = exam.Admission,
            RetentionDays = exam.RetentionDays,
            CoProctorEmails = string.Join("\n", exam.CoProctors.Select(p => p.User!.Email)),
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id)
    {
        var me = User.Id();
        Exam? exam = null;
        if (id is not null)
        {
            exam = await db.Exams.OwnedBy(me).Include(e => e.CoProctors).SingleOrDefaultAsync(e => e.Id == id);
            if (exam is null)
            {
                return NotFound();
            }
            ExamId = exam.Id;
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var startsAtUtc = default(DateTime);
        if (!TimeZones.TryToUtc(Input.StartsAt!.Value, Input.TimeZone, out startsAtUtc, out var zoneError, T))
        {
            ModelState.AddModelError("Input.StartsAt", zoneError);
        }
        // The form has minute precision: the current minute still counts as "now".
        else if ((exam is null || exam.StartsAtUtc != startsAtUtc) && startsAtUtc < time.GetUtcNow().UtcDateTime.AddMinutes(-1))
        {
            ModelState.AddModelError("Input.StartsAt", T["The start time is in the past. Choose a time from now on."]);
        }
        else if (startsAtUtc > time.GetUtcNow().UtcDateTime.AddYears(ExamLimits.MaxYearsAhead))
        {
            ModelState.AddModelError("Input.StartsAt", T["The start time is too far ahead. Choose a time within the next {0} years.", ExamLimits.MaxYearsAhead]);
        }
        if (Input.LateJoinMinutes > Input.DurationMinutes)
        {
            ModelState.AddModelError("Input.LateJoinMinutes", T["Late joining cannot last longer than the exam itself."]);
        }
        if (Input.RetentionDays is { } days && (days < 1 || days > DefaultRetentionDays))
        {
            ModelState.AddModelError("Input.RetentionDays", T["Students' data can be kept for 1 to {0} days after the exam; {0} is the longest this site allows. Leave the field empty to keep it {0} days.", DefaultRetentionDays]);
        }
        var coProctorIds = await ResolveCoProctorsAsync(exam?.OwnerId ?? me);
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var isNew = exam is null;
        if (exam is null)
        {
            exam = new Exam { OwnerId = me, CreatedAtUtc = time.GetUtcNow().UtcDateTime };
            db.Exams.Add(exam);
        }
        exam.Title = Input.Title.Trim();
        exam.Instructions = Input.Instructions?.Trim() ?? "";
        exam.StartsAtUtc = startsAtUtc;
        exam.DurationMinutes = Input.DurationMinutes;
        exam.LateJoinMinutes = Input.LateJoinMinutes;
        exam.RequireFullscreen = Input.RequireFullscreen;
        exam.RequireIdCheck = Input.RequireIdCheck;
        exam.RequireScreenShare = Input.RequireScreenShare;
        exam.FaceChecks = Input.FaceChecks;
        exam.Admission = Input.Admission;
        exam.RetentionDays = Input.RetentionDays;
        exam.CoProctors.RemoveAll(p => !coProctorIds.Contains(p.UserId));
        exam.CoProctors.AddRange(coProctorIds.Where(uid => exam.CoProctors.All(p => p.UserId != uid)).Select(uid => new ExamProctor { UserId = uid }));
        await db.SaveChangesAsync();
        await live.ProctorsChangedAsync(exam.Id, new HashSet<string>([exam.OwnerId, .. coProctorIds]));
        await live.ExamTimesChangedAsync(exam);
        Message = isNew ? T["Scheduled “{0}”.", exam.Title] : T["Saved your changes."];
        return RedirectToPage("/Exams/Details", new { id = exam.Id });
    }

    private async Task<List<string>> ResolveCoProctorsAsync(string ownerId)
    {
        var emails = (Input.CoProctorEmails ?? "")
            .Split(['\n', '\r', ',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();
        var ids = new List<string>();
        var unknown = new List<string>();
        var unconfirmed = new List<string>();
        foreach (var email in emails)
        {
            var user = await users.FindByEmailAsync(email);
            if (user is null || !await users.IsInRoleAsync(user, Roles.Teacher))
            {
                unknown.Add(email);
            }
            else if (!user.EmailConfirmed)
            {
                // A proctor sees students' faces and rooms: only someone who has shown the address is theirs.
                unconfirmed.Add(email);
            }
            else if (user.Id != ownerId)
            {
                ids.Add(user.Id);
            }
        }
        if (unknown.Count > 0)
        {
            ModelState.AddModelError("Input.CoProctorEmails", T["No teacher account has the email {0}. Co-proctors must have a teacher account first.", string.Join(", ", unknown)]);
        }
        if (unconfirmed.Count > 0)
        {
            ModelState.AddModelError("Input.CoProctorEmails", T["{0} has not confirmed their email address yet. They must open the link we mailed them before they can be a co-proctor.", string.Join(", ", unconfirmed)]);
        }
        return ids;
    }
}
