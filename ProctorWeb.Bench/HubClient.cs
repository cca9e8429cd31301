using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace ProctorWeb.Bench;

/// <summary>
/// The least of a SignalR client that the benchmark needs (JSON protocol over a WebSocket), since the .NET
/// SignalR client package is not available here. Invocations from the server go to <see cref="Received"/>
/// on the receive loop, stamped with the time they were read.
/// </summary>
public sealed class HubClient : IAsyncDisposable
{
    private const byte RecordSeparator = 0x1e;
    private static readonly JsonSerializerOptions FrameJson = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };
    private static readonly byte[] Ping = Encoding.UTF8.GetBytes("{\"type\":6}\u001e");

    private readonly ClientWebSocket _socket;
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly ConcurrentDictionary<string, TaskCompletionSource<JsonElement>> _pending = new();
    private readonly Task _receiveLoop;
    private int _nextId;

    private HubClient(ClientWebSocket socket, string connectionId, byte[] leftover)
    {
        _socket = socket;
        ConnectionId = connectionId;
        _receiveLoop = Task.Run(() => ReceiveLoopAsync(leftover));
    }

    public string ConnectionId { get; }

    /// <summary>Called for each invocation from the server: target, arguments, Stopwatch timestamp of the read.</summary>
    public Action<string, JsonElement, long>? Received { get; set; }

    public static async Task<HubClient> ConnectAsync(HttpClient http, Uri baseUri, string cookie, string hubPath, CancellationToken cancellation)
    {
        // The page's hub address may carry a query (?exam=ID, which a balancer routes by): the browser's client keeps it
        // on the negotiate request and on the WebSocket's, and so does this.
        var (path, query) = hubPath.IndexOf('?') is var q and >= 0 ? (hubPath[..q], hubPath[(q + 1)..] + "&") : (hubPath, "");
        // Negotiating first, as browsers do, gives the connection id that others address this one by.
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(baseUri, $"{path}/negotiate?{query}negotiateVersion=1"));
        request.Headers.Add("Cookie", cookie);
        using var response = await http.SendAsync(request, cancellation);
        response.EnsureSuccessStatusCode();
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellation));
        var connectionId = doc.RootElement.GetProperty("connectionId").GetString()!;
        var token = doc.RootElement.GetProperty("connectionToken").GetString()!;

        var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("Cookie", cookie);
        var ws = new UriBuilder(baseUri) { Scheme = "ws", Path = path, Query = query + "id=" + Uri.EscapeDataString(token) }.Uri;
        await socket.ConnectAsync(ws, cancellation);
        await socket.SendAsync(Encoding.UTF8.GetBytes("{\"protocol\":\"json\",\"version\":1}\u001e"), WebSocketMessageType.Text, true, cancellation);
        var buffer = new byte[4096];
        var reply = new MemoryStream();
        while (true)
        {
            var read = await socket.ReceiveAsync(buffer, cancellation);
            if (read.MessageType == WebSocketMessageType.Close)
            {
                throw new InvalidOperationException("The hub closed the connection during the handshake.");
            }
            var separator = Array.IndexOf(buffer, RecordSeparator, 0, read.Count);
            reply.Write(buffer, 0, separator < 0 ? read.Count : separator);
            if (separator >= 0)
            {
                if (Encoding.UTF8.GetString(reply.ToArray()).Contains("\"error\"", StringComparison.Ordinal))
                {
                    throw new InvalidOperationException("The hub refused the handshake: " + Encoding.UTF8.GetString(reply.ToArray()));
                }
                return new HubClient(socket, connectionId, buffer[(separator + 1)..read.Count]);
            }
        }
    }

    public async Task<JsonElement> InvokeAsync(string method, object?[] args, TimeSpan timeout)
    {
        var id = Interlocked.Increment(ref _nextId).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var completion = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = completion;
        try
        {
            await SendRawAsync(Frame(method, args, id));
            return await completion.Task.WaitAsync(timeout);
        }
        finally
        {
            _pending.TryRemove(id, out _);
        }
    }

    /// <summary>An invocation without an id: the server sends no completion, as with the browser client's send().</summary>
    public static byte[] Frame(string method, object?[] args, string? invocationId = null) =>
        Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { type = 1, invocationId, target = method, arguments = args }, FrameJson) + (char)RecordSeparator);

    public async Task SendRawAsync(ReadOnlyMemory<byte> frame)
    {
        await _sendLock.WaitAsync();
        try
        {
            await _socket.SendAsync(frame, WebSocketMessageType.Text, true, CancellationToken.None);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    /// <summary>The server drops a client silent for longer than its timeout (6 s), so each connection pings like a browser.</summary>
    /// <summary>Every 2 s, as the browser client does: the server closes a connection silent for 6 s.</summary>
    public static async Task PingEveryTwoSecondsAsync(Func<IEnumerable<HubClient>> clients, CancellationToken stop)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(2));
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                foreach (var client in clients())
                {
                    _ = client.PingAsync().ContinueWith(_ => { }, TaskScheduler.Default);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    public Task PingAsync() => _socket.State == WebSocketState.Open ? SendRawAsync(Ping) : Task.CompletedTask;

    public bool IsOpen => _socket.State == WebSocketState.Open && !_receiveLoop.IsCompleted;

    private async Task ReceiveLoopAsync(byte[] leftover)
    {
        var buffer = new byte[16 * 1024];
        var pending = new List<byte>(leftover);
        try
        {
            Split(pending, System.Diagnostics.Stopwatch.GetTimestamp());
            while (true)
            {
                var read = await _socket.ReceiveAsync(buffer.AsMemory(), CancellationToken.None);
                var at = System.Diagnostics.Stopwatch.GetTimestamp();
                if (read.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }
                pending.AddRange(buffer.AsSpan(0, read.Count));
                Split(pending, at);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException or IOException)
        {
        }
        finally
        {
            foreach (var (_, waiting) in _pending)
            {
                waiting.TrySetException(new InvalidOperationException("The hub connection closed."));
            }
        }
    }

    private void Split(List<byte> pending, long at)
    {
        int separator;
        while ((separator = pending.IndexOf(RecordSeparator)) >= 0)
        {
            var record = pending.GetRange(0, separator).ToArray();
            pending.RemoveRange(0, separator + 1);
            Dispatch(record, at);
        }
    }

    private void Dispatch(byte[] record, long at)
    {
        using var doc = JsonDocument.Parse(record);
        var root = doc.RootElement;
        switch (root.GetProperty("type").GetInt32())
        {
            case 1:
                Received?.Invoke(root.GetProperty("target").GetString()!, root.GetProperty("arguments"), at);
                break;
            case 3:
                if (_pending.TryGetValue(root.GetProperty("invocationId").GetString()!, out var completion))
                {
                    if (root.TryGetProperty("error", out var error))
                    {
                        completion.TrySetException(new InvalidOperationException(error.GetString()));
                    }
                    else
                    {
                        completion.TrySetResult(root.TryGetProperty("result", out var result) ? result.Clone() : default);
                    }
                }
                break;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_socket.State == WebSocketState.Open)
        {
            try
            {
                await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5));
            }
            catch (Exception ex) when (ex is WebSocketException or TimeoutException or OperationCanceledException or ObjectDisposedException)
            {
            }
        }
        await _receiveLoop.WaitAsync(TimeSpan.FromSeconds(5)).ContinueWith(_ => { }, TaskScheduler.Default);
        _socket.Dispose();
        _sendLock.Dispose();
    }
}
