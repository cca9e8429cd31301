using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ProctorWeb.Calls;
using ProctorWeb.Data;

namespace ProctorWeb.Pages.Account;

public class LogoutModel(SignInManager<AppUser> signIn, UserManager<AppUser> users, CallCoordinator calls) : PageModel
{
    public IActionResult OnGet() => RedirectToPage("/Index");

    public async Task<IActionResult> OnPostAsync()
    {
        if (users.GetUserId(User) is { } userId)
        {
            await calls.SignOutAsync(userId);
        }
        await signIn.SignOutAsync();
        return RedirectToPage("/Index");
    }
}
