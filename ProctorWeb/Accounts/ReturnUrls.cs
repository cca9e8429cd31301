using Microsoft.AspNetCore.Mvc;

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
}
