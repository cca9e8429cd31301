using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using ProctorWeb.Accounts;
using ProctorWeb.Audit;
using ProctorWeb.Data;
using ProctorWeb.Exams;
using ProctorWeb.Retention;
using ProctorWeb.Text;

namespace ProctorWeb.Pages.Exams;

/// <summary>
/// The confirmation, then the deletion: of the exam's students' data (the exam stays with its counts), or of the whole
/// exam (with the handler "Exam"). The owner's alone, and only once the exam has ended.
/// </summary>
public class DeleteModel(AppDbContext db, StudentDataEraser eraser, TimeProvider time, AuditLog audit, IStringLocalizer<ExamText> T) : PageModel
{
    public Exam Exam { get; private set; } = null!;
    public int Students { get; private set; }
    public int Flags { get; private set; }
    public bool WholeExam { get; private set; }
    public string? Refusal { get; private set; }

    [TempData]
    public string? Message { get; set; }

    public Task<IActionResult> OnGetAsync(int id) => ConfirmAsync(id, wholeExam: false);

    public Task<IActionResult> OnGetExamAsync(int id) => ConfirmAsync(id, wholeExam: true);

    public async Task<IActionResult> OnPostAsync(int id)
    {
        if (await RefuseAsync(id, wholeExam: false) is { } refused)
        {
            return refused;
        }
        await eraser.DeleteStudentDataAsync(id);
        await audit.RecordAsync(AuditKinds.StudentDataDeleted, User.Id(), AuditKinds.Exam(id), $"by the owner: {Students} students, {Flags} flags", HttpContext.ClientIp());
        Message = Students == 1 ? T["Deleted everything about the {0} student of this exam.", Students] : T["Deleted everything about the {0} students of this exam.", Students];
        return RedirectToPage("/Exams/Details", new { id });
    }

    public async Task<IActionResult> OnPostExamAsync(int id)
    {
        if (await RefuseAsync(id, wholeExam: true) is { } refused)
        {
            return refused;
        }
        await eraser.DeleteExamAsync(id);
        // The title is the teacher's words, not students' data, but it can name a class; the id is enough to trace.
        await audit.RecordAsync(AuditKinds.ExamDeleted, User.Id(), AuditKinds.Exam(id), $"by the owner: {Students} students, {Flags} flags", HttpContext.ClientIp());
        Message = T["Deleted the exam “{0}” and everything in it.", Exam.Title];
        return RedirectToPage("/Exams/Index");
    }

    private async Task<IActionResult> ConfirmAsync(int id, bool wholeExam) => await LoadAsync(id, wholeExam) ? Page() : NotFound();

    /// <summary>Null when the deletion may go ahead; else the answer: 404 for anyone but the owner, 400 with the reason before the end.</summary>
    private async Task<IActionResult?> RefuseAsync(int id, bool wholeExam)
    {
        if (!await LoadAsync(id, wholeExam))
        {
            return NotFound();
        }
        if (Refusal is null)
        {
            return null;
        }
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private async Task<bool> LoadAsync(int id, bool wholeExam)
    {
        // Owner only, in the query: a co-proctor learns nothing more here than another teacher does.
        var exam = await db.Exams.AsNoTracking().SingleOrDefaultAsync(e => e.Id == id && e.OwnerId == User.Id());
        if (exam is null)
        {
            return false;
        }
        Exam = exam;
        WholeExam = wholeExam;
        var roster = db.Roster.Active().Where(r => r.ExamId == id);
        Students = await roster.CountAsync();
        Flags = await roster.SelectMany(r => r.Flags).CountAsync();
        if (!ExamRetention.MayDelete(await db.Roster.LastEndAsync(exam), time.GetUtcNow().UtcDateTime))
        {
            Refusal = T["This exam has not ended yet. An exam's students' data, and the exam itself, can be deleted once the exam has ended."];
        }
        return true;
    }
}
