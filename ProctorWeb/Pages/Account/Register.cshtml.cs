using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ProctorWeb.Accounts;
using ProctorWeb.Data;

namespace ProctorWeb.Pages.Account;

public class RegisterModel(UserManager<AppUser> users, SignInManager<AppUser> signIn) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public class InputModel
    {
        [Required, Display(Name = "Display name"), StringLength(AppUserLimits.DisplayNameLength, MinimumLength = 2)]
        public string DisplayName { get; set; } = "";

        [Required, EmailAddress, StringLength(256)]
        public string Email { get; set; } = "";

        [Required, DataType(DataType.Password), StringLength(128, MinimumLength = CommonPasswordValidator.MinimumLength, ErrorMessage = CommonPasswordValidator.TooShort)]
        public string Password { get; set; } = "";

        [Required, DataType(DataType.Password), Display(Name = "Confirm password"), Compare(nameof(Password), ErrorMessage = "The two passwords do not match.")]
        public string ConfirmPassword { get; set; } = "";

        [Required(ErrorMessage = "Choose whether you are a teacher or a student."), RegularExpression($"^({Roles.Teacher}|{Roles.Student})$", ErrorMessage = "Choose whether you are a teacher or a student.")]
        public string Role { get; set; } = "";
    }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var displayName = PersonNames.Clean(Input.DisplayName);
        if (ModelState.IsValid && displayName.Length < 2)
        {
            ModelState.AddModelError("Input.DisplayName", "The display name needs at least 2 visible characters.");
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var user = new AppUser { UserName = Input.Email, Email = Input.Email, DisplayName = displayName };
        var created = await users.CreateAsync(user, Input.Password);
        // An address that already has an account gets the same answer as a new one, so this form does not tell
        // anyone who has an account. (Identity checks the password first, so its errors never depend on that.)
        if (!created.Succeeded && created.Errors.All(e => e.Code is nameof(IdentityErrorDescriber.DuplicateEmail) or nameof(IdentityErrorDescriber.DuplicateUserName)))
        {
            return Registered();
        }
        if (!created.Succeeded)
        {
            foreach (var error in created.Errors)
            {
                ModelState.AddModelError(error.Code.Contains("Password") ? "Input.Password" : string.Empty, error.Description);
            }
            return Page();
        }
        await users.AddToRoleAsync(user, Input.Role);
        await signIn.SignInAsync(user, isPersistent: false);
        return Registered();
    }

    // The one answer to a registration that went through, whether or not the address already had an account.
    private IActionResult Registered() => LocalRedirect(Url.LocalOr(ReturnUrl, "/Calls"));
}
