using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using ProctorWeb.Accounts;
using ProctorWeb.Data;
using ProctorWeb.Text;

namespace ProctorWeb.Pages.Account;

public class RegisterModel(UserManager<AppUser> users, AccountMails mails, IOptions<AccountOptions> options, IStringLocalizer<AccountText> T) : PageModel
{
    // The English text is also the key of its translation (AccountText).
    public const string TeachersAreInvited = "Teacher accounts are made by an admin's invitation. Ask your school's ProctorWeb admin.";

    /// <summary>Off (the default): anyone may make a plain account for calls, but teachers see students and are invited.</summary>
    public bool TeacherSelfRegistration => options.Value.TeacherSelfRegistration;

    [BindProperty]
    public InputModel Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public class InputModel
    {
        [Required(ErrorMessage = AccountValidation.Required), Display(Name = "Display name"), StringLength(AppUserLimits.DisplayNameLength, MinimumLength = 2, ErrorMessage = AccountValidation.LengthBetween)]
        public string DisplayName { get; set; } = "";

        [Required(ErrorMessage = AccountValidation.Required), EmailAddress(ErrorMessage = AccountValidation.EmailAddress), StringLength(256, ErrorMessage = AccountValidation.MaximumLength)]
        [Display(Name = "Email")]
        public string Email { get; set; } = "";

        [Required(ErrorMessage = AccountValidation.Required), DataType(DataType.Password), StringLength(128, MinimumLength = CommonPasswordValidator.MinimumLength, ErrorMessage = CommonPasswordValidator.TooShort)]
        [Display(Name = "Password")]
        public string Password { get; set; } = "";

        [Required(ErrorMessage = AccountValidation.Required), DataType(DataType.Password), Display(Name = "Confirm password"), Compare(nameof(Password), ErrorMessage = AccountValidation.PasswordsDiffer)]
        public string ConfirmPassword { get; set; } = "";

        /// <summary>Asked only while teachers may register themselves; otherwise every account is a plain one.</summary>
        [RegularExpression($"^({Roles.Teacher}|{Roles.Student})$", ErrorMessage = "Choose whether you are a teacher or a student.")]
        public string? Role { get; set; }
    }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!TeacherSelfRegistration && Input.Role == Roles.Teacher)
        {
            ModelState.AddModelError("Input.Role", T[TeachersAreInvited]);
        }
        else if (TeacherSelfRegistration && string.IsNullOrEmpty(Input.Role))
        {
            ModelState.AddModelError("Input.Role", T["Choose whether you are a teacher or a student."]);
        }
        var displayName = PersonNames.Clean(Input.DisplayName);
        if (ModelState.IsValid && displayName.Length < 2)
        {
            ModelState.AddModelError("Input.DisplayName", T["The display name needs at least 2 visible characters."]);
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var user = new AppUser { UserName = Input.Email, Email = Input.Email, DisplayName = displayName };
        // The password's rules first, so their messages never depend on whether the address has an account.
        var passwordErrors = new List<IdentityError>();
        foreach (var validator in users.PasswordValidators)
        {
            passwordErrors.AddRange((await validator.ValidateAsync(users, user, Input.Password)).Errors);
        }
        if (passwordErrors.Count > 0)
        {
            foreach (var error in passwordErrors)
            {
                ModelState.AddModelError("Input.Password", error.Description);
            }
            return Page();
        }
        // An address that has an account gets the same page as a new one; its owner hears of the attempt by mail.
        if (await users.FindByEmailAsync(Input.Email) is { } existing)
        {
            await mails.SendAlreadyRegisteredAsync(existing);
            return Registered();
        }
        var created = await users.CreateAsync(user, Input.Password);
        // Two registrations of one address at once: the second answers as a new one would, as above.
        if (!created.Succeeded && created.Errors.All(e => e.Code is nameof(IdentityErrorDescriber.DuplicateEmail) or nameof(IdentityErrorDescriber.DuplicateUserName)))
        {
            return Registered();
        }
        if (!created.Succeeded)
        {
            foreach (var error in created.Errors)
            {
                ModelState.AddModelError(string.Empty, error.Description);
            }
            return Page();
        }
        await users.AddToRoleAsync(user, TeacherSelfRegistration ? Input.Role! : Roles.Student);
        await mails.SendConfirmationAsync(user);
        return Registered();
    }

    // The one answer to a registration that went through, whether or not the address already had an account.
    private IActionResult Registered() => RedirectToPage("/Account/CheckEmail");
}
