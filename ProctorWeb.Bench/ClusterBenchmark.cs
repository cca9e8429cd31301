using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using ProctorWeb.Data;
using ProctorWeb.Exams;
using ProctorWeb.Tests.Support;
using ProctorWeb.Tests.Support.Cluster;

namespace ProctorWeb.Bench;

/// <summary>
/// Scenario 9 (issue 16): the join burst and the relay through nginx in front of two nodes (PostgreSQL, Redis),
/// beside one node on its own (SQLite, no balancer: the default deployment) in the same run, with the same students
/// and the same calls a page makes (hub address with ?exam=, JoinAsStudent, Ready, Signal); then the time from a
/// SIGKILL of the node holding the exam to every student live again on the other.
/// </summary>
public sealed class ClusterBenchmark(Options options)
{
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(30);
    private readonly ConcurrentDictionary<HubClient, byte> _live = new();

    private int Students => options.ClusterStudents;

    // The same raised hub limits as the other relay figures, on every app process of this scenario.
    private static readonly Dictionary<string, string> Limits = BenchServer.RaisedLimits.ToDictionary(kv => kv.Key.Replace(":", "__"), kv => kv.Value!);

    public async Task<ClusterResult> RunAsync()
    {
        using var stopPinging = new CancellationTokenSource();
        var pinger = HubClient.PingEveryTwoSecondsAsync(() => _live.Keys, stopPinging.Token);
        try
        {
            ClusterSide oneNode;
            var directory = Directory.CreateTempSubdirectory("proctorweb-bench-node-").FullName;
            var key = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
            await using (var node = new AppProcess(directory, new Dictionary<string, string>(Limits) { ["Exams__InvitationKey"] = key }))
            {
                await node.StartAsync();
                var exam = await ClusterSeed.RunningExamAsync(() => new AppDbContext(new DbContextOptionsBuilder<AppDbContext>().UseSqlite($"Data Source={node.DatabasePath}").Options),
                    key, TimeSpan.FromHours(1), Names());
                (oneNode, _, _) = await MeasureAsync("one node (SQLite, no balancer)", node.BaseUri, exam);
                await CloseAllAsync();
            }
            Directory.Delete(directory, recursive: true);

            await using var cluster = await TestCluster.StartAsync(settings: Limits);
            var clusterExam = await ClusterSeed.RunningExamAsync(cluster, cluster.InvitationKey, TimeSpan.FromHours(1), Names());
            var (twoNodes, cookies, teacher) = await MeasureAsync("two nodes behind nginx (PostgreSQL, Redis)", cluster.BaseUri, clusterExam);
            var failover = await FailoverAsync(cluster, clusterExam, cookies, teacher);
            return new ClusterResult(Students, oneNode, twoNodes, failover, null);
        }
        catch (Exception e)
        {
            Console.Error.WriteLine(e);
            return new ClusterResult(Students, null, null, null, e.ToString());
        }
        finally
        {
            await stopPinging.CancelAsync();
            await pinger;
            await CloseAllAsync();
        }
    }

    private string[] Names() => Enumerable.Range(1, Students).Select(i => $"Student {i}").ToArray();

    private async Task<(ClusterSide Side, List<string> StudentCookies, string TeacherCookie)> MeasureAsync(string name, Uri baseUri, SeededExam exam)
    {
        using var http = new HttpClient(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false, MaxConnectionsPerServer = 64 }) { Timeout = CallTimeout };
        var teacher = await BenchForms.SignInAsync(http, baseUri, exam.Teacher.Email, exam.Teacher.Password);
        var cookies = await BenchForms.RedeemAllAsync(http, baseUri, exam.Students.Select(s => s.JoinPath).ToList());
        var hub = ExamHub.PathFor(exam.ExamId);
        var proctor = await Track(HubClient.ConnectAsync(http, baseUri, teacher, hub, CancellationToken.None));
        await proctor.InvokeAsync("Watch", [exam.ExamId], CallTimeout);
        var sender = await Track(HubClient.ConnectAsync(http, baseUri, cookies[0], hub, CancellationToken.None));
        await sender.InvokeAsync("JoinAsStudent", [], CallTimeout);
        await sender.InvokeAsync("Ready", [], CallTimeout);

