using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using ProctorWeb.Audit;
using ProctorWeb.Data;
using ProctorWeb.Text;

namespace ProctorWeb.Pages.Admin;

/// <summary>The audit log for admins: newest first, a page at a time, optionally one kind.</summary>
[Authorize(Roles = Roles.Admin)]
public class AuditModel(AuditLog audit, AppDbContext db, IStringLocalizer<AccountText> T) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true)]
    public string? Kind { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public IReadOnlyList<AuditEntry> Entries { get; private set; } = [];
    public bool More { get; private set; }

    /// <summary>Actors' display names by id; an id missing here belongs to a deleted account.</summary>
    public IReadOnlyDictionary<string, string> Names { get; private set; } = new Dictionary<string, string>();

    public async Task OnGetAsync()
    {
        if (Kind is not null && !AuditKinds.All.Contains(Kind))
        {
            Kind = null;
        }
        PageNumber = Math.Max(1, PageNumber);
        (Entries, More) = await audit.ReadAsync(Kind, PageNumber, PageSize);
        var ids = Entries.Select(e => e.ActorId).OfType<string>().Distinct().ToList();
        Names = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName);
    }

    public string ActorName(AuditEntry entry) => entry.ActorId switch
    {
        null => "—",
        { } id when Names.TryGetValue(id, out var name) => name,
        _ => T["a former user"],
    };
}
