using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ProctorWeb.Audit;
using ProctorWeb.Calls;
using ProctorWeb.Data;
using ProctorWeb.Realtime;

namespace ProctorWeb.Pages.Account;

public class LogoutModel(SignInManager<AppUser> signIn, UserManager<AppUser> users, CallCoordinator calls, OpenConnections connections, AuditLog audit) : PageModel
{
    public IActionResult OnGet() => RedirectToPage("/Index");

    public async Task<IActionResult> OnPostAsync()
    {
        if (await users.GetUserAsync(User) is { } user)
        {
            // A new stamp first: from now on every copy of this session's cookie is refused (SessionStampValidator).
            await users.UpdateSecurityStampAsync(user);
            await calls.SignOutAsync(user.Id);
            // Tabs still connected with the old cookie (calls, monitors) lose their rights too, and are closed.
            connections.RevokeAccount(user.Id);
            await audit.RecordAsync(AuditKinds.SignOut, user.Id, AuditKinds.User(user.Id), null, HttpContext.ClientIp());
        }
        await signIn.SignOutAsync();
        return RedirectToPage("/Index");
    }
}
