using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using ProctorWeb.Data;

namespace ProctorWeb.Accounts;

/// <summary>
/// A sign-in cookie is good only while its security stamp is the user's current one, checked on every request:
/// signing out changes the stamp (Logout), so a copy of the cookie taken before is refused from then on, on pages
/// and hubs alike. Identity's own validator does the check; this one skips what it does after a match (rebuild the
/// principal and re-issue the cookie), which at an interval of zero would cost several queries and a Set-Cookie
/// on every request. The check itself is one primary-key read.
/// </summary>
public sealed class SessionStampValidator(IOptions<SecurityStampValidatorOptions> options, SignInManager<AppUser> signIn, ILoggerFactory logger)
    : SecurityStampValidator<AppUser>(options, signIn, logger)
{
    protected override Task SecurityStampVerified(AppUser user, CookieValidatePrincipalContext context) => Task.CompletedTask;
}
