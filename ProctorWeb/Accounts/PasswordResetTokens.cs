using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using ProctorWeb.Data;

namespace ProctorWeb.Accounts;

public sealed class PasswordResetTokenOptions : DataProtectionTokenProviderOptions
{
    public const string ProviderName = "PasswordReset";

    /// <summary>A reset link is a key to the account, so it lasts an hour rather than Identity's default day.</summary>
    public static readonly TimeSpan Lifespan = TimeSpan.FromHours(1);

    public PasswordResetTokenOptions()
    {
        Name = ProviderName;
        TokenLifespan = Lifespan;
    }
}

/// <summary>
/// Identity's own reset token (it carries the security stamp, so a reset makes the link spent: one use), with its
/// age also checked against the app's clock, which Identity's provider does not read, so a test can move time on.
/// </summary>
public sealed class PasswordResetTokenProvider(IDataProtectionProvider protection, IOptions<PasswordResetTokenOptions> options, ILogger<DataProtectorTokenProvider<AppUser>> logger, TimeProvider time)
    : DataProtectorTokenProvider<AppUser>(protection, options, logger)
{
    public override async Task<bool> ValidateAsync(string purpose, string token, UserManager<AppUser> manager, AppUser user)
    {
        try
        {
            // The token starts with its creation time in UTC ticks (DataProtectorTokenProvider's own layout).
            var bytes = Protector.Unprotect(Convert.FromBase64String(token));
            var created = new DateTimeOffset(BitConverter.ToInt64(bytes, 0), TimeSpan.Zero);
            if (time.GetUtcNow() > created + Options.TokenLifespan)
            {
                return false;
            }
        }
        catch (Exception e) when (e is FormatException or System.Security.Cryptography.CryptographicException or ArgumentException)
        {
            return false;
        }
        return await base.ValidateAsync(purpose, token, manager, user);
    }
}
