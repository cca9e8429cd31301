using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ProctorWeb.Calls;
using ProctorWeb.Data;
using ProctorWeb.Realtime;

namespace ProctorWeb.Pages.Account;

public class LogoutModel(SignInManager<AppUser> signIn, UserManager<AppUser> users, CallCoordinator calls, OpenConnections connections) : PageModel
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
        }
        await signIn.SignOutAsync();
        return RedirectToPage("/Index");
    }
}
