using Microsoft.AspNetCore.HttpOverrides;

namespace ProctorWeb.Configuration;

public static class ForwardedHeadersSetup
{
    /// <summary>
    /// Behind an HTTPS reverse proxy, requests reach Kestrel as plain http from the proxy's address.
    /// Read the client's address and scheme from X-Forwarded-For/-Proto, but only when they come from
    /// a proxy on this machine (the options' default known proxies: 127.0.0.0/8 and ::1), so nobody
    /// reaching Kestrel directly can claim to be on https or at another address.
    /// </summary>
    public static IServiceCollection AddReverseProxyHeaders(this IServiceCollection services) =>
        services.Configure<ForwardedHeadersOptions>(o => o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto);
}
