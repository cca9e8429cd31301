using System.Net;
using System.Net.WebSockets;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Http.Connections.Client;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.TestHost;
using ProctorWeb.Calls;
using ProctorWeb.Exams;

namespace ProctorWeb.Tests.Support;

/// <summary>A hub's path and the interface of what its server sends to clients.</summary>
public sealed record HubAddress(string Path, Type ClientInterface)
{
    public static readonly HubAddress Calls = new(CallHub.Path, typeof(ICallClient));
    public static readonly HubAddress Exams = new(ExamHub.Path, typeof(IExamClient));
}

/// <summary>
/// One browser tab's hub connection, through the real .NET SignalR client over WebSockets. It knows who it is
/// signed in as, keeps what the server sends it (see HubClient.Inbox.cs), and can close or drop like a tab.
/// </summary>
public sealed partial class HubClient : IAsyncDisposable
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(5);

    private readonly HubConnection _connection;
    private readonly TaskCompletionSource<Exception?> _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    // The socket under the client, kept so a test can pull the plug on it.
    private WebSocket? _socket;
    private string? _connectionId;

    private HubClient(Uri url, HubAddress hub, TestUser user, bool skipNegotiation,
        Action<HttpConnectionOptions> negotiation, Func<Uri, CancellationToken, Task<WebSocket>> openSocket)
    {
        User = user;
        _connection = new HubConnectionBuilder()
            .WithUrl(url, o =>
            {
                o.Transports = HttpTransportType.WebSockets;
                o.SkipNegotiation = skipNegotiation;
                negotiation(o);
                o.WebSocketFactory = async (context, cancel) => _socket = await openSocket(context.Uri, cancel);
            })
            .Build();
        // As the browser does (signaling.js): the server gives up on a client silent for 6 s.
        _connection.KeepAliveInterval = TimeSpan.FromSeconds(2);
        _connection.Closed += error =>
        {
            _closed.TrySetResult(error);
            WakeWaiters();
            return Task.CompletedTask;
        };
        ListenTo(hub.ClientInterface);
    }

    /// <summary>Who this connection is signed in as (for a student of an exam: Id is the roster id).</summary>
    public TestUser User { get; }

    /// <summary>The id the server knows this connection by, from the negotiate step; others address it by this.</summary>
    // Kept from the start: the client forgets it once the connection closes, and tests still name closed connections.
    public string ConnectionId => _connectionId ?? throw new InvalidOperationException("This connection skipped negotiation, so it has no id.");

    /// <summary>Completes once the connection has closed, for whatever reason, with the error it closed with, if any.</summary>
    public Task<Exception?> Closed => _closed.Task;

    /// <summary>
    /// Connects through the app's TestServer, sending the cookies a browser would (none for an anonymous caller) and,
    /// when given, the Origin header a browser's page would (the .NET client sends none of its own) and its
    /// Accept-Language, with the negotiate request and the WebSocket's, as a page's SignalR client sends them.
    /// </summary>
    public static Task<HubClient> ConnectAsync(TestServer server, HubAddress hub, CookieContainer cookies, TestUser user, bool skipNegotiation = false, string? origin = null,
        string? acceptLanguage = null) =>
        StartAsync(new HubClient(new Uri(ProctorWebApplication.BaseUri, hub.Path), hub, user, skipNegotiation,
            o =>
            {
                o.HttpMessageHandlerFactory = _ => new CookieContainerHandler(cookies) { InnerHandler = server.CreateHandler() };
                if (origin is not null)
                {
                    o.Headers["Origin"] = origin;
                }
                if (acceptLanguage is not null)
                {
                    o.Headers["Accept-Language"] = acceptLanguage;
                }
            },
            async (uri, cancel) =>
            {
                var sockets = server.CreateWebSocketClient();
                // An empty Cookie header is not a valid one, so an anonymous caller sends none.
                var header = cookies.GetCookieHeader(new UriBuilder(uri) { Scheme = Uri.UriSchemeHttp }.Uri);
                sockets.ConfigureRequest = request =>
                {
                    if (header.Length > 0)
                    {
                        request.Headers.Cookie = header;
                    }
                    if (origin is not null)
                    {
                        request.Headers.Origin = origin;
                    }
                    if (acceptLanguage is not null)
                    {
                        request.Headers.AcceptLanguage = acceptLanguage;
                    }
                };
                return await sockets.ConnectAsync(uri, cancel);
            }));

    /// <summary>Connects to the app running as its own process on real Kestrel (or to nginx in front of several).</summary>
    /// <param name="query">What the page's hub address adds, e.g. "exam=7", which a balancer routes by.</param>
    public static Task<HubClient> ConnectAsync(Uri baseUri, HubAddress hub, CookieContainer cookies, TestUser user, string? query = null) =>
        StartAsync(new HubClient(new Uri(baseUri, query is null ? hub.Path : $"{hub.Path}?{query}"), hub, user, skipNegotiation: false,
            o => o.Cookies = cookies,
            async (uri, cancel) =>
            {
                var socket = new ClientWebSocket();
                socket.Options.Cookies = cookies;
                await socket.ConnectAsync(uri, cancel);
                return socket;
            }));

    private static async Task<HubClient> StartAsync(HubClient client)
    {
        try
        {
            await client._connection.StartAsync();
            client._connectionId = client._connection.ConnectionId;
            return client;
        }
        catch
        {
            await client._connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>Calls a hub method; a refusal throws the client's HubException, whose message carries the server's text.</summary>
    public async Task<T> InvokeAsync<T>(string method, params object?[] args)
    {
        try
        {
            return await _connection.InvokeCoreAsync<T>(method, args).WaitAsync(DefaultTimeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"{User.DisplayName}'s {method} got no answer within {DefaultTimeout.TotalSeconds} s.");
        }
    }

    public async Task InvokeAsync(string method, params object?[] args)
    {
        try
        {
            await _connection.InvokeCoreAsync(method, args).WaitAsync(DefaultTimeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"{User.DisplayName}'s {method} got no answer within {DefaultTimeout.TotalSeconds} s.");
        }
    }

    /// <summary>Sends an invocation without a completion, as the pages send `Signal`: nothing comes back unless the server pushes it.</summary>
    public Task SendAsync(string method, params object?[] args) => _connection.SendCoreAsync(method, args).WaitAsync(DefaultTimeout);

    /// <summary>
    /// Drops the connection without a close handshake, as a lost network does: the server sees an unexpected
    /// disconnect, not a tab closing.
    /// </summary>
    public async Task DropAsync()
    {
        (_socket ?? throw new InvalidOperationException("There is no socket to drop.")).Abort();
        await Closed.WaitAsync(DefaultTimeout);
    }

    /// <summary>Closes the connection as a closing tab does; safe to call again, so a test may leave mid-way and still use <c>await using</c>.</summary>
    public async ValueTask DisposeAsync()
    {
        await _connection.DisposeAsync();
        _socket?.Dispose();
    }
}
