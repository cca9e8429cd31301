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
            var directory = Array.IndexOf(args, "--dir") is var d and >= 0 ? args[d + 1] : null;
            return await ServerProcess.RunAsync(Options.IntAfter(args, "--students", 1001), Options.IntAfter(args, "--runs", 20), directory, Options.IntAfter(args, "--port", 0));
        }

        var options = Options.Parse(args);
        var started = DateTime.UtcNow;
        // Roster entries only for the scenarios that run: a thousand invitations take a while to make. (The upload,
        // face-check and clip exams have a fixed few students each.)
        await using var server = await ChildServer.StartAsync(options.Hub ? options.Students + 1 : 1, options.Browser ? options.Runs : 1);
        var setup = server.Setup;
        Console.WriteLine($"App started at {setup.BaseUrl} (exams {string.Join(", ", new[] { setup.Hub, setup.FirstFrame, setup.Grid, setup.Upload, setup.ScreenUpload, setup.FacesOff, setup.FacesOn, setup.Clips, setup.FarmGrid }.Select(e => e.ExamId))}).");
        var results = new Results();
        if (options.Hub)
        {
            results.HubRelay = await Measured(results, () => new RelayBenchmark(server, options).RunAsync());
        }
        if (options.Storm)
        {
            results.Storm = await Measured(results, () => new StormBenchmark(options).RunAsync());
        }
        if (options.Browser || options.Upload || options.FarmGrid)
        {
            await new BrowserBenchmarks(server, options).RunAsync(results);
        }
        if (options.Face)
        {
            await new FaceCheckBenchmark(server).RunAsync(results);
        }
        if (options.Clips)
        {
            await new ClipBenchmark(server).RunAsync(results);
        }
        if (options.Cluster)
        {
            results.Cluster = await new ClusterBenchmark(options).RunAsync();
        }
        Report.Write(options, started, results);
        return results.AllRan(options) ? 0 : 1;
    }

    /// <summary>A scenario that fails is reported as the run's error; the others still run.</summary>
    private static async Task<T?> Measured<T>(Results results, Func<Task<T>> scenario) where T : class
    {
        try
        {
            return await scenario();
        }
        catch (Exception ex)
        {
            results.Error = results.Error is null ? ex.ToString() : results.Error + "\n" + ex;
            Console.Error.WriteLine(ex);
            return null;
        }
    }
}

/// <param name="Runs">Scenario 4's join runs (each also runs the baseline once).</param>
/// <param name="Hub">Scenario 1 (the hub beside socket.io: join burst, memory, idle cost, paced and closed-loop relay at 1,000 and 100 students); <c>--only hub</c> runs it with the storm.</param>
/// <param name="Storm">Scenario 2 (the reconnect storm of <paramref name="StormStudents"/> after the app is killed and started again); <c>--only storm</c> runs it alone.</param>
/// <param name="Browser">Scenarios 4 and 5 (Chromium); <c>--only browser</c> runs these, with scenario 6.</param>
/// <param name="Upload">Scenario 6 (Chromium, the student's upload with screen sharing off and on); <c>--only upload</c> runs it alone, <c>--only browser</c> with scenarios 4 and 5.</param>
/// <param name="Face">Scenario 7 (face checks in the student's Chromium); <c>--only face</c> runs it alone.</param>
/// <param name="Clips">Scenario 8 (the rolling clip recorders in the student's Chromium, and a clip's size); <c>--only clips</c> runs it alone.</param>
/// <param name="Repeats">Each relay figure is measured this many times; the table shows the median.</param>
/// <param name="GridSizes">Scenario 5's numbers of students (<c>--grid 4,8,12,16,25</c>), at most <see cref="BenchServer.MaxGridSize"/>.</param>
/// <param name="Cluster">Scenario 9 (one node beside two behind nginx, and failover); <c>--only cluster</c> runs it alone.</param>
/// <param name="ClusterStudents">Scenario 9's students (<c>--cluster-students</c>), 200 by default.</param>
/// <param name="FarmGrid">Scenario 10 (the proctor's grid of 25 fed by one sender page); <c>--only grid25</c> runs it alone.</param>
public sealed record Options(int Students, int Messages, int Concurrency, int Repeats, int Runs, IReadOnlyList<int> GridSizes, bool Hub, bool Browser, bool Upload, bool Face, bool Clips, string RepoRoot, string Command,
    bool Cluster = false, int ClusterStudents = 200, int ClusterLeaseSeconds = 3, bool Storm = false, int StormStudents = 5000, bool FarmGrid = false)
{
    public static Options Parse(string[] args)
    {
        var root = FindRepoRoot();
        var command = "dotnet run -c Release --project ProctorWeb.Bench" + (args.Length > 0 ? " -- " + string.Join(' ', args) : "");
        var only = Array.IndexOf(args, "--only") is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        if (only is not (null or "hub" or "storm" or "browser" or "upload" or "face" or "clips" or "cluster" or "grid25"))
        {
            throw new ArgumentException($"--only takes hub, storm, browser, upload, face, clips, cluster or grid25, not {only}.");
        }
        return new Options(IntAfter(args, "--students", 1000), IntAfter(args, "--messages", 2000), IntAfter(args, "--concurrency", 100), IntAfter(args, "--repeats", 3), IntAfter(args, "--runs", 20),
            GridSizesFrom(args), only is null or "hub", only is null or "browser", only is null or "browser" or "upload", only is null or "face", only is null or "clips", root, command,
            only is null or "cluster", IntAfter(args, "--cluster-students", 200), Storm: only is null or "hub" or "storm", StormStudents: IntAfter(args, "--storm-students", 5000), FarmGrid: only is null or "grid25");
    }

    private static List<int> GridSizesFrom(string[] args)
    {
        var i = Array.IndexOf(args, "--grid");
        if (i < 0 || i + 1 >= args.Length)
        {
            return [4, 8, 12, 16, 25];
        }
        var sizes = args[i + 1].Split(',').Select(s => int.TryParse(s, out var n) && n is > 0 and <= BenchServer.MaxGridSize ? n : throw new ArgumentException(
            $"--grid takes sizes from 1 to {BenchServer.MaxGridSize} separated by commas, such as 4,8,25; \"{s}\" is not one.")).ToList();
        return [.. sizes.Distinct().Order()];
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

    /// <summary>The address the hub exam's pages connect to (ExamHub.PathFor), which a balancer routes by.</summary>
    public string HubExamUrl => Setup.BaseUrl + ProctorWeb.Exams.ExamHub.PathFor(Setup.Hub.ExamId);

    public int ProcessId => _process.Id;

    /// <param name="directory">Keep the app's database and keys there (so <paramref name="port"/> and it can start the same app again); null for a throwaway folder.</param>
    public static async Task<ChildServer> StartAsync(int students, int firstFrameRuns, string? directory = null, int port = 0)
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
        start.ArgumentList.Add("--runs");
        start.ArgumentList.Add(firstFrameRuns.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (directory is not null)
        {
            start.ArgumentList.Add("--dir");
            start.ArgumentList.Add(directory);
            start.ArgumentList.Add("--port");
            start.ArgumentList.Add(port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
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

    /// <summary>SIGKILL, as a crashed or power-cut server: no connection is closed cleanly.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public async Task<MemoryReading> ReadMemoryAsync() =>
        (await Http.GetFromJsonAsync<MemoryReading>(new Uri(BaseUri, BenchServer.MemoryPath)))!;

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (_process.HasExited)
        {
            _process.Dispose();
            return;
        }
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
