using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json;
using ProctorWeb.Exams;

namespace ProctorWeb.Bench;

/// <summary>Scenarios 1 to 3 of issue #6: hub relay latency and throughput, join burst, memory per student.</summary>
public sealed class Benchmarks(ChildServer server, Options options)
{
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(30);
    private readonly ConcurrentDictionary<HubClient, byte> _live = new();

    public async Task<Results> RunAsync()
    {
        var results = new Results();
        using var pinging = new CancellationTokenSource();
        var pinger = HubClient.PingEveryTwoSecondsAsync(() => _live.Keys, pinging.Token);
        try
        {
            // Preparation, not measured: the teacher signs in, every student redeems their link with a real POST.
            var prep = Stopwatch.StartNew();
            var teacherCookie = await BenchForms.SignInAsync(server.Http, server.BaseUri, server.Setup.TeacherEmail, server.Setup.TeacherPassword);
            var studentCookies = await BenchForms.RedeemAllAsync(server.Http, server.BaseUri, server.Setup.Hub.Links);
            Console.WriteLine($"Prepared {studentCookies.Count} invitation cookies in {prep.Elapsed.TotalSeconds:0.0} s.");

            var proctor = await ConnectAsync(teacherCookie);
            await proctor.InvokeAsync("Watch", [server.Setup.Hub.ExamId], CallTimeout);
            var sender = await JoinAsync(studentCookies[0]);
            var state = await sender.InvokeAsync("Ready", [], CallTimeout);
            if (!state.GetProperty("proctors").EnumerateArray().Any(p => p.GetString() == proctor.ConnectionId))
            {
                throw new InvalidOperationException("The sending student is not live with the proctor: " + state.GetRawText());
            }

            // Scenario 3 brackets scenario 2: readings with 1 joined student (the sender) and with 1 + N.
            var before = await server.ReadMemoryAsync();
            results.Join = await JoinBurstAsync(studentCookies.Skip(1).ToList());
            await Task.Delay(1000);
            var after = await server.ReadMemoryAsync();
            results.Memory = new MemoryResult(results.Join.Succeeded, before, after);
            Console.WriteLine($"Join burst: {results.Join.JoinsPerSecond:0} joins/s, {results.Join.Failed} failed; per student p50/p99 connect {results.Join.Connect?.P50Ms:0.0}/{results.Join.Connect?.P99Ms:0.0} ms, JoinAsStudent {results.Join.JoinAsStudent?.P50Ms:0.0}/{results.Join.JoinAsStudent?.P99Ms:0.0} ms, Ready {results.Join.Ready?.P50Ms:0.0}/{results.Join.Ready?.P99Ms:0.0} ms.");
            Console.WriteLine($"Memory: {results.Memory.WorkingSetPerStudentKb:0.0} KB working set, {results.Memory.GcHeapPerStudentKb:0.0} KB GC heap per student.");

            results.Relay = await RelayAsync(proctor, sender, results.Join.Students);
        }
        catch (Exception ex)
        {
            results.Error = ex.ToString();
            Console.Error.WriteLine(ex);
        }
        finally
        {
            await pinging.CancelAsync();
            await pinger;
            await Task.WhenAll(_live.Keys.Select(c => c.DisposeAsync().AsTask()));
        }
        return results;
    }

