using Microsoft.AspNetCore.Http.Features;

namespace ProctorWeb.Security;

/// <summary>How much a request may send. No form here needs more than a pasted roster (at most 200,000 characters).</summary>
public static class RequestLimits
{
    public const long MaxBodyBytes = 1024 * 1024;

    /// <summary>More fields than any of our forms has, by far.</summary>
    public const int MaxFormFields = 256;

    public static WebApplicationBuilder AddRequestLimits(this WebApplicationBuilder builder)
    {
        // Kestrel answers 413 before reading a body announced as too large, and stops reading one that grows too large.
        builder.WebHost.ConfigureKestrel(o => o.Limits.MaxRequestBodySize = MaxBodyBytes);
        // Forms are read by model binding and antiforgery on any server, so their own limits apply even where the server sets none.
        builder.Services.Configure<FormOptions>(o =>
        {
            o.MultipartBodyLengthLimit = MaxBodyBytes;
            o.ValueLengthLimit = (int)MaxBodyBytes;
            o.BufferBodyLengthLimit = MaxBodyBytes;
            o.ValueCountLimit = MaxFormFields;
        });
        return builder;
    }
}
