using System.Net;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using ProctorWeb.Data;
using StackExchange.Redis;

namespace ProctorWeb.Tests.Support.Cluster;

/// <summary>
/// Two app processes as cluster nodes "a" and "b" on 127.0.0.1, sharing a PostgreSQL database, Redis and a data folder
/// (clips, mail), behind nginx with the repository's configuration: everything a deployment on several servers has, on loopback.
/// </summary>
public sealed class TestCluster : IAsyncDisposable
{
    private readonly string _directory;
    private readonly RedisServer _redis;
    private readonly ConnectionMultiplexer _redisClient;
    private readonly NginxBalancer _nginx;

    private readonly string _database;

    private TestCluster(string directory, string database, RedisServer redis, ConnectionMultiplexer redisClient, IReadOnlyList<AppProcess> nodes, NginxBalancer nginx)
    {
        _database = database;
        _directory = directory;
        _redis = redis;
        _redisClient = redisClient;
        Nodes = nodes;
        _nginx = nginx;
    }

    public IReadOnlyList<AppProcess> Nodes { get; }

    /// <summary>Where people go: nginx.</summary>
    public Uri BaseUri => _nginx.BaseUri;

    public NginxBalancer Balancer => _nginx;

    /// <summary>The folder both nodes keep their files in (clips, mail).</summary>
    public string DataDirectory => Path.Combine(_directory, "data");

    /// <param name="settings">More configuration for every node, as environment variables (a benchmark's raised limits).</param>
    public static async Task<TestCluster> StartAsync(int leaseSeconds = 3, IReadOnlyDictionary<string, string>? settings = null)
    {
        var directory = Directory.CreateTempSubdirectory("proctorweb-cluster-").FullName;
        var database = PostgresServer.NewDatabase();
        var redis = await RedisServer.StartAsync(Path.Combine(directory, "redis"));
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var data = Path.Combine(directory, "data");
        Directory.CreateDirectory(data);
        var nodes = new List<AppProcess>();
        foreach (var name in new[] { "a", "b" })
        {
            var port = LoopbackPort.Free();
            var environment = new Dictionary<string, string>
            {
                ["Cluster__Redis"] = redis.Configuration,
                ["Cluster__Node"] = name,
                ["Cluster__Address"] = $"127.0.0.1:{port}",
                ["Cluster__LeaseSeconds"] = leaseSeconds.ToString(),
                ["Exams__InvitationKey"] = key,
            };
            foreach (var (setting, value) in settings ?? new Dictionary<string, string>())
            {
                environment[setting] = value;
            }
            var node = new AppProcess(data, environment, port) { PostgreSQL = database };
            // One after the other: the first creates or upgrades the database.
            await node.StartAsync();
            nodes.Add(node);
        }
        var nginx = await NginxBalancer.StartAsync(Path.Combine(directory, "nginx"), nodes.Select(n => n.Port).ToList());
        var client = await ConnectionMultiplexer.ConnectAsync(redis.Configuration);
        return new TestCluster(directory, database, redis, client, nodes, nginx) { InvitationKey = key };
    }

    /// <summary>The invitation key every node was given (Exams:InvitationKey).</summary>
    public string InvitationKey { get; private init; } = "";

    /// <summary>The nodes' shared database, for seeding and for checking what they stored.</summary>
    public AppDbContext Database() =>
        new PostgresDbContext(new DbContextOptionsBuilder<PostgresDbContext>().UseNpgsql(_database).Options);

    public AppProcess Node(string name) => Nodes[name == "a" ? 0 : 1];

    public AppProcess Other(AppProcess node) => Nodes[0] == node ? Nodes[1] : Nodes[0];

    /// <summary>The node holding the exam now, from the owner map in Redis; null if none.</summary>
    public async Task<AppProcess?> OwnerOfExamAsync(int examId)
    {
        var owner = await _redisClient.GetDatabase().StringGetAsync($"proctorweb:owner:exam:{examId}");
        return owner.IsNullOrEmpty ? null : Nodes.Single(n => ((string)owner!).Split('|')[1] == $"127.0.0.1:{n.Port}");
    }

    /// <summary>A browser-like HTTP client through nginx (or straight to one node), with its own cookies.</summary>
    public static HttpClient Browser(Uri baseUri, CookieContainer cookies) =>
        new(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = true }) { BaseAddress = baseUri };

    public async ValueTask DisposeAsync()
    {
        await _nginx.DisposeAsync();
        foreach (var node in Nodes)
        {
            await node.DisposeAsync();
        }
        _redisClient.Dispose();
        await _redis.DisposeAsync();
        PostgresServer.DropDatabase(_database);
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a process that is exiting; the folder is in the temp area.
        }
    }
}
