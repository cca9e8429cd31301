using System.Security.Claims;

namespace ProctorWeb.Accounts;

public static class ClaimsPrincipalExtensions
{
    public const string DisplayNameClaim = "display_name";

    public static string DisplayName(this ClaimsPrincipal? user) =>
        user?.FindFirstValue(DisplayNameClaim) is { Length: > 0 } name ? name : user?.Identity?.Name ?? "Someone";
}
