using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ProctorWeb.Accounts;
using ProctorWeb.Audit;
using ProctorWeb.Data;

namespace ProctorWeb.Pages.Account;

[Authorize]
public class ChangePasswordModel(UserManager<AppUser> users, SignInManager<AppUser> signIn, AccountMails mails, AuditLog audit) : PageModel
{
    public const string WrongCurrent = "That is not your current password.";

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public class InputModel
    {
        [Required, DataType(DataType.Password), Display(Name = "Current password"), StringLength(128)]
        public string CurrentPassword { get; set; } = "";

        [Required, DataType(DataType.Password), Display(Name = "New password"), StringLength(128, MinimumLength = CommonPasswordValidator.MinimumLength, ErrorMessage = CommonPasswordValidator.TooShort)]
        public string NewPassword { get; set; } = "";

        [Required, DataType(DataType.Password), Display(Name = "Confirm the new password"), Compare(nameof(NewPassword), ErrorMessage = "The two passwords do not match.")]
        public string ConfirmPassword { get; set; } = "";
    }

    /// <summary>Set by the redirect after a change, so the page says it happened.</summary>
    [BindProperty(SupportsGet = true)]
    public bool Changed { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }
        if (await users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }
        var changed = await users.ChangePasswordAsync(user, Input.CurrentPassword, Input.NewPassword);
        if (!changed.Succeeded)
        {
            foreach (var error in changed.Errors)
            {
                if (error.Code == nameof(IdentityErrorDescriber.PasswordMismatch))
                {
                    ModelState.AddModelError("Input.CurrentPassword", WrongCurrent);
                }
                else
                {
                    ModelState.AddModelError("Input.NewPassword", error.Description);
                }
            }
            return Page();
        }
        // The security stamp changed: a fresh cookie keeps this browser signed in while others' cookies go stale.
        await signIn.RefreshSignInAsync(user);
        await mails.SendPasswordChangedAsync(user);
        await audit.RecordAsync(AuditKinds.PasswordChanged, user.Id, AuditKinds.User(user.Id), null, HttpContext.ClientIp());
        return RedirectToPage(new { changed = true });
    }
}
