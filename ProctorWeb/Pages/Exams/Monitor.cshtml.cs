using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using ProctorWeb.Accounts;
using ProctorWeb.Data;
using ProctorWeb.Exams;
using ProctorWeb.Exams.Live;
using ProctorWeb.Media;
using ProctorWeb.Text;

namespace ProctorWeb.Pages.Exams;

public class MonitorModel(AppDbContext db, PeerSettingsFactory peerSettings, LiveExamCommands live, TimeProvider time, IStringLocalizer<LiveText> T) : PageModel
{
    public Exam Exam { get; private set; } = null!;

    [TempData]
    public string? Message { get; set; }

    public PeerSettings Peer { get; private set; } = null!;

    /// <summary>Over by the server's clock when the page was made; the page's script takes over from there.</summary>
    public bool Over { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id)
    {
        var exam = await db.Exams.AsNoTracking().ProctoredBy(User.Id()).SingleOrDefaultAsync(e => e.Id == id);
        if (exam is null)
        {
            return NotFound();
        }
        Exam = exam;
        // Over once the last student's extra minutes are: until then a proctor may still message them or end the exam.
        Over = time.GetUtcNow().UtcDateTime >= await db.Roster.LastEndAsync(exam);
        Peer = peerSettings.ForAccount(User);
        return Page();
    }

    /// <summary>
    /// Ends the exam for everyone now, extra minutes or not: the room's clock moves, so every connected student is
    /// finished at once.
    /// </summary>
    public async Task<IActionResult> OnPostEndExamAsync(int id)
    {
        var exam = await db.Exams.ProctoredBy(User.Id()).SingleOrDefaultAsync(e => e.Id == id);
        if (exam is null)
        {
            return NotFound();
        }
        var now = time.GetUtcNow().UtcDateTime;
        if (now < exam.StartsAtUtc)
        {
            // Ending before the start would leave a window that ends before it begins; moving the exam is the honest tool.
            Message = T["This exam has not started yet. To cancel or move it, edit its schedule."];
            return RedirectToPage(new { id });
        }
        // Also during students' extra minutes: ending the exam ends it for everyone.
        if (now < await db.Roster.LastEndAsync(exam))
        {
            exam.EndedEarlyAtUtc = now;
            await db.SaveChangesAsync();
            await live.ExamTimesChangedAsync(exam);
        }
        return RedirectToPage("/Exams/Report", new { id });
    }
}
