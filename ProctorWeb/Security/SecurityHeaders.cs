using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace ProctorWeb.Security;

/// <summary>Response headers that tell browsers what this app's pages may do, and the antiforgery cookie's flags.</summary>
public static class SecurityHeaders
{
    /// <summary>
    /// Scripts and styles only from our own files, never inline, so injected markup cannot run.
    /// Media also plays local streams (mediastream:) and recorded blobs; QR codes are data: images.
    /// </summary>
    public const string ContentSecurityPolicy = "default-src 'self'; script-src 'self'; " + RestOfPolicy;

    /// <summary>
    /// The exam room alone may also compile WebAssembly: the face checks run their models on the WASM backend.
    /// 'wasm-unsafe-eval' allows compiling WebAssembly only, never eval() of script text ('unsafe-eval').
    /// </summary>
    public const string ExamRoomContentSecurityPolicy = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; " + RestOfPolicy;

    /// <summary>The pages that run the face checks (ProctorWeb/Pages/Join/Room.cshtml).</summary>
    public static readonly PathString ExamRoomPath = "/Join/Room";

    private const string RestOfPolicy =
        "style-src 'self'; img-src 'self' data:; media-src 'self' blob: mediastream:; " +
        "connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'";

    /// <summary>Camera, microphone, screen sharing and fullscreen for our own pages only; nothing else the proctoring does not need.</summary>
    public const string PermissionsPolicy = "camera=(self), microphone=(self), fullscreen=(self), display-capture=(self), geolocation=(), payment=(), usb=()";

    public static IServiceCollection AddSecurityHeaders(this IServiceCollection services)
    {
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "proctorweb.antiforgery";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        // No "Server: Kestrel": an attacker need not be told which server (and so which advisories) to try.
        services.Configure<KestrelServerOptions>(o => o.AddServerHeader = false);
        return services;
    }

    /// <summary>Goes after the exception handler: it clears headers and re-runs the pipeline from here for the error page.</summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        var headers = context.Response.Headers;
        // By path, before routing, so the policy is set even for responses that never reach a page (a redirect to sign in).
        headers.ContentSecurityPolicy = context.Request.Path.StartsWithSegments(ExamRoomPath) ? ExamRoomContentSecurityPolicy : ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        // Invitation links carry their secret in the path: no page may hand its address to another site.
        headers["Referrer-Policy"] = "no-referrer";
        headers["Permissions-Policy"] = PermissionsPolicy;
        headers.XFrameOptions = "DENY";
        return next(context);
    });
}
