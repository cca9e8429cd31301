using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using ProctorWeb.Accounts;
using ProctorWeb.Data;
using ProctorWeb.Text;

namespace ProctorWeb.Pages.Account;

/// <summary>An invited teacher chooses a password; the link that got them here also confirms their address.</summary>
public class AcceptInvitationModel(UserManager<AppUser> users, IStringLocalizer<AccountText> T) : PageModel
{
    // The English text is also the key of its translation (AccountText).
    public const string Refused = "This invitation link is not valid: it may have expired or been used already. Ask the admin who invited you to send it again.";
    public const string AcceptedStatus = "invitation-accepted";

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
        if (token is null || await users.FindByIdAsync(Input.UserId) is not { } user
            || await users.HasPasswordAsync(user)
            || !await users.VerifyUserTokenAsync(user, TokenOptions.DefaultProvider, AccountMails.InvitationPurpose, token))
        {
            ModelState.AddModelError(string.Empty, T[Refused]);
            return Page();
        }
        // AddPassword runs the password rules and changes the security stamp, so the link works once.
        var added = await users.AddPasswordAsync(user, Input.Password);
        if (!added.Succeeded)
        {
            foreach (var error in added.Errors)
            {
                ModelState.AddModelError("Input.Password", error.Description);
            }
            return Page();
        }
        user.EmailConfirmed = true;
        await users.UpdateAsync(user);
        return RedirectToPage("/Account/Login", new { status = AcceptedStatus });
    }
}
