using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ProctorWeb.Accounts;
using ProctorWeb.Data;
using ProctorWeb.Exams;

namespace ProctorWeb.Pages.Exams;

public class IndexModel(AppDbContext db, TimeProvider time) : PageModel
{
    public record ExamRow(int Id, string Title, DateTime StartsAtUtc, DateTime EndsAtUtc, int Students, bool IsOwner);

    public List<ExamRow> Upcoming { get; private set; } = [];
    public List<ExamRow> Running { get; private set; } = [];
    public List<ExamRow> Finished { get; private set; } = [];

    /// <summary>Left by a page that sent the teacher here, such as deleting an exam.</summary>
    [TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync()
    {
        var me = User.Id();
        var rows = await db.Exams.ProctoredBy(me)
            .OrderBy(e => e.StartsAtUtc)
            .Select(e => new { e.Id, e.Title, e.StartsAtUtc, e.DurationMinutes, e.EndedEarlyAtUtc, Students = e.Roster.AsQueryable().Count(ExamQueries.IsActive), IsOwner = e.OwnerId == me })
            .ToListAsync();
        var now = time.GetUtcNow().UtcDateTime;
        var extra = await db.Roster.LongestExtraMinutesAsync(rows.Select(e => e.Id));
        foreach (var e in rows)
        {
            var row = new ExamRow(e.Id, e.Title, e.StartsAtUtc, Exam.EndOf(e.StartsAtUtc, e.DurationMinutes, e.EndedEarlyAtUtc), e.Students, e.IsOwner);
            // Running while any student still has extra minutes left.
            var lastEnd = Exam.EndOf(e.StartsAtUtc, e.DurationMinutes, e.EndedEarlyAtUtc, extra.GetValueOrDefault(e.Id));
            (now < row.StartsAtUtc ? Upcoming : now < lastEnd ? Running : Finished).Add(row);
        }
        Finished.Reverse();
    }
}
