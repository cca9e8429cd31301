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

[Authorize]
public class ChangePasswordModel(UserManager<AppUser> users, SignInManager<AppUser> signIn, AccountMails mails, AuditLog audit, IStringLocalizer<AccountText> T) : PageModel
{
    // The English text is also the key of its translation (AccountText).
    public const string WrongCurrent = "That is not your current password.";

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public class InputModel
    {
        [Required(ErrorMessage = AccountValidation.Required), DataType(DataType.Password), Display(Name = "Current password"), StringLength(128, ErrorMessage = AccountValidation.MaximumLength)]
        public string CurrentPassword { get; set; } = "";

        [Required(ErrorMessage = AccountValidation.Required), DataType(DataType.Password), Display(Name = "New password"), StringLength(128, MinimumLength = CommonPasswordValidator.MinimumLength, ErrorMessage = CommonPasswordValidator.TooShort)]
        public string NewPassword { get; set; } = "";

        [Required(ErrorMessage = AccountValidation.Required), DataType(DataType.Password), Display(Name = "Confirm the new password"), Compare(nameof(NewPassword), ErrorMessage = AccountValidation.PasswordsDiffer)]
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
                    ModelState.AddModelError("Input.CurrentPassword", T[WrongCurrent]);
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
