using System.Diagnostics;
using System.Text.Json;

namespace ProctorWeb.Bench;

/// <summary>
/// relay/driver.mjs in a Node process of its own: one client process drives the hub (through the product's own
/// signaling.js and the npm SignalR client the pages load) and the socket.io relay alike. Its packages are
/// installed by relay/install.sh, idempotently, before the first run.
/// </summary>
public sealed class NodeDriver : IAsyncDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly Process _process;
    private readonly string _planFile;
    private readonly Task<string?> _result;
    private readonly TaskCompletionSource _armed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private NodeDriver(Process process, string planFile)
    {
        _process = process;
        _planFile = planFile;
        _result = ReadOutputAsync();
    }

    public static async Task<NodeDriver> StartAsync(string repoRoot, object plan)
    {
        var relay = Path.Combine(repoRoot, "ProctorWeb.Bench", "relay");
        await RunToEndAsync("bash", Path.Combine(relay, "install.sh"));
        var planFile = Path.GetTempFileName();
        await File.WriteAllTextAsync(planFile, JsonSerializer.Serialize(plan, Json));
        var start = new ProcessStartInfo("node") { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false, WorkingDirectory = relay };
        start.ArgumentList.Add(Path.Combine(relay, "driver.mjs"));
        start.ArgumentList.Add(planFile);
        return new NodeDriver(Process.Start(start) ?? throw new InvalidOperationException("Could not start node."), planFile);
    }

    /// <summary>The storm plan says ARMED once every student joined and the idle cost is read.</summary>
    public Task Armed => _armed.Task;

    public async Task SayAsync(string line)
    {
        await _process.StandardInput.WriteLineAsync(line);
        await _process.StandardInput.FlushAsync();
    }

    public async Task<T> ResultAsync<T>(TimeSpan timeout)
    {
        var line = await _result.WaitAsync(timeout) ?? throw new InvalidOperationException($"The Node driver ended without a result (exit code {(_process.HasExited ? _process.ExitCode : -1)}); its log is above.");
        return JsonSerializer.Deserialize<T>(line, Json)!;
    }

    private async Task<string?> ReadOutputAsync()
    {
        while (await _process.StandardOutput.ReadLineAsync() is { } line)
        {
            if (line == "ARMED")
            {
                _armed.TrySetResult();
            }
            else if (line.StartsWith("RESULT ", StringComparison.Ordinal))
            {
                return line["RESULT ".Length..];
            }
        }
        _armed.TrySetException(new InvalidOperationException("The Node driver ended before it was armed."));
        return null;
    }

    private static async Task RunToEndAsync(string file, string argument)
    {
        using var process = Process.Start(new ProcessStartInfo(file, [argument]) { UseShellExecute = false }) ?? throw new InvalidOperationException($"Could not start {file}.");
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {argument} failed with exit code {process.ExitCode}.");
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
        File.Delete(_planFile);
    }
}
