using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ProctorWeb.Accounts;
using ProctorWeb.Localization;

namespace ProctorWeb.Pages;

/// <summary>
/// The header's language switcher: remembers the choice for a year and goes back to the page it was made on.
/// No antiforgery check: a forged post can only change a visitor's language, and a student's exam room is
/// signed in by its invitation rather than the account cookie the token would be checked against.
/// </summary>
[IgnoreAntiforgeryToken]
public sealed class LanguageModel(TimeProvider clock) : PageModel
{
    public IActionResult OnGet() => LocalRedirect("/");

    public IActionResult OnPost(string? culture, string? returnUrl)
    {
        var chosen = Cultures.Supported.FirstOrDefault(c => c.Name == culture);
        if (chosen is not null)
        {
            Response.Cookies.Append(Cultures.CookieName, CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(chosen)), new CookieOptions
            {
                Expires = clock.GetUtcNow().AddYears(1),
                IsEssential = true,
                HttpOnly = true,
                Secure = Request.IsHttps,
                SameSite = SameSiteMode.Lax,
            });
        }
        return LocalRedirect(Url.LocalOr(returnUrl, "/"));
    }
}
