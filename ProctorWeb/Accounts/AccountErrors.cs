using Microsoft.AspNetCore.Identity;

namespace ProctorWeb.Accounts;

/// <summary>Identity's words where ours say more: the length rule tells what to do about it.</summary>
public sealed class AccountErrors : IdentityErrorDescriber
{
    public override IdentityError PasswordTooShort(int length) => new() { Code = nameof(PasswordTooShort), Description = CommonPasswordValidator.TooShort };
}
