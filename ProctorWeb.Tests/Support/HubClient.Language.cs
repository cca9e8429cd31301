using System.Net;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.AspNetCore.TestHost;

namespace ProctorWeb.Tests.Support;

public sealed partial class HubClient
{
    /// <summary>
    /// Connects as a browser whose languages are <paramref name="acceptLanguage"/> does: the header goes with the
    /// negotiate request and the WebSocket's, as a page's SignalR client sends it.
    /// </summary>
    public static Task<HubClient> ConnectInLanguageAsync(TestServer server, HubAddress hub, CookieContainer cookies, TestUser user, string acceptLanguage) =>
        StartAsync(new HubClient(new Uri(ProctorWebApplication.BaseUri, hub.Path), hub, user, skipNegotiation: false,
            o =>
            {
                o.HttpMessageHandlerFactory = _ => new CookieContainerHandler(cookies) { InnerHandler = server.CreateHandler() };
                o.Headers["Accept-Language"] = acceptLanguage;
            },
            async (uri, cancel) =>
            {
                var sockets = server.CreateWebSocketClient();
                var header = cookies.GetCookieHeader(new UriBuilder(uri) { Scheme = Uri.UriSchemeHttp }.Uri);
                sockets.ConfigureRequest = request =>
                {
                    if (header.Length > 0)
                    {
                        request.Headers.Cookie = header;
                    }
                    request.Headers.AcceptLanguage = acceptLanguage;
                };
                return await sockets.ConnectAsync(uri, cancel);
            }));
}
