using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace ProctorWeb.Security;

/// <summary>Origins besides the app's own whose pages may open its hubs (a site name a proxy serves it under).</summary>
public sealed class HubOriginOptions : IValidatableObject
{
    public const string Section = "Security";

    /// <summary>Each an origin as browsers send it: scheme, host and port only, such as "https://exams.example.org".</summary>
    public List<string> AllowedOrigins { get; set; } = [];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var origin in AllowedOrigins.Where(o => HubOrigins.Normalize(o) is null || new Uri(o).PathAndQuery != "/" || new Uri(o).Fragment.Length > 0))
        {
            yield return new ValidationResult($"Security:AllowedOrigins '{origin}' must be an origin: http:// or https://, a host and an optional port, nothing after.", [nameof(AllowedOrigins)]);
        }
    }
}

/// <summary>
/// A browser lets any page open a WebSocket to any site and sends that site's cookies with it (SameSite does not
/// stop a sibling subdomain), so a hub would accept another site's page as the signed-in proctor. Every request
/// to a hub (negotiate, WebSocket, SSE, long polling) must therefore come from the app's own origin (scheme and
/// host as the request reached it, after forwarded headers) or one configured in Security:AllowedOrigins.
/// A request without Origin is let through: browsers always send one on a WebSocket handshake and on every
/// cross-origin request, so its absence means a client that is no browser (the .NET client of the tests and
/// benchmarks, a script), which holds its own cookies and could send any Origin it liked anyway.
/// </summary>
public static class HubOrigins
{
    public static readonly PathString HubsPath = "/hubs";

    public static IServiceCollection AddHubOriginCheck(this IServiceCollection services)
    {
        services.AddOptions<HubOriginOptions>().BindConfiguration(HubOriginOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        return services;
    }

    public static IApplicationBuilder UseHubOriginCheck(this IApplicationBuilder app)
    {
        var options = app.ApplicationServices.GetRequiredService<IOptions<HubOriginOptions>>().Value;
        var allowed = options.AllowedOrigins.Select(Normalize).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var logger = app.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(HubOrigins).FullName!);
        return app.Use((context, next) =>
        {
            var request = context.Request;
            if (!request.Path.StartsWithSegments(HubsPath) || request.Headers.Origin is not [{ } origin])
            {
                return next(context);
            }
            var normalized = Normalize(origin);
            if (normalized is not null && (normalized == Normalize($"{request.Scheme}://{request.Host}") || allowed.Contains(normalized)))
            {
                return next(context);
            }
            logger.LogWarning("Refused a hub request from origin {Origin}", origin.Length > 100 ? origin[..100] : origin);
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return Task.CompletedTask;
        });
    }

    /// <summary>scheme://host[:port] in lower case with default ports left out; null for anything else ("null", a path, ftp:).</summary>
    public static string? Normalize(string? origin) =>
        Uri.TryCreate(origin, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp) && uri.UserInfo.Length == 0
            ? uri.GetLeftPart(UriPartial.Authority).ToLowerInvariant()
            : null;
}
