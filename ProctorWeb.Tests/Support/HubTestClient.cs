using System.Collections.Concurrent;
using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Mvc.Testing;
using ProctorWeb.Calls;

namespace ProctorWeb.Tests.Support;

/// <summary>
/// Just enough of a SignalR client (JSON protocol over a WebSocket) to drive the hubs from tests,
/// since the .NET SignalR client package is not available here.
/// </summary>
public sealed class HubTestClient : IAsyncDisposable
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(5);

    private const byte RecordSeparator = 0x1e;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly WebSocket _socket;
    private readonly CancellationTokenSource _stop = new();
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly ConcurrentDictionary<string, TaskCompletionSource<JsonElement>> _pending = new();
    private readonly Channel<HubMessage> _incoming = Channel.CreateUnbounded<HubMessage>();
    // Messages read from the channel but not yet claimed by a WaitForAsync; guarded by itself.
    private readonly List<HubMessage> _unclaimed = [];
    // Everything the server sent, kept so a failed wait can say what did arrive.
    private readonly ConcurrentQueue<HubMessage> _history = new();
    private readonly Task _receiveLoop;
    private int _nextInvocationId;
    private int _disposed;

    private HubTestClient(WebSocket socket, TestUser user, string connectionId, byte[] alreadyRead)
    {
        _socket = socket;
        User = user;
        ConnectionId = connectionId;
        _receiveLoop = Task.Run(() => ReceiveLoopAsync(alreadyRead));
    }

    /// <summary>Who this connection is signed in as (for a student of an exam: Id is the roster id).</summary>
    public TestUser User { get; }

    /// <summary>The id the server knows this connection by, from the negotiate step.</summary>
    public string ConnectionId { get; }

    /// <summary>Why the server closed the connection (a SignalR close message), if it did.</summary>
    public string? CloseError { get; private set; }

    public Task Closed => _receiveLoop;

    public static async Task<HubTestClient> ConnectAsync<TEntryPoint>(WebApplicationFactory<TEntryPoint> app, CookieContainer cookies, TestUser user, string hubPath = CallHub.Path) where TEntryPoint : class
    {
        // Negotiating first, as browsers do, tells the test the connection id that others address it by.
        var (connectionId, token) = await NegotiateAsync(app, cookies, hubPath);
        var socket = await OpenSocketAsync(app, cookies, $"{hubPath}?id={Uri.EscapeDataString(token)}");
        return await HandshakeAsync(socket, user, connectionId);
    }

    /// <summary>Connects to a hub of the app running as its own process on real Kestrel.</summary>
    public static async Task<HubTestClient> ConnectAsync(Uri baseUri, CookieContainer cookies, TestUser user, string hubPath)
    {
        using var http = new HttpClient(new HttpClientHandler { CookieContainer = cookies }) { BaseAddress = baseUri };
        using var response = await http.PostAsync($"{hubPath}/negotiate?negotiateVersion=1", null);
        response.EnsureSuccessStatusCode();
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var token = doc.RootElement.GetProperty("connectionToken").GetString()!;
        var socket = new ClientWebSocket();
        socket.Options.Cookies = cookies;
        await socket.ConnectAsync(new Uri($"ws://{baseUri.Authority}{hubPath}?id={Uri.EscapeDataString(token)}"), CancellationToken.None);
        return await HandshakeAsync(socket, user, doc.RootElement.GetProperty("connectionId").GetString()!);
    }

    private static async Task<HubTestClient> HandshakeAsync(WebSocket socket, TestUser user, string connectionId)
    {
        await SendRecordAsync(socket, """{"protocol":"json","version":1}""", CancellationToken.None);
        // The handshake reply is "{}" or {"error":...}; nothing else may come before it.
        var (reply, rest) = await ReadHandshakeReplyAsync(socket);
        using (var doc = JsonDocument.Parse(reply))
        {
            if (doc.RootElement.TryGetProperty("error", out var error))
            {
                throw new InvalidOperationException($"The hub refused the handshake: {error.GetString()}");
            }
        }
        return new HubTestClient(socket, user, connectionId, rest);
    }

    /// <summary>Opens the WebSocket with the given cookies; throws if the upgrade is refused.</summary>
    public static Task<WebSocket> OpenSocketAsync<TEntryPoint>(WebApplicationFactory<TEntryPoint> app, CookieContainer cookies, string hubPath = CallHub.Path) where TEntryPoint : class
    {
        var client = app.Server.CreateWebSocketClient();
        client.ConfigureRequest = request =>
        {
            // An anonymous caller has no cookies, and an empty Cookie header is not a valid one.
            if (cookies.GetCookieHeader(ProctorWebApplication.BaseUri) is { Length: > 0 } header)
            {
                request.Headers["Cookie"] = header;
            }
        };
        return client.ConnectAsync(new Uri($"ws://localhost{hubPath}"), CancellationToken.None);
    }

    private static async Task<(string ConnectionId, string Token)> NegotiateAsync<TEntryPoint>(WebApplicationFactory<TEntryPoint> app, CookieContainer cookies, string hubPath) where TEntryPoint : class
    {
        using var client = app.Server.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{hubPath}/negotiate?negotiateVersion=1");
        if (cookies.GetCookieHeader(ProctorWebApplication.BaseUri) is { Length: > 0 } header)
        {
            request.Headers.Add("Cookie", header);
        }
        using var response = await client.SendAsync(request);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"Negotiating with {hubPath} answered status code: {(int)response.StatusCode}");
        }
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return (doc.RootElement.GetProperty("connectionId").GetString()!, doc.RootElement.GetProperty("connectionToken").GetString()!);
    }

    public async Task<T> InvokeAsync<T>(string method, params object?[] args)
    {
        var result = await InvokeCoreAsync(method, args);
        return result.Deserialize<T>(Json)!;
    }

    public Task InvokeAsync(string method, params object?[] args) => InvokeCoreAsync(method, args);

    /// <summary>
    /// Returns the arguments of the first <paramref name="target"/> message that matches, waiting for it if need be.
    /// Earlier messages to the same target are passed over (a presence list is superseded by the next one);
    /// messages to other targets stay for their own waits.
    /// </summary>
    public async Task<JsonElement[]> WaitForAsync(string target, Func<JsonElement[], bool>? match = null, TimeSpan? timeout = null)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
        deadline.CancelAfter(timeout ?? DefaultTimeout);
        try
        {
            while (true)
            {
                if (TryClaim(target, match) is { } found)
                {
                    return found;
                }
                if (!await _incoming.Reader.WaitToReadAsync(deadline.Token))
                {
                    // Connection closed: one last look at what was already read.
                    return TryClaim(target, match) ?? throw NotReceived(target, "the connection closed");
                }
            }
        }
        catch (OperationCanceledException)
        {
            throw NotReceived(target, $"nothing matched within {(timeout ?? DefaultTimeout).TotalSeconds:0.#} s");
        }
    }

    /// <summary>Waits for a presence list that satisfies <paramref name="match"/>; returns it as (id, name, status) rows.</summary>
    public async Task<IReadOnlyList<(string Id, string Name, string Status)>> WaitForOnlineUsersAsync(Func<IReadOnlyList<(string Id, string Name, string Status)>, bool> match)
    {
        var args = await WaitForAsync("OnlineUsers", a => match(ReadUsers(a)));
        return ReadUsers(args);
    }

    /// <summary>Fails if <paramref name="target"/> arrives (or already arrived unclaimed) within <paramref name="window"/>.</summary>
    public async Task AssertNothingReceivedAsync(string target, TimeSpan window)
    {
        using var deadline = new CancellationTokenSource(window);
        try
        {
            while (true)
            {
                if (TryClaim(target, null) is { } received)
                {
                    Assert.Fail($"{User.DisplayName} should not have received {target}, but got {JsonSerializer.Serialize(received)}.");
                }
                if (!await _incoming.Reader.WaitToReadAsync(deadline.Token))
                {
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The window passed quietly.
        }
    }

    /// <summary>Every <paramref name="target"/> message received so far, claimed or not: for "nothing came before X" checks.</summary>
    public IReadOnlyList<JsonElement[]> ReceivedSoFar(string target) =>
        _history.Where(m => m.Target == target).Select(m => m.Arguments).ToList();

    /// <summary>Every message received so far, whatever its target, as the raw JSON of its arguments.</summary>
    public IReadOnlyList<(string Target, string Arguments)> EverythingReceivedSoFar() =>
        _history.Select(m => (m.Target, "[" + string.Join(",", m.Arguments.Select(a => a.GetRawText())) + "]")).ToList();

    /// <summary>Closes the connection; safe to call again, so a test may leave mid-way and still use <c>await using</c>.</summary>
    /// <summary>Drops the connection without a close handshake, as a lost network does.</summary>
    public async Task DropAsync()
    {
        _socket.Abort();
        await Closed.WaitAsync(DefaultTimeout).ContinueWith(_ => { }, TaskScheduler.Default);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }
        if (_socket.State == WebSocketState.Open)
        {
            try
            {
                await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "test over", CancellationToken.None).WaitAsync(DefaultTimeout);
            }
            catch (Exception ex) when (ex is WebSocketException or TimeoutException or OperationCanceledException or ObjectDisposedException)
            {
                // The server may already have gone; the test's own assertions matter, not this.
            }
        }
        await _stop.CancelAsync();
        try
        {
            await _receiveLoop.WaitAsync(DefaultTimeout);
        }
        catch (TimeoutException)
        {
        }
        _socket.Dispose();
        _stop.Dispose();
    }

    public static IReadOnlyList<(string Id, string Name, string Status)> ReadUsers(JsonElement[] args) =>
        args[0].EnumerateArray().Select(u => (u.GetProperty("id").GetString()!, u.GetProperty("name").GetString()!, u.GetProperty("status").GetString()!)).ToList();

    private async Task<JsonElement> InvokeCoreAsync(string method, object?[] args)
    {
        var id = Interlocked.Increment(ref _nextInvocationId).ToString();
        var completion = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = completion;
        var message = JsonSerializer.Serialize(new { type = 1, invocationId = id, target = method, arguments = args }, Json);
        await _sendLock.WaitAsync();
        try
        {
            await SendRecordAsync(_socket, message, _stop.Token);
        }
        finally
        {
            _sendLock.Release();
        }
        try
        {
            return await completion.Task.WaitAsync(DefaultTimeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"{method} got no completion within {DefaultTimeout.TotalSeconds} s.");
        }
        finally
        {
            _pending.TryRemove(id, out _);
        }
    }

    private JsonElement[]? TryClaim(string target, Func<JsonElement[], bool>? match)
    {
        lock (_unclaimed)
        {
            while (_incoming.Reader.TryRead(out var next))
            {
                _unclaimed.Add(next);
            }
            var index = _unclaimed.FindIndex(m => m.Target == target && (match is null || match(m.Arguments)));
            if (index < 0)
            {
                return null;
            }
            var found = _unclaimed[index];
            var passedOver = _unclaimed.Take(index).Where(m => m.Target == target).ToList();
            _unclaimed.RemoveAt(index);
            _unclaimed.RemoveAll(passedOver.Contains);
            return found.Arguments;
        }
    }

    private Exception NotReceived(string target, string why)
    {
        var seen = _history.IsEmpty
            ? "nothing at all"
            : string.Join(Environment.NewLine, _history.Select(m => $"  {m.Target}({string.Join(", ", m.Arguments.Select(a => a.GetRawText()))})"));
        return new Xunit.Sdk.XunitException($"{User.DisplayName} did not receive the expected {target}: {why}. Received:{Environment.NewLine}{seen}");
    }

    private async Task ReceiveLoopAsync(byte[] alreadyRead)
    {
        var buffer = new byte[16 * 1024];
        var pending = new MemoryStream();
        // A record may span frames and a frame may hold several records: split on the separator only.
        void Consume(ReadOnlySpan<byte> bytes)
        {
            pending.Write(bytes);
            var all = pending.ToArray();
            var start = 0;
            for (var i = 0; i < all.Length; i++)
            {
                if (all[i] == RecordSeparator)
                {
                    Dispatch(all.AsSpan(start, i - start));
                    start = i + 1;
                }
            }
            pending.SetLength(0);
            pending.Write(all, start, all.Length - start);
        }

        try
        {
            // Records that came in the handshake's frame go first.
            Consume(alreadyRead);
            while (!_stop.IsCancellationRequested)
            {
                var read = await _socket.ReceiveAsync(buffer.AsMemory(), _stop.Token);
                if (read.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }
                Consume(buffer.AsSpan(0, read.Count));
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException or ObjectDisposedException or IOException)
        {
            // Closing is how every connection ends; what matters is reported below.
        }
        finally
        {
            foreach (var (_, waiting) in _pending)
            {
                waiting.TrySetException(new InvalidOperationException($"The hub connection closed{(CloseError is null ? "" : ": " + CloseError)}."));
            }
            _incoming.Writer.TryComplete();
        }
    }

    private void Dispatch(ReadOnlySpan<byte> record)
    {
        using var doc = JsonDocument.Parse(record.ToArray());
        var root = doc.RootElement;
        switch (root.GetProperty("type").GetInt32())
        {
            case 1: // invocation from the server
                var message = new HubMessage(root.GetProperty("target").GetString()!, root.GetProperty("arguments").EnumerateArray().Select(a => a.Clone()).ToArray());
                _history.Enqueue(message);
                _incoming.Writer.TryWrite(message);
                break;
            case 3: // completion of one of ours
                var id = root.GetProperty("invocationId").GetString()!;
                if (_pending.TryGetValue(id, out var completion))
                {
                    if (root.TryGetProperty("error", out var error))
                    {
                        completion.TrySetException(new HubErrorException(error.GetString() ?? ""));
                    }
                    else
                    {
                        completion.TrySetResult(root.TryGetProperty("result", out var result) ? result.Clone() : default);
                    }
                }
                break;
            case 6: // ping
                break;
            case 7: // close
                CloseError = root.TryGetProperty("error", out var closeError) ? closeError.GetString() : null;
                break;
        }
    }

    private static async Task SendRecordAsync(WebSocket socket, string json, CancellationToken cancellation)
    {
        var bytes = Encoding.UTF8.GetBytes(json + (char)RecordSeparator);
        await socket.SendAsync(bytes, WebSocketMessageType.Text, endOfMessage: true, cancellation);
    }

    /// <summary>Reads up to the handshake's separator; returns the reply and whatever came after it in the same frame.</summary>
    private static async Task<(string Reply, byte[] Leftover)> ReadHandshakeReplyAsync(WebSocket socket)
    {
        var buffer = new byte[4096];
        var reply = new MemoryStream();
        using var timeout = new CancellationTokenSource(DefaultTimeout);
        while (true)
        {
            var read = await socket.ReceiveAsync(buffer, timeout.Token);
            if (read.MessageType == WebSocketMessageType.Close)
            {
                throw new InvalidOperationException("The hub closed the connection during the handshake.");
            }
            var separator = Array.IndexOf(buffer, RecordSeparator, 0, read.Count);
            reply.Write(buffer, 0, separator < 0 ? read.Count : separator);
            if (separator >= 0)
            {
                // The server may pack the first presence list into the handshake's frame.
                return (Encoding.UTF8.GetString(reply.ToArray()), buffer[(separator + 1)..read.Count]);
            }
        }
    }

    private sealed record HubMessage(string Target, JsonElement[] Arguments);
}

/// <summary>The hub answered an invocation with an error; <see cref="Exception.Message"/> is the server's text.</summary>
public sealed class HubErrorException(string message) : Exception(message);