        var joins = new ConcurrentBag<double>();
        var failed = 0;
        var burst = Stopwatch.StartNew();
        await Parallel.ForEachAsync(cookies.Skip(1), new ParallelOptions { MaxDegreeOfParallelism = options.Concurrency }, async (cookie, _) =>
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                var client = await Track(HubClient.ConnectAsync(http, baseUri, cookie, hub, CancellationToken.None));
                await client.InvokeAsync("JoinAsStudent", [], CallTimeout);
                await client.InvokeAsync("Ready", [], CallTimeout);
                joins.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
            catch (Exception)
            {
                Interlocked.Increment(ref failed);
            }
        });
        var joinsPerSecond = joins.Count / burst.Elapsed.TotalSeconds;

        var path = new SignalTiming.RelayPath(sender, proctor, proctor.ConnectionId);
        var candidate = MessageSize.All[0];
        await SignalTiming.LatencyAsync(path, candidate, 200);
        var latency = await SignalTiming.LatencyAsync(path, candidate, options.Messages);
        var rate = await SignalTiming.ThroughputAsync(path, candidate, options.Messages);
        var side = new ClusterSide(name, joins.Count, failed, joinsPerSecond, LatencyStats.Of(joins.ToArray()), latency, rate);
        Console.WriteLine($"{name}: {joinsPerSecond:0} joins/s ({failed} failed), relay p50/p99 {latency.P50Ms:0.000}/{latency.P99Ms:0.000} ms, {rate:0} msg/s.");
        return (side, cookies, teacher);
    }

    /// <summary>
    /// Every page reconnects as signaling.js does (at once, then after 1 s, then every 2 s) through nginx; a student is
    /// live again when Ready answers on the exam's new owner, the proctor when Watch does.
    /// </summary>
    private async Task<FailoverResult> FailoverAsync(TestCluster cluster, SeededExam exam, List<string> cookies, string teacher)
    {
        var owner = await cluster.OwnerOfExamAsync(exam.ExamId) ?? throw new InvalidOperationException("Nobody holds the exam.");
        var hub = ExamHub.PathFor(exam.ExamId);
        using var http = new HttpClient(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false, MaxConnectionsPerServer = 256 }) { Timeout = CallTimeout };
        var before = _live.Keys.ToList();
        _live.Clear();
        await owner.KillHardAsync();
        var killed = Stopwatch.StartNew();
        var back = new ConcurrentBag<double>();
        var proctorBack = 0.0;
        var attempts = 0;
        var reconnecting = cookies.Select(async cookie =>
        {
            await UntilAsync(async () =>
            {
                Interlocked.Increment(ref attempts);
                var client = await Track(HubClient.ConnectAsync(http, cluster.BaseUri, cookie, hub, CancellationToken.None));
                await client.InvokeAsync("JoinAsStudent", [], CallTimeout);
                await client.InvokeAsync("Ready", [], CallTimeout);
            });
            back.Add(killed.Elapsed.TotalMilliseconds);
        }).Append(UntilAsync(async () =>
        {
            var proctor = await Track(HubClient.ConnectAsync(http, cluster.BaseUri, teacher, hub, CancellationToken.None));
            await proctor.InvokeAsync("Watch", [exam.ExamId], CallTimeout);
            proctorBack = killed.Elapsed.TotalMilliseconds;
        }));
        await Task.WhenAll(reconnecting);
        await Task.WhenAll(before.Select(c => c.DisposeAsync().AsTask()));
        var result = new FailoverResult(cookies.Count, back.Max(), LatencyStats.Of(back.ToArray()).P50Ms, proctorBack, attempts, options.ClusterLeaseSeconds);
        Console.WriteLine($"Failover with {cookies.Count} students: every student live again {result.AllBackMs / 1000:0.0} s after the SIGKILL (p50 {result.P50BackMs / 1000:0.0} s), the proctor {proctorBack / 1000:0.0} s.");
        return result;
    }

    private static async Task UntilAsync(Func<Task> attempt)
    {
        for (var retry = 0; ; retry++)
        {
            try
            {
                await attempt();
                return;
            }
            catch (Exception) when (retry < 120)
            {
                await Task.Delay(Math.Min(1000 * retry, 2000) + Random.Shared.Next(0, 100));
            }
        }
    }

    private async Task<HubClient> Track(Task<HubClient> connecting)
    {
        var client = await connecting;
        _live[client] = 0;
        return client;
    }

    private async Task CloseAllAsync()
    {
        var clients = _live.Keys.ToList();
        _live.Clear();
        foreach (var chunk in clients.Chunk(64))
        {
            await Task.WhenAll(chunk.Select(c => c.DisposeAsync().AsTask()));
        }
    }
}

public sealed record ClusterResult(int Students, ClusterSide? OneNode, ClusterSide? TwoNodes, FailoverResult? Failover, string? Error);

/// <param name="Join">Per student: connect, JoinAsStudent and Ready.</param>
/// <param name="Relay">A candidate-sized Signal from a live student to its proctor, one at a time.</param>
public sealed record ClusterSide(string Setup, int Joined, int Failed, double JoinsPerSecond, LatencyStats Join, LatencyStats Relay, double RelayPerSecond);

public sealed record FailoverResult(int Students, double AllBackMs, double P50BackMs, double ProctorBackMs, int Attempts, int LeaseSeconds);