    /// <summary>
    /// Scenario 1 at each connection count, largest first (students are closed between steps). Each step measures
    /// the hub (student -> ExamHub.Signal -> proctor) and the baseline (the same frames through a plain WebSocket
    /// echo in the same app process, with as many idle echo sockets open), <c>Repeats</c> times each.
    /// </summary>
    private async Task<List<RelayResult>> RelayAsync(HubClient proctor, HubClient sender, List<HubClient> others)
    {
        var relay = new List<RelayResult>();
        var echo = await Track(HubClient.ConnectEchoAsync(server.BaseUri, CancellationToken.None));
        var idleEcho = new List<HubClient>();
        var scales = new[] { options.Students, 100, 1 }.Where(s => s <= options.Students).Distinct().OrderDescending().ToList();
        var hubPath = new RelayPath(sender, proctor, proctor.ConnectionId);
        var echoPath = new RelayPath(echo, echo, proctor.ConnectionId);
        // Warm up both paths (JIT, buffers); not recorded.
        foreach (var size in MessageSize.All)
        {
            await LatencyAsync(hubPath, size, 200);
            await LatencyAsync(echoPath, size, 200);
        }
        foreach (var scale in scales)
        {
            await CloseDownToAsync(others, scale - 1);
            while (idleEcho.Count < scale - 1)
            {
                var batch = Math.Min(options.Concurrency, scale - 1 - idleEcho.Count);
                idleEcho.AddRange(await Task.WhenAll(Enumerable.Range(0, batch).Select(_ => Track(HubClient.ConnectEchoAsync(server.BaseUri, CancellationToken.None)))));
            }
            await CloseDownToAsync(idleEcho, scale - 1);
            await Task.Delay(1000);
            foreach (var size in MessageSize.All)
            {
                var repeats = new List<RelayRepeat>();
                for (var i = 0; i < options.Repeats; i++)
                {
                    // On a shared machine one run's p99 can be ten times the next: only repeats say what is typical. Which
                    // path goes first alternates, so a change in the machine's load falls on hub and baseline alike.
                    var hubFirst = i % 2 == 0;
                    var (hubLatency, echoLatency) = await BothAsync(hubFirst, hubPath, echoPath, p => LatencyAsync(p, size, options.Messages));
                    var (hubRate, echoRate) = await BothAsync(hubFirst, hubPath, echoPath, p => ThroughputAsync(p, size, options.Messages));
                    repeats.Add(new RelayRepeat(hubLatency, echoLatency, hubRate, echoRate));
                }
                var result = RelayResult.Of(scale, size.Name, size.FrameBytes(proctor.ConnectionId), repeats);
                relay.Add(result);
                Console.WriteLine($"Relay at {scale} students, {size.Name}, median of {repeats.Count}: hub p50 {result.Hub.P50Ms:0.000} p99 {result.Hub.P99Ms:0.000} ms, echo p50 {result.Echo.P50Ms:0.000} p99 {result.Echo.P99Ms:0.000} ms; hub {result.HubPerSecond:0}/s, echo {result.EchoPerSecond:0}/s.");
            }
        }
        return relay;
    }

    internal sealed record RelayPath(HubClient From, HubClient To, string ProctorId);

    private static async Task<(T Hub, T Echo)> BothAsync<T>(bool hubFirst, RelayPath hub, RelayPath echo, Func<RelayPath, Task<T>> measure)
    {
        if (hubFirst)
        {
            var first = await measure(hub);
            return (first, await measure(echo));
        }
        var echoed = await measure(echo);
        return (await measure(hub), echoed);
    }

    /// <summary>One message at a time: the time from handing the frame to the socket until the receiver read it.</summary>
    internal static async Task<LatencyStats> LatencyAsync(RelayPath path, MessageSize size, int count)
    {
        var frames = Enumerable.Range(0, count).Select(i => size.Frame(path.ProctorId, i)).ToArray();
        var samples = new double[count];
        TaskCompletionSource<long>? arrival = null;
        var expected = -1;
        path.To.Received = (target, arguments, at) =>
        {
            if (target == "Signal" && SequenceOf(arguments) == Volatile.Read(ref expected))
            {
                arrival?.TrySetResult(at);
            }
        };
        for (var i = 0; i < count; i++)
        {
            arrival = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
            Volatile.Write(ref expected, i);
            var sent = Stopwatch.GetTimestamp();
            await path.From.SendRawAsync(frames[i]);
            var received = await arrival.Task.WaitAsync(TimeSpan.FromSeconds(10));
            samples[i] = Stopwatch.GetElapsedTime(sent, received).TotalMilliseconds;
        }
        path.To.Received = null;
        return LatencyStats.Of(samples);
    }

