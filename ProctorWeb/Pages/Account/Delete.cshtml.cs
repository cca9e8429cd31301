using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using ProctorWeb.Accounts;
using ProctorWeb.Audit;
using ProctorWeb.Data;
using ProctorWeb.Text;

namespace ProctorWeb.Pages.Account;

/// <summary>Says what deleting the account takes with it, then deletes it once the password is typed again.</summary>
[Authorize]
public class DeleteModel(UserManager<AppUser> users, SignInManager<AppUser> signIn, AccountDeletion deletion, IStringLocalizer<AccountText> T) : PageModel
{
    // The English text is also the key of its translation (AccountText).
    public const string WrongPassword = "That is not your password.";

    public AccountDeletionPlan Plan { get; private set; } = null!;

    [BindProperty, Required(ErrorMessage = "Type your password to delete the account."), DataType(DataType.Password), StringLength(128, ErrorMessage = AccountValidation.MaximumLength)]
    [Display(Name = "Password")]
    public string Password { get; set; } = "";

    public async Task<IActionResult> OnGetAsync()
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }
        Plan = await deletion.PlanAsync(user);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }
        Plan = await deletion.PlanAsync(user);
        if (!ModelState.IsValid)
        {
            return Page();
        }
        // Counted towards the lockout like a sign-in: a borrowed session must not be a way to guess the password.
        var check = await signIn.CheckPasswordSignInAsync(user, Password, lockoutOnFailure: true);
        if (!check.Succeeded)
        {
            ModelState.AddModelError(nameof(Password), check.IsLockedOut ? T["Too many wrong passwords: try again in a few minutes."] : T[WrongPassword]);
            return Page();
        }
        if (await deletion.DeleteAsync(user, HttpContext.ClientIp()) is { } refusal)
        {
            ModelState.AddModelError("", refusal);
            Plan = await deletion.PlanAsync(user);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        await signIn.SignOutAsync();
        return RedirectToPage("/Account/Deleted");
    }
}
