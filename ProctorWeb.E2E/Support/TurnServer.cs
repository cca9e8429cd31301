using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;

namespace ProctorWeb.E2E.Support;

/// <summary>
/// A real coturn (Debian's turnserver, installed by scripts/install-deps.sh) on 127.0.0.1 at a free port,
/// with the TURN REST shared secret, its files in a temp folder of its own, killed on dispose.
/// A class fixture, so a test class states "this test needs a relay" and xUnit starts and stops it.
/// </summary>
public sealed class TurnServer : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("proctorweb-turn-").FullName;
    private readonly Process _process;
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _console = new();

    public TurnServer()
    {
        Port = ProctorWeb.Tests.Support.LoopbackPort.Free();
        // Relay ports come from their own small range; coturn skips any that another process holds.
        var relayBase = RandomNumberGenerator.GetInt32(40_000, 59_000);
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("TURNSERVER_PATH") ?? "turnserver")
        {
            UseShellExecute = false,
            // It complains on stderr about socket kinds this machine lacks (SCTP); keep that for failure messages, not the test log.
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            ArgumentList =
            {
                "-n", "--listening-ip=127.0.0.1", $"--listening-port={Port}", "--relay-ip=127.0.0.1",
                // Both browsers are on this machine: without this coturn refuses relaying to 127.0.0.1 (403 Forbidden IP).
                "--allow-loopback-peers",
                $"--min-port={relayBase}", $"--max-port={relayBase + 200}",
                "--use-auth-secret", $"--static-auth-secret={Secret}", "--realm=proctorweb.test",
                "--fingerprint", "--no-tls", "--no-dtls", "--no-cli", "--no-stdout-log",
                // Without these it writes under /var: the pid file to /var/run, the database next to its config.
                $"--db={Path.Combine(_directory, "turndb")}", $"--pidfile={Path.Combine(_directory, "turn.pid")}",
                $"--log-file={LogPath}", "--simple-log",
            },
        };
        _process = Process.Start(start) ?? throw new InvalidOperationException("turnserver did not start.");
        _process.OutputDataReceived += (_, e) => Remember(e.Data);
        _process.ErrorDataReceived += (_, e) => Remember(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        try
        {
            WaitUntilAccepting();
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public int Port { get; }

    /// <summary>coturn's static-auth-secret; the app derives each person's credentials from it.</summary>
    public string Secret { get; } = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));

    public string Url => $"turn:127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}?transport=udp";

    private string LogPath => Path.Combine(_directory, "turn.log");

    /// <summary>App settings for this relay, relay-only, signed with the given secret (the right one or not).</summary>
    public Dictionary<string, string?> AppSettings(string secret) => new()
    {
        ["Turn:Urls:0"] = Url,
        ["Turn:SharedSecret"] = secret,
        ["Media:IceTransportPolicy"] = "relay",
    };

    /// <summary>The end of coturn's log and what it printed, for a failure message.</summary>
    public string LogTail()
    {
        var printed = string.Join('\n', _console);
        try
        {
            using var stream = new FileStream(LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            var lines = new StreamReader(stream).ReadToEnd().Split('\n');
            return $"{printed}\n{string.Join('\n', lines.TakeLast(30))}";
        }
        catch (IOException error)
        {
            return $"{printed}\n(no log: {error.Message})";
        }
    }

    private void Remember(string? line)
    {
        if (line is not null)
        {
            _console.Enqueue(line);
        }
    }

    private void WaitUntilAccepting()
    {
        // coturn opens its TCP and UDP listeners together; a TCP connect that succeeds means it is ready.
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"turnserver exited with {_process.ExitCode}:\n{LogTail()}");
            }
            try
            {
                using var probe = new TcpClient();
                probe.Connect(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException) when (clock.Elapsed < TimeSpan.FromSeconds(10))
            {
                Thread.Sleep(50);
            }
        }
    }

    /// <summary>A port free for both TCP and UDP on loopback, since TURN listens on both.</summary>

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(5_000);
            }
        }
        finally
        {
            _process.Dispose();
            Directory.Delete(_directory, recursive: true);
        }
    }
}
