using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ProctorWeb.Accounts;
using ProctorWeb.Data;
using ProctorWeb.Exams;
using ProctorWeb.Media;

namespace ProctorWeb.Pages.Exams;

public class MonitorModel(AppDbContext db, IOptions<IceServerOptions> ice) : PageModel
{
    public Exam Exam { get; private set; } = null!;

    public string IceServersJson => JsonSerializer.Serialize(ice.Value.Servers, BrowserJson.Web);

    public async Task<IActionResult> OnGetAsync(int id)
    {
        var exam = await db.Exams.AsNoTracking().ProctoredBy(User.Id()).SingleOrDefaultAsync(e => e.Id == id);
        if (exam is null)
        {
            return NotFound();
        }
        Exam = exam;
        return Page();
    }
}
