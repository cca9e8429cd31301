using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace ProctorWeb.Tests.Support.Cluster;

/// <summary>A server program the tests start on 127.0.0.1 in the foreground, and kill with its test.</summary>
public sealed class LoopbackProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly OutputTail _output = new();

    private LoopbackProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, line) => _output.Keep(line.Data);
        _process.ErrorDataReceived += (_, line) => _output.Keep(line.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public string Output => _output.Text;

    public static LoopbackProcess Start(string program, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(program, arguments) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        return new LoopbackProcess(Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start."));
    }

    /// <summary>Waits until something accepts connections on the port (the program is ready), or fails with its output.</summary>
    public async Task WaitForPortAsync(int port, string what)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            using var client = new TcpClient();
            try
            {
                await client.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException) when (!_process.HasExited && waited.Elapsed < TimeSpan.FromSeconds(30))
            {
                await Task.Delay(50);
            }
            catch (SocketException)
            {
                throw new InvalidOperationException($"{what} did not listen on 127.0.0.1:{port}.\n{Output}");
            }
        }
    }


    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}

/// <summary>The last lines a process wrote (standard output and error), for a failing test's message.</summary>
public sealed class OutputTail
{
    private const int Lines = 200;
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _lines = new();

    public string Text => string.Join('\n', _lines);

    public void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }
        _lines.Enqueue(line);
        while (_lines.Count > Lines && _lines.TryDequeue(out _))
        {
        }
    }
}
