namespace ProctorWeb.Tests.Support.Cluster;

/// <summary>A throwaway redis-server on 127.0.0.1: nothing saved, gone with its test.</summary>
public sealed class RedisServer : IAsyncDisposable
{
    private readonly LoopbackProcess _process;

    private RedisServer(LoopbackProcess process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    /// <summary>The StackExchange.Redis configuration string the app takes as Cluster:Redis.</summary>
    public string Configuration => $"127.0.0.1:{Port}";

    public static async Task<RedisServer> StartAsync(string directory)
    {
        var port = LoopbackPort.Free();
        Directory.CreateDirectory(directory);
        var process = LoopbackProcess.Start("redis-server",
            ["--port", port.ToString(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", directory, "--protected-mode", "yes"]);
        await process.WaitForPortAsync(port, "redis-server");
        return new RedisServer(process, port);
    }

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
