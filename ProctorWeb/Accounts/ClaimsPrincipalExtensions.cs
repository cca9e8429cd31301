using System.Security.Claims;

namespace ProctorWeb.Accounts;

public static class ClaimsPrincipalExtensions
{
    public const string DisplayNameClaim = "display_name";

    /// <summary>The signed-in user's id; pages under [Authorize] always have one.</summary>
    public static string Id(this ClaimsPrincipal user) =>
        user.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("No signed-in user.");

    /// <summary>
    /// Signed in with an account, as opposed to a student who only redeemed an exam invitation
    /// (that principal is authenticated too, by another cookie scheme).
    /// </summary>
    public static bool HasAccount(this ClaimsPrincipal? user) =>
        user?.Identities.Any(i => i.IsAuthenticated && i.AuthenticationType == Microsoft.AspNetCore.Identity.IdentityConstants.ApplicationScheme) == true;

    public static string DisplayName(this ClaimsPrincipal? user) =>
        user?.FindFirstValue(DisplayNameClaim) is { Length: > 0 } name ? name : user?.Identity?.Name ?? "Someone";
}
