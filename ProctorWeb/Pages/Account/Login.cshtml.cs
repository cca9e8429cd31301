using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using ProctorWeb.Accounts;
using ProctorWeb.Audit;
using ProctorWeb.Data;
using ProctorWeb.Text;

namespace ProctorWeb.Pages.Account;

public class LoginModel(SignInManager<AppUser> signIn, UserManager<AppUser> users, SignInThrottle throttle,
    IPasswordHasher<AppUser> hasher, DummyPasswordHash dummy, AuditLog audit, Microsoft.Extensions.Options.IOptions<IdentityOptions> identity,
    IStringLocalizer<AccountText> T) : PageModel
{
    /// <summary>
    /// The one answer for an unknown address, a wrong password and a locked account (whatever the password): a stranger
    /// who could tell them apart would learn which addresses have accounts, and, from a locked one, that they exist.
    /// </summary>
    public static string NoMatch(LockoutOptions lockout, IStringLocalizer T) =>
        T["That email and password do not match an account. After {0} wrong passwords in a row an account is locked for {1} minutes.",
            lockout.MaxFailedAccessAttempts, lockout.DefaultLockoutTimeSpan.TotalMinutes.ToString("0", CultureInfo.CurrentCulture)];

    /// <summary>The ?status= a page that sends people here gives, so the page says why they are here (no cookie needed).</summary>
    public const string PasswordResetStatus = "password-reset";

    // The English text is also the key of its translation (AccountText).
    public const string Unconfirmed = "Confirm your email address first: open the link we sent to it when you registered.";

    /// <summary>Set when the password was right but the address is not confirmed yet, to offer a new link.</summary>
    public bool OfferResend { get; private set; }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Status { get; set; }

    public class InputModel
    {
        [Required(ErrorMessage = AccountValidation.Required), EmailAddress(ErrorMessage = AccountValidation.EmailAddress), StringLength(256, ErrorMessage = AccountValidation.MaximumLength)]
        [Display(Name = "Email")]
        public string Email { get; set; } = "";

        [Required(ErrorMessage = AccountValidation.Required), DataType(DataType.Password), StringLength(128, ErrorMessage = AccountValidation.MaximumLength)]
        [Display(Name = "Password")]
        public string Password { get; set; } = "";
    }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var address = HttpContext.Connection.RemoteIpAddress;
        if (throttle.MustWait(address) is { } wait)
        {
            var seconds = (int)Math.Ceiling(wait.TotalSeconds);
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            ModelState.AddModelError(string.Empty, seconds < 60
                ? T["Too many failed sign-ins from your network. Wait {0} seconds and try again.", seconds]
                : T["Too many failed sign-ins from your network. Wait {0} minutes and try again.", (seconds + 59) / 60]);
            return Page();
        }
        var user = await users.FindByEmailAsync(Input.Email);
        Microsoft.AspNetCore.Identity.SignInResult result;
        if (user is null)
        {
            dummy.Verify(hasher, Input.Password);
            result = Microsoft.AspNetCore.Identity.SignInResult.Failed;
        }
        else if (await users.IsLockedOutAsync(user))
        {
            // As slow as a check, and no check: a locked account must not confirm a right password either.
            dummy.Verify(hasher, Input.Password);
            result = Microsoft.AspNetCore.Identity.SignInResult.LockedOut;
        }
        else if (!await users.IsEmailConfirmedAsync(user))
        {
            // Identity would refuse an unconfirmed account before looking at the password, telling anyone that the
            // address has an account; "confirm first" is for the one who knows the password.
            if (await users.CheckPasswordAsync(user, Input.Password))
            {
                result = Microsoft.AspNetCore.Identity.SignInResult.NotAllowed;
            }
            else
            {
                await users.AccessFailedAsync(user);
                result = Microsoft.AspNetCore.Identity.SignInResult.Failed;
            }
        }
        else
        {
            result = await signIn.PasswordSignInAsync(user, Input.Password, isPersistent: false, lockoutOnFailure: true);
        }
        var subject = user is null ? AuditKinds.UnknownAccount : AuditKinds.User(user.Id);
        if (result.Succeeded)
        {
            await audit.RecordAsync(AuditKinds.SignIn, user!.Id, subject, "password", HttpContext.ClientIp());
            return LocalRedirect(Url.LocalOr(ReturnUrl, await users.HomeOfAsync(user!)));
        }
        if (result.RequiresTwoFactor)
        {
            // The password was right; Identity's two-factor cookie carries who is half signed in to the second step.
            return RedirectToPage("/Account/LoginTwoFactor", new { returnUrl = ReturnUrl });
        }
        if (result.IsNotAllowed)
        {
            // Only after the right password, so this tells nothing about an address to someone who does not own it.
            OfferResend = true;
            ModelState.AddModelError(string.Empty, T[Unconfirmed]);
            return Page();
        }
        throttle.Failed(address);
        await audit.RecordAsync(result.IsLockedOut ? AuditKinds.LockedOut : AuditKinds.SignInFailed, null, subject, "password", HttpContext.ClientIp());
        ModelState.AddModelError(string.Empty, NoMatch(identity.Value.Lockout, T));
        return Page();
    }
}
