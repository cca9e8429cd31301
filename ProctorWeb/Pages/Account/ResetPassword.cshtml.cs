using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using ProctorWeb.Accounts;
using ProctorWeb.Audit;
using ProctorWeb.Data;
using ProctorWeb.Text;

namespace ProctorWeb.Pages.Account;

public class ResetPasswordModel(UserManager<AppUser> users, AccountMails mails, AuditLog audit, IStringLocalizer<AccountText> T) : PageModel
{
    // The English text is also the key of its translation (AccountText).
    public const string Refused = "This link is not valid: it may have expired or been used already. Ask for a new one.";

    [BindProperty]
    public PasswordByLinkInput Input { get; set; } = new();

    public void OnGet(string? userId, string? code) => Input = PasswordByLinkInput.From(userId, code);

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var token = AccountMails.Decode(Input.Code);
        if (token is null || await users.FindByIdAsync(Input.UserId) is not { } user)
        {
            ModelState.AddModelError(string.Empty, T[Refused]);
            return Page();
        }
        var reset = await users.ResetPasswordAsync(user, token, Input.Password);
        if (!reset.Succeeded)
        {
            foreach (var error in reset.Errors)
            {
                ModelState.AddModelError(error.Code.Contains("Password") ? "Input.Password" : string.Empty, error.Code == nameof(IdentityErrorDescriber.InvalidToken) ? T[Refused] : error.Description);
            }
            return Page();
        }
        // A lockout from someone guessing the old password should not keep the owner out of the new one.
        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        await mails.SendPasswordChangedAsync(user);
        // Whoever opened the mailed link is not signed in: no actor, the account is the subject.
        await audit.RecordAsync(AuditKinds.PasswordReset, null, AuditKinds.User(user.Id), "by mailed link", HttpContext.ClientIp());
        return RedirectToPage("/Account/Login", new { status = LoginModel.PasswordResetStatus });
    }
}
