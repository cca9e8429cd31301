using System.Diagnostics;
using Npgsql;

namespace ProctorWeb.Tests.Support;

/// <summary>
/// One throwaway PostgreSQL 15 cluster per test process, on 127.0.0.1 and a free port, in a temporary folder; started
/// on first use and stopped when the process exits. Each app gets an empty database of its own (NewDatabase), so tests
/// share a server but no data. Linked into the browser tests too; a fixture that starts app processes passes the
/// connection string on as ConnectionStrings__PostgreSQL.
/// </summary>
public static class PostgresServer
{
    public const string User = "proctor";

    /// <summary>Debian keeps initdb and pg_ctl off the PATH, in a folder per major version (15 on Debian 12): the newest.</summary>
    private static readonly string Bin = (Directory.Exists("/usr/lib/postgresql") ? Directory.GetDirectories("/usr/lib/postgresql") : [])
        .Select(folder => Path.Combine(folder, "bin"))
        .Where(bin => File.Exists(Path.Combine(bin, "initdb")))
        .MaxBy(bin => int.TryParse(Path.GetFileName(Path.GetDirectoryName(bin)), out var major) ? major : 0)
        ?? "/usr/lib/postgresql/15/bin";

    private static readonly Lazy<Cluster> Instance = new(Cluster.Start);

    /// <summary>A new empty database on the shared server, as a connection string.</summary>
    public static string NewDatabase()
    {
        var name = $"proctorweb_{Guid.NewGuid():N}";
        // template0: a database nobody ever connects to, so creating from it never waits for another session to leave.
        Execute($"CREATE DATABASE \"{name}\" TEMPLATE template0 ENCODING 'UTF8'");
        return Instance.Value.ConnectionString(name);
    }

    /// <summary>Drops a database NewDatabase made; its idle pooled connections are closed first, and FORCE ends any other.</summary>
    public static void DropDatabase(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        using (var pooled = new NpgsqlConnection(connectionString))
        {
            NpgsqlConnection.ClearPool(pooled);
        }
        Execute($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
    }

    private static void Execute(string sql)
    {
        using var connection = new NpgsqlConnection(Instance.Value.ConnectionString("postgres"));
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }

    private sealed class Cluster
    {
        private readonly string _folder;
        private readonly int _port;

        private Cluster(string folder, int port)
        {
            _folder = folder;
            _port = port;
        }

        private string Data => Path.Combine(_folder, "data");

        public string ConnectionString(string database) => new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1", Port = _port, Database = database, Username = User,
        }.ToString();

        public static Cluster Start()
        {
            if (!File.Exists(Path.Combine(Bin, "initdb")))
            {
                throw new InvalidOperationException($"PostgreSQL is not installed ({Bin}/initdb is missing): run scripts/install-deps.sh.");
            }
            var folder = Directory.CreateTempSubdirectory("proctorweb-pg-").FullName;
            if (Environment.UserName == "root")
            {
                // initdb refuses to run as root, and the server must own its data folder.
                Run("chown", "postgres:postgres", folder);
            }
            var cluster = new Cluster(folder, LoopbackPort.Free());
            // Trust on loopback only: a throwaway server that lives as long as this test process.
            RunAsOwner(Path.Combine(Bin, "initdb"), "-D", cluster.Data, "-U", User, "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync", "--no-instructions");
            // fsync off: a crash of a test server loses nothing anyone needs. The socket goes in our folder, not /var/run.
            RunAsOwner(Path.Combine(Bin, "pg_ctl"), "-D", cluster.Data, "-l", Path.Combine(folder, "server.log"), "-w", "-s",
                "-o", $"-c listen_addresses=127.0.0.1 -p {cluster._port} -k {folder} -c fsync=off -c max_connections=300", "start");
            cluster.StopWhenThisProcessEnds();
            return cluster;
        }

        /// <summary>
        /// A watcher outside this process stops the server and removes its folder once this process is gone: an exit
        /// handler here ran the stop but was cut short before the folder went, and never runs when a test run is killed.
        /// Immediate: nothing in it needs to reach the disk. tail --pid waits for the exit without polling.
        /// </summary>
        private void StopWhenThisProcessEnds()
        {
            var stop = Environment.UserName == "root"
                ? $"runuser -u postgres -- {Bin}/pg_ctl -D '{Data}' -s -m immediate stop"
                : $"{Bin}/pg_ctl -D '{Data}' -s -m immediate stop";
            var script = $"exec >/dev/null 2>&1 </dev/null; tail --pid={Environment.ProcessId} -f /dev/null; {stop}; rm -rf '{_folder}'";
            using var watcher = Process.Start(new ProcessStartInfo("setsid", ["sh", "-c", script]) { UseShellExecute = false })
                ?? throw new InvalidOperationException("The PostgreSQL server's watcher did not start.");
        }

        private static void RunAsOwner(string program, params string[] arguments)
        {
            if (Environment.UserName == "root")
            {
                Run("runuser", ["-u", "postgres", "--", program, .. arguments]);
            }
            else
            {
                Run(program, arguments);
            }
        }

        private static void Run(string program, params string[] arguments)
        {
            // Output not captured: pg_ctl leaves the server running with our pipes, and reading them to the end would
            // wait for the server to stop. -s keeps pg_ctl quiet; errors land in the test's output and the log.
            using var process = Process.Start(new ProcessStartInfo(program, arguments) { UseShellExecute = false })
                ?? throw new InvalidOperationException($"{program} did not start.");
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} exited with {process.ExitCode}.");
            }
        }
    }
}
