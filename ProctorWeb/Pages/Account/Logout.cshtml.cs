using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ProctorWeb.Accounts;
using ProctorWeb.Audit;
using ProctorWeb.Data;

namespace ProctorWeb.Pages.Account;

public class LogoutModel(SignInManager<AppUser> signIn, UserManager<AppUser> users, AccountSessions sessions, AuditLog audit) : PageModel
{
    public IActionResult OnGet() => RedirectToPage("/Index");

    public async Task<IActionResult> OnPostAsync()
    {
        if (await users.GetUserAsync(User) is { } user)
        {
            await sessions.EndEverywhereAsync(user);
            await audit.RecordAsync(AuditKinds.SignOut, user.Id, AuditKinds.User(user.Id), null, HttpContext.ClientIp());
        }
        await signIn.SignOutAsync();
        return RedirectToPage("/Index");
    }
}
