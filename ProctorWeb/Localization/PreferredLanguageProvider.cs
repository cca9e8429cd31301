using Microsoft.AspNetCore.Localization;
using Microsoft.Net.Http.Headers;

namespace ProctorWeb.Localization;

/// <summary>
/// The browser's languages, best first: the first one the app speaks wins. Unlike ASP.NET's own provider it
/// reads zh-TW, zh-Hans-CN or plain zh as Simplified Chinese, which those readers understand better than English.
/// </summary>
public sealed class PreferredLanguageProvider : RequestCultureProvider
{
    public override Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext httpContext)
    {
        var header = httpContext.Request.Headers.AcceptLanguage.ToString();
        if (header.Length == 0 || header.Length > 1000 || !StringWithQualityHeaderValue.TryParseList(header.Split(','), out var languages))
        {
            return NullProviderCultureResult;
        }
        var best = languages
            .Where(l => (l.Quality ?? 1) > 0)
            .OrderByDescending(l => l.Quality ?? 1)
            .Select(l => Cultures.Match(l.Value.Value))
            .FirstOrDefault(c => c is not null);
        return best is null ? NullProviderCultureResult : Task.FromResult<ProviderCultureResult?>(new ProviderCultureResult(best));
    }
}
