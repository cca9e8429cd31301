using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ProctorWeb.Accounts;
using ProctorWeb.Audit;
using ProctorWeb.Data;

namespace ProctorWeb.Pages.Account;

public class ConfirmEmailModel(UserManager<AppUser> users, AuditLog audit) : PageModel
{
    public bool Confirmed { get; private set; }

    public async Task OnGetAsync(string? userId, string? code)
    {
        var token = AccountMails.Decode(code);
        if (userId is null || token is null || await users.FindByIdAsync(userId) is not { } user)
        {
            return;
        }
        if (user.EmailConfirmed)
        {
            Confirmed = true;
            return;
        }
        Confirmed = (await users.ConfirmEmailAsync(user, token)).Succeeded;
        if (Confirmed)
        {
            await audit.RecordAsync(AuditKinds.EmailConfirmed, null, AuditKinds.User(user.Id), null, HttpContext.ClientIp());
        }
    }
}
