using System.ComponentModel.DataAnnotations;

namespace ProctorWeb.Accounts;

/// <summary>
/// The form behind a mailed link that sets a password (a reset, a teacher's invitation): whose account and the link's
/// code ride along hidden, and the new password is checked by the same rules everywhere.
/// </summary>
public sealed class PasswordByLinkInput
{
    [Required(ErrorMessage = AccountValidation.Required)]
    public string UserId { get; set; } = "";

    [Required(ErrorMessage = AccountValidation.Required)]
    public string Code { get; set; } = "";

    [Required(ErrorMessage = AccountValidation.Required), DataType(DataType.Password), Display(Name = "New password"), StringLength(128, MinimumLength = CommonPasswordValidator.MinimumLength, ErrorMessage = CommonPasswordValidator.TooShort)]
    public string Password { get; set; } = "";

    [Required(ErrorMessage = AccountValidation.Required), DataType(DataType.Password), Display(Name = "Confirm the new password"), Compare(nameof(Password), ErrorMessage = AccountValidation.PasswordsDiffer)]
    public string ConfirmPassword { get; set; } = "";

    public static PasswordByLinkInput From(string? userId, string? code) => new() { UserId = userId ?? "", Code = code ?? "" };
}
