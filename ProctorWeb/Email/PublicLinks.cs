using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace ProctorWeb.Email;

/// <summary>The address people open the app at, which links in mails are built from.</summary>
public sealed class PublicUrlOptions
{
    public const string Section = "App";

    /// <summary>For example https://exams.example.org/ (a path is kept, for an app behind a proxy under a folder).</summary>
    public string? PublicUrl { get; set; }
}

/// <summary>
/// Refuses a public address that is not an absolute http(s) URL; and, outside Development, a missing one when mail
/// really leaves the machine (Email:Host), since links would otherwise point at the server's own listening address.
/// </summary>
public sealed class PublicUrlValidator(IHostEnvironment environment, IOptions<EmailOptions> email) : IValidateOptions<PublicUrlOptions>
{
    public ValidateOptionsResult Validate(string? name, PublicUrlOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.PublicUrl))
        {
            return email.Value.UsesSmtp && !environment.IsDevelopment()
                ? ValidateOptionsResult.Fail("App:PublicUrl must be set when Email:Host is: it is the address (such as https://exams.example.org/) that links in mails open.")
                : ValidateOptionsResult.Success;
        }
        return Uri.TryCreate(options.PublicUrl, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && string.IsNullOrEmpty(uri.Query) && string.IsNullOrEmpty(uri.Fragment)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"App:PublicUrl \"{options.PublicUrl}\" must be an absolute http or https address, such as https://exams.example.org/.");
    }
}

/// <summary>
/// Absolute links for mails. Never from the request's Host header: anyone can send a forged one, and a reset link
/// pointing at their site would hand them the token. Without App:PublicUrl, the server's own first listening address.
/// </summary>
public sealed class PublicLinks(IOptions<PublicUrlOptions> options, LinkGenerator links, IServer server, ILogger<PublicLinks> logger)
{
    private Uri? _fallback;

    public Uri Base => string.IsNullOrWhiteSpace(options.Value.PublicUrl) ? Fallback() : WithTrailingSlash(new Uri(options.Value.PublicUrl));

    /// <summary>The absolute address of a Razor page with these query values.</summary>
    public string Page(string page, object? values = null)
    {
        var path = links.GetPathByPage(page, handler: null, values, pathBase: PathString.Empty)
            ?? throw new InvalidOperationException($"No page {page}.");
        return new Uri(Base, path.TrimStart('/')).AbsoluteUri;
    }

    /// <summary>
    /// A link shown on a page (to copy, download or scan) rather than mailed: the same as a mail's when App:PublicUrl is
    /// set, so a copied link and a mailed one never differ; otherwise the address the person asking is using.
    /// </summary>
    public string PageShownTo(HttpRequest request, string page, object? values = null)
    {
        if (!string.IsNullOrWhiteSpace(options.Value.PublicUrl))
        {
            return Page(page, values);
        }
        return links.GetUriByPage(request.HttpContext, page, handler: null, values)
            ?? throw new InvalidOperationException($"No page {page}.");
    }

    private Uri Fallback()
    {
        if (_fallback is not null)
        {
            return _fallback;
        }
        var listening = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        // "http://+:80", "http://*:80" and "http://0.0.0.0:80" listen everywhere; a link needs a name.
        var address = listening is null
            ? "http://localhost/"
            : listening.Replace("://+", "://localhost").Replace("://*", "://localhost").Replace("://0.0.0.0", "://localhost").Replace("://[::]", "://localhost");
        _fallback = WithTrailingSlash(new Uri(address));
        logger.LogWarning("App:PublicUrl is not set: links in mails use {Address}, the server's own address. Set App:PublicUrl to the address people open.", _fallback);
        return _fallback;
    }

    private static Uri WithTrailingSlash(Uri uri) => uri.AbsolutePath.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/");
}
