using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using ProctorWeb.Accounts;
using ProctorWeb.Audit;
using ProctorWeb.Data;
using ProctorWeb.Text;

namespace ProctorWeb.Pages.Account;

/// <summary>
/// The second step of signing in, after the right password of an account with two-step sign-in on: a code from the
/// authenticator app, or one of the recovery codes. Who is half signed in travels in Identity's two-factor cookie.
/// </summary>
public class LoginTwoFactorModel(SignInManager<AppUser> signIn, SignInThrottle throttle, AuditLog audit, IStringLocalizer<AccountText> T) : PageModel
{
    // The English text is also the key of its translation (AccountText).
    public const string WrongCode = "That code is not right. Type the 6 digits your app shows now, or one of your recovery codes.";

    [BindProperty]
    [Required(ErrorMessage = "Type the code your app shows, or a recovery code."), StringLength(32, ErrorMessage = AccountValidation.MaximumLength)]
    [Display(Name = "Code from your authenticator app, or a recovery code")]
    public string? Code { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public async Task<IActionResult> OnGetAsync() =>
        await signIn.GetTwoFactorAuthenticationUserAsync() is null ? RedirectToPage("/Account/Login", new { returnUrl = ReturnUrl }) : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (await signIn.GetTwoFactorAuthenticationUserAsync() is not { } user)
        {
            // The password step expired (its cookie lasts minutes) or never happened.
            return RedirectToPage("/Account/Login", new { returnUrl = ReturnUrl });
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var address = HttpContext.Connection.RemoteIpAddress;
        if (throttle.MustWait(address) is not null)
        {
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            ModelState.AddModelError(string.Empty, T["Too many failed sign-ins from your network. Wait a few minutes and try again."]);
            return Page();
        }
        var typed = Code!.Replace(" ", "", StringComparison.Ordinal);
        // Six digits is what the app shows; recovery codes are longer, have letters, and keep their dash (Identity stores it).
        var digits = typed.Replace("-", "", StringComparison.Ordinal);
        var fromApp = digits.Length == 6 && digits.All(char.IsAsciiDigit);
        var result = fromApp
            ? await signIn.TwoFactorAuthenticatorSignInAsync(digits, isPersistent: false, rememberClient: false)
            : await signIn.TwoFactorRecoveryCodeSignInAsync(typed);
        var subject = AuditKinds.User(user.Id);
        if (result.Succeeded)
        {
            await audit.RecordAsync(AuditKinds.SignIn, user.Id, subject, fromApp ? "password and authenticator code" : "password and recovery code", HttpContext.ClientIp());
            return LocalRedirect(Url.LocalOr(ReturnUrl, await signIn.UserManager.HomeOfAsync(user)));
        }
        throttle.Failed(address);
        await audit.RecordAsync(result.IsLockedOut ? AuditKinds.LockedOut : AuditKinds.SignInFailed, null, subject,
            fromApp ? "authenticator code" : "recovery code", HttpContext.ClientIp());
        ModelState.AddModelError(string.Empty, result.IsLockedOut
            ? T["Too many failed attempts: this account is locked for a few minutes. Try again later."]
            : T[WrongCode]);
        return Page();
    }
}
