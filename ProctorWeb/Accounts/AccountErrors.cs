using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;
using ProctorWeb.Text;

namespace ProctorWeb.Accounts;

/// <summary>
/// Identity's messages in the reader's language: its own English words (or ours, where ours say more: the length rule
/// tells what to do about it), each translated. Registered with AddErrorDescriber in <see cref="AccountsSetup"/>.
/// </summary>
public sealed class AccountErrors(IStringLocalizer<AccountText> T) : IdentityErrorDescriber
{
    private static IdentityError Error(string code, string description) => new() { Code = code, Description = description };

    public override IdentityError DefaultError() => Error(nameof(DefaultError), T["An unknown failure has occurred."]);

    public override IdentityError ConcurrencyFailure() => Error(nameof(ConcurrencyFailure), T["Optimistic concurrency failure, object has been modified."]);

    public override IdentityError PasswordMismatch() => Error(nameof(PasswordMismatch), T["Incorrect password."]);

    public override IdentityError InvalidToken() => Error(nameof(InvalidToken), T["Invalid token."]);

    public override IdentityError RecoveryCodeRedemptionFailed() => Error(nameof(RecoveryCodeRedemptionFailed), T["Recovery code redemption failed."]);

    public override IdentityError LoginAlreadyAssociated() => Error(nameof(LoginAlreadyAssociated), T["A user with this login already exists."]);

    public override IdentityError InvalidUserName(string? userName) => Error(nameof(InvalidUserName), T["Username '{0}' is invalid, can only contain letters or digits.", userName ?? ""]);

    public override IdentityError InvalidEmail(string? email) => Error(nameof(InvalidEmail), T["Email '{0}' is invalid.", email ?? ""]);

    public override IdentityError DuplicateUserName(string userName) => Error(nameof(DuplicateUserName), T["Username '{0}' is already taken.", userName]);

    public override IdentityError DuplicateEmail(string email) => Error(nameof(DuplicateEmail), T["Email '{0}' is already taken.", email]);

    public override IdentityError InvalidRoleName(string? role) => Error(nameof(InvalidRoleName), T["Role name '{0}' is invalid.", role ?? ""]);

    public override IdentityError DuplicateRoleName(string role) => Error(nameof(DuplicateRoleName), T["Role name '{0}' is already taken.", role]);

    public override IdentityError UserAlreadyHasPassword() => Error(nameof(UserAlreadyHasPassword), T["User already has a password set."]);

    public override IdentityError UserLockoutNotEnabled() => Error(nameof(UserLockoutNotEnabled), T["Lockout is not enabled for this user."]);

    public override IdentityError UserAlreadyInRole(string role) => Error(nameof(UserAlreadyInRole), T["User already in role '{0}'.", role]);

    public override IdentityError UserNotInRole(string role) => Error(nameof(UserNotInRole), T["User is not in role '{0}'.", role]);

    public override IdentityError PasswordTooShort(int length) => Error(nameof(PasswordTooShort), T[CommonPasswordValidator.TooShort]);

    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) => Error(nameof(PasswordRequiresUniqueChars), T["Passwords must use at least {0} different characters.", uniqueChars]);

    public override IdentityError PasswordRequiresNonAlphanumeric() => Error(nameof(PasswordRequiresNonAlphanumeric), T["Passwords must have at least one non alphanumeric character."]);

    public override IdentityError PasswordRequiresDigit() => Error(nameof(PasswordRequiresDigit), T["Passwords must have at least one digit ('0'-'9')."]);

    public override IdentityError PasswordRequiresLower() => Error(nameof(PasswordRequiresLower), T["Passwords must have at least one lowercase ('a'-'z')."]);

    public override IdentityError PasswordRequiresUpper() => Error(nameof(PasswordRequiresUpper), T["Passwords must have at least one uppercase ('A'-'Z')."]);
}
