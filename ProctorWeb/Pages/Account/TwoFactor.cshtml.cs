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
using ProctorWeb.Security;

namespace ProctorWeb.Pages.Account;

/// <summary>
/// Two-step sign-in with an authenticator app (TOTP, RFC 6238) for the accounts that hold students' data: teachers
/// and admins. Set up by scanning the key and typing a code it makes; turned off with the password.
/// </summary>
[Authorize(Roles = $"{Roles.Teacher},{Roles.Admin}")]
[NoStore]
public class TwoFactorModel(UserManager<AppUser> users, SignInManager<AppUser> signIn, AuditLog audit, IStringLocalizer<AccountText> T) : PageModel
{
    public const string Issuer = "ProctorWeb";
    public const int RecoveryCodeCount = 10;
    // The English texts are also the keys of their translations (AccountText).
    public const string WrongCode = "That code is not right. Type the 6 digits your app shows now.";
    public const string WrongPassword = "That is not your password.";
    public const string TurnedOff = "Two-step sign-in is off. Signing in asks only for your password.";

    public bool Enabled { get; private set; }
    public int RecoveryCodesLeft { get; private set; }
    public string SharedKey { get; private set; } = "";
    public string QrCode { get; private set; } = "";

    /// <summary>Shown once, in the answer to the post that turned two-step sign-in on; never stored anywhere readable.</summary>
    public IReadOnlyList<string> RecoveryCodes { get; private set; } = [];

    [TempData]
    public string? Message { get; set; }

    [BindProperty]
    [Required(ErrorMessage = "Type the code your app shows."), StringLength(7, MinimumLength = 6, ErrorMessage = "The code has 6 digits.")]
    [Display(Name = "Code from the app")]
    public string? Code { get; set; }

    [BindProperty]
    [Required(ErrorMessage = "Type your password."), DataType(DataType.Password), StringLength(128, ErrorMessage = AccountValidation.MaximumLength)]
    [Display(Name = "Your password")]
    public string? Password { get; set; }

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ? Page() : Challenge();

    public async Task<IActionResult> OnPostEnableAsync()
    {
        ModelState.Remove(nameof(Password));
        if (await users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }
        if (!ModelState.IsValid)
        {
            await LoadAsync();
            return Page();
        }
        var code = Code!.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        if (!await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code))
        {
            ModelState.AddModelError(nameof(Code), T[WrongCode]);
            await LoadAsync();
            return Page();
        }
        await users.SetTwoFactorEnabledAsync(user, true);
        RecoveryCodes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount))?.ToList() ?? [];
        // Turning it on changed the security stamp: a fresh cookie keeps this browser signed in, others must sign in again.
        await signIn.RefreshSignInAsync(user);
        await audit.RecordAsync(AuditKinds.TwoFactorEnabled, user.Id, AuditKinds.User(user.Id), null, HttpContext.ClientIp());
        await LoadAsync();
        // No redirect: the codes go out in this answer only (no-store), rather than through a cookie or the database.
        return Page();
    }

    public async Task<IActionResult> OnPostDisableAsync()
    {
        ModelState.Remove(nameof(Code));
        if (await users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }
        if (!ModelState.IsValid)
        {
            await LoadAsync();
            return Page();
        }
        if (!await users.CheckPasswordAsync(user, Password!))
        {
            ModelState.AddModelError(nameof(Password), T[WrongPassword]);
            await LoadAsync();
            return Page();
        }
        await users.SetTwoFactorEnabledAsync(user, false);
        // A new key, so the one in the old app (or seen over a shoulder) is worth nothing if it is turned on again.
        await users.ResetAuthenticatorKeyAsync(user);
        await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 0);
        await signIn.RefreshSignInAsync(user);
        await audit.RecordAsync(AuditKinds.TwoFactorDisabled, user.Id, AuditKinds.User(user.Id), null, HttpContext.ClientIp());
        // Kept in English across the redirect (TempData) and translated where it is shown; the key is in AccountText.
        Message = TurnedOff;
        return RedirectToPage();
    }

    private async Task<bool> LoadAsync()
    {
        if (await users.GetUserAsync(User) is not { } user)
        {
            return false;
        }
        Enabled = await users.GetTwoFactorEnabledAsync(user);
        if (Enabled)
        {
            RecoveryCodesLeft = await users.CountRecoveryCodesAsync(user);
            return true;
        }
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            await users.ResetAuthenticatorKeyAsync(user);
            // The stamp changed with the new key; keep this browser's session.
            await signIn.RefreshSignInAsync(user);
            key = await users.GetAuthenticatorKeyAsync(user) ?? "";
        }
        SharedKey = string.Join(' ', key.ToLowerInvariant().Chunk(4).Select(c => new string(c)));
        var account = Uri.EscapeDataString(user.Email ?? user.UserName ?? user.Id);
        var uri = $"otpauth://totp/{Uri.EscapeDataString(Issuer)}:{account}?secret={key}&issuer={Uri.EscapeDataString(Issuer)}&digits=6";
        QrCode = QrSvg.Render(uri, T["QR code of the key, for your authenticator app"]);
        return true;
    }
}
