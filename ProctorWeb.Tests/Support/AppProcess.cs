using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;

namespace ProctorWeb.Tests.Support;

/// <summary>
/// The built app as its own process on 127.0.0.1, for what an in-process host cannot show: being
/// killed hard. Its data lives in a folder the test owns, so a second start finds the same database.
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    private Process? _process;
    private readonly IReadOnlyDictionary<string, string> _environment;

    /// <param name="environment">More configuration, as environment variables (a cluster node's, a database's).</param>
    /// <param name="port">The port to listen on (a cluster node publishes it before it starts); a free one if not given.</param>
    public AppProcess(string dataDirectory, IReadOnlyDictionary<string, string>? environment = null, int? port = null)
    {
        DataDirectory = dataDirectory;
        Port = port ?? LoopbackPort.Free();
        _environment = environment ?? new Dictionary<string, string>();
    }

    /// <summary>What the app wrote to its standard output and error, for a failing test's message.</summary>
    public string Output => _output.Text;

    private readonly Cluster.OutputTail _output = new();

    public string DataDirectory { get; }

    /// <summary>A PostgreSQL database (PostgresServer.NewDatabase) to run on instead of a SQLite file in the folder.</summary>
    public string? PostgreSQL { get; init; }
    public int Port { get; }
    public Uri BaseUri => new($"http://127.0.0.1:{Port}/");
    public string DatabasePath => System.IO.Path.Combine(DataDirectory, "app.db");
    public string KeyFile => System.IO.Path.Combine(DataDirectory, "invitation.key");

    public async Task StartAsync()
    {
        var configuration = typeof(AppProcess).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var app = RepositoryRoot.Combine("ProctorWeb", "bin", configuration, "net10.0", "ProctorWeb.dll");
        var start = new ProcessStartInfo("dotnet", ["exec", app])
        {
            WorkingDirectory = RepositoryRoot.Combine("ProctorWeb"),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_URLS"] = BaseUri.ToString().TrimEnd('/');
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ConnectionStrings__Default"] = $"Data Source={DatabasePath}";
        if (PostgreSQL is not null)
        {
            start.Environment["Database__Provider"] = "PostgreSQL";
            start.Environment["ConnectionStrings__PostgreSQL"] = PostgreSQL;
        }
        start.Environment["Exams__InvitationKeyFile"] = KeyFile;
        start.Environment["Clips__DataPath"] = System.IO.Path.Combine(DataDirectory, "clips");
        start.Environment["Email__PickupFolder"] = System.IO.Path.Combine(DataDirectory, "mail");
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (name, value) in _environment)
        {
            start.Environment[name] = value;
        }
        _process = Process.Start(start) ?? throw new InvalidOperationException("The app did not start.");
        _process.OutputDataReceived += (_, line) => _output.Keep(line.Data);
        _process.ErrorDataReceived += (_, line) => _output.Keep(line.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        using var http = new HttpClient { BaseAddress = BaseUri, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                if ((await http.GetAsync("/")).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Still starting.
            }
            if (_process.HasExited || deadline.Elapsed > TimeSpan.FromSeconds(60))
            {
                throw new InvalidOperationException($"The app did not answer on {BaseUri} (exited: {_process.HasExited}).\n{Output}");
            }
            await Task.Delay(100);
        }
    }


    public bool IsRunning => _process is { HasExited: false };

    /// <summary>SIGKILL: no shutdown, no flush, no goodbye.</summary>
    public async Task KillHardAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillHardAsync();
        _process?.Dispose();
    }
}
