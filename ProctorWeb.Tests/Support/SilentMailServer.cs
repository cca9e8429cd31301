using System.Net;
using System.Net.Sockets;

namespace ProctorWeb.Tests.Support;

/// <summary>
/// A mail server that takes connections and never says a word (not even its greeting), as an overloaded server or a
/// firewall that swallows the conversation does: whoever talks to it waits until they give up.
/// </summary>
public sealed class SilentMailServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly List<TcpClient> _held = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private int _accepted;

    public SilentMailServer()
    {
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>How many connections it has taken so far.</summary>
    public int Accepted => Volatile.Read(ref _accepted);

    public Dictionary<string, string?> Settings() => new()
    {
        ["Email:Host"] = "127.0.0.1",
        ["Email:Port"] = Port.ToString(),
        ["Email:Security"] = "None",
        ["Email:From"] = "ProctorWeb <exams@school.test>",
    };

    public Task WaitForConnectionsAsync(int count) =>
        Eventually.MatchAsync(() => Task.FromResult(Accepted), n => n >= count, $"{count} connections to the silent mail server");

    private async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                lock (_held)
                {
                    _held.Add(client);
                }
                Interlocked.Increment(ref _accepted);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _accepting;
        _listener.Stop();
        lock (_held)
        {
            _held.ForEach(c => c.Dispose());
        }
        _stop.Dispose();
    }
}
