using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;

namespace ProctorWeb.Bench;

// Not top-level statements: those would declare a second Program, beside the app's that WebApplicationFactory needs.
public static class BenchProgram
{
    // One command runs everything (see README "Benchmarks"): the parent starts the app in a child process on
    // 127.0.0.1, drives every scenario against it, and writes BENCHMARKS.md and benchmarks.json at the repository root.
    public static async Task<int> Main(string[] args)
    {
        if (args.Contains(ServerProcess.Flag))
        {
            return await ServerProcess.RunAsync(Options.IntAfter(args, "--students", 1001));
        }

        var options = Options.Parse(args);
        var started = DateTime.UtcNow;
        await using var server = await ChildServer.StartAsync(options.Students + 1);
        Console.WriteLine($"App started at {server.Setup.BaseUrl} (exam {server.Setup.ExamId}, {server.Setup.Links.Count} invitations).");
        var results = await new Benchmarks(server, options).RunAsync();
        Report.Write(options, started, results);
        return results.AllRan ? 0 : 1;
    }
}

public sealed record Options(int Students, int Messages, int Concurrency, int Repeats, string RepoRoot, string Command)
{
    public static Options Parse(string[] args)
    {
        var root = FindRepoRoot();
        var command = "dotnet run -c Release --project ProctorWeb.Bench" + (args.Length > 0 ? " -- " + string.Join(' ', args) : "");
        return new Options(IntAfter(args, "--students", 1000), IntAfter(args, "--messages", 2000), IntAfter(args, "--concurrency", 50), IntAfter(args, "--repeats", 5), root, command);
    }

    public static int IntAfter(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], out var value) && value > 0 ? value : fallback;
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ProctorWeb.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("Run the benchmark from inside the repository (ProctorWeb.sln not found above the current directory).");
    }
}

/// <summary>This program again, with <c>--serve</c>: the app alone in its process, stopped by closing its stdin.</summary>
public sealed class ChildServer : IAsyncDisposable
{
    private readonly Process _process;

    private ChildServer(Process process, BenchServer.Setup setup)
    {
        _process = process;
        Setup = setup;
    }

    public BenchServer.Setup Setup { get; }

    public HttpClient Http { get; } = new(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false, MaxConnectionsPerServer = 64 }) { Timeout = TimeSpan.FromSeconds(30) };

    public Uri BaseUri => new(Setup.BaseUrl);

    public static async Task<ChildServer> StartAsync(int students)
    {
        var self = Environment.ProcessPath!;
        var start = new ProcessStartInfo(self) { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            start.ArgumentList.Add(typeof(ChildServer).Assembly.Location);
        }
        start.ArgumentList.Add(ServerProcess.Flag);
        start.ArgumentList.Add("--students");
        start.ArgumentList.Add(students.ToString(System.Globalization.CultureInfo.InvariantCulture));
        // The product is a Microsoft.NET.Sdk.Web app, which runs with server GC; the child runs as it would.
        start.Environment["DOTNET_gcServer"] = "1";
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the app process.");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.StartsWith("READY ", StringComparison.Ordinal))
            {
                return new ChildServer(process, JsonSerializer.Deserialize<BenchServer.Setup>(line["READY ".Length..])!);
            }
            Console.WriteLine("[app] " + line);
        }
        throw new InvalidOperationException($"The app process ended before it was ready (exit code {(process.HasExited ? process.ExitCode : -1)}).");
    }

    public async Task<MemoryReading> ReadMemoryAsync() =>
        (await Http.GetFromJsonAsync<MemoryReading>(new Uri(BaseUri, BenchServer.MemoryPath)))!;

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        try
        {
            _process.StandardInput.Close();
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(20));
        }
        catch (TimeoutException)
        {
            _process.Kill(entireProcessTree: true);
        }
        _process.Dispose();
    }
}