    /// <summary>As fast as the sender can write: messages received per second, first send to last arrival.</summary>
    internal static async Task<double> ThroughputAsync(RelayPath path, MessageSize size, int count)
    {
        var frames = Enumerable.Range(0, count).Select(i => size.Frame(path.ProctorId, i)).ToArray();
        var done = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        var arrived = 0;
        path.To.Received = (target, arguments, at) =>
        {
            if (target == "Signal" && Interlocked.Increment(ref arrived) == count)
            {
                done.TrySetResult(at);
            }
        };
        var start = Stopwatch.GetTimestamp();
        foreach (var frame in frames)
        {
            await path.From.SendRawAsync(frame);
        }
        var last = await done.Task.WaitAsync(TimeSpan.FromSeconds(60));
        path.To.Received = null;
        return count / Stopwatch.GetElapsedTime(start, last).TotalSeconds;
    }

    private static int SequenceOf(JsonElement arguments)
    {
        var message = arguments[1];
        var text = (message.TryGetProperty("sdp", out var sdp) && sdp.ValueKind == JsonValueKind.String ? sdp : message.GetProperty("candidate")).GetString()!;
        var end = text.IndexOf(';', StringComparison.Ordinal);
        return int.Parse(text.AsSpan(4, end - 4), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Scenario 2: every student connects, joins and says ready, at most <c>Concurrency</c> at a time.</summary>
    private async Task<JoinResult> JoinBurstAsync(List<string> cookies)
    {
        var joined = new ConcurrentBag<HubClient>();
        // Where the time goes, per step, so a slow burst says which step is slow.
        var (connect, join, ready) = (new ConcurrentBag<double>(), new ConcurrentBag<double>(), new ConcurrentBag<double>());
        var errors = new ConcurrentDictionary<string, int>();
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(cookies, new ParallelOptions { MaxDegreeOfParallelism = options.Concurrency }, async (cookie, _) =>
        {
            try
            {
                var step = Stopwatch.GetTimestamp();
                var client = await ConnectAsync(cookie);
                connect.Add(Stopwatch.GetElapsedTime(step).TotalMilliseconds);
                step = Stopwatch.GetTimestamp();
                await client.InvokeAsync("JoinAsStudent", [], CallTimeout);
                join.Add(Stopwatch.GetElapsedTime(step).TotalMilliseconds);
                step = Stopwatch.GetTimestamp();
                await client.InvokeAsync("Ready", [], CallTimeout);
                ready.Add(Stopwatch.GetElapsedTime(step).TotalMilliseconds);
                joined.Add(client);
            }
            catch (Exception ex)
            {
                errors.AddOrUpdate(ex.GetType().Name + ": " + ex.Message, 1, (_, n) => n + 1);
            }
        });
        var elapsed = clock.Elapsed;
        return new JoinResult(cookies.Count, joined.Count, cookies.Count - joined.Count, elapsed.TotalSeconds, joined.Count / elapsed.TotalSeconds, options.Concurrency, errors.ToDictionary(),
            Steps(connect), Steps(join), Steps(ready))
        {
            Students = joined.ToList(),
        };
    }

    private static LatencyStats? Steps(ConcurrentBag<double> samples) => samples.IsEmpty ? null : LatencyStats.Of(samples.ToArray());

    private async Task<HubClient> JoinAsync(string cookie)
    {
        var client = await ConnectAsync(cookie);
        await client.InvokeAsync("JoinAsStudent", [], CallTimeout);
        return client;
    }

    private Task<HubClient> ConnectAsync(string cookie) =>
        // The address the exam's pages use (ExamHub.PathFor), which a balancer routes by.
        Track(HubClient.ConnectAsync(server.Http, server.BaseUri, cookie, ExamHub.PathFor(server.Setup.Hub.ExamId), CancellationToken.None));

    private async Task<HubClient> Track(Task<HubClient> connecting)
    {
        var client = await connecting;
        _live[client] = 0;
        return client;
    }

    private async Task CloseDownToAsync(List<HubClient> clients, int keep)
    {
        var closing = clients.Skip(keep).ToList();
        clients.RemoveRange(Math.Min(keep, clients.Count), closing.Count);
        foreach (var chunk in closing.Chunk(options.Concurrency))
        {
            await Task.WhenAll(chunk.Select(async c =>
            {
                _live.TryRemove(c, out _);
                await c.DisposeAsync();
            }));
        }
    }

}
