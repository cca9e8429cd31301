using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ProctorWeb.Accounts;
using ProctorWeb.Data;

namespace ProctorWeb.Pages.Account;

public class ResendConfirmationModel(UserManager<AppUser> users, AccountMails mails) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public class InputModel
    {
        [Required(ErrorMessage = AccountValidation.Required), EmailAddress(ErrorMessage = AccountValidation.EmailAddress), StringLength(256, ErrorMessage = AccountValidation.MaximumLength)]
        [Display(Name = "Email")]
        public string Email { get; set; } = "";
    }

    public void OnGet(string? email) => Input.Email = email ?? "";

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }
        if (await users.FindByEmailAsync(Input.Email) is { EmailConfirmed: false } user)
        {
            await mails.SendConfirmationAsync(user);
        }
        return RedirectToPage("/Account/CheckEmail");
    }
}
