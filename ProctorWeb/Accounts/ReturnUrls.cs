using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using ProctorWeb.Data;

namespace ProctorWeb.Accounts;

public static class ReturnUrls
{
    private static readonly Uri Base = new("http://localhost");

    /// <summary>
    /// Where to go after signing in: the return URL when it is on this site, else <paramref name="fallback"/>.
    /// Percent-encoded, since a path like /Exams/Über arrives decoded and a Location header must be ASCII
    /// (the server refuses the response otherwise).
    /// </summary>
    public static string LocalOr(this IUrlHelper url, string? returnUrl, string fallback)
    {
        if (!url.IsLocalUrl(returnUrl))
        {
            return fallback;
        }
        // Only the path, query and fragment are kept, so the base never leaks into the result.
        var escaped = new Uri(Base, returnUrl);
        return escaped.GetComponents(UriComponents.PathAndQuery | UriComponents.Fragment, UriFormat.UriEscaped);
    }

    /// <summary>Where someone lands after signing in with no return URL: a teacher's work is their exams, anyone else's their calls.</summary>
    public static async Task<string> HomeOfAsync(this UserManager<AppUser> users, AppUser user) =>
        await users.IsInRoleAsync(user, Roles.Teacher) ? "/Exams" : "/Calls";
}
