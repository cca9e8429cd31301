using System.Globalization;
using System.Text;

namespace ProctorWeb.Bench;

/// <summary>Scenarios 1 and 2's rows and notes: the hub beside socket.io, and the reconnect storm.</summary>
public static partial class Report
{
    private static void RelayRows(StringBuilder md, Results results)
    {
        if (results.HubRelay is not { } relay)
        {
            return;
        }
        const string hub = RelayComparison.Hub, io = RelayComparison.SocketIo;
        foreach (var students in relay.Scales)
        {
            string Range(string system, Func<ScaleRun, double> figure, string format) =>
                $"[{relay.At(system, students).Min(figure).ToString(format, CultureInfo.InvariantCulture)}–{relay.At(system, students).Max(figure).ToString(format, CultureInfo.InvariantCulture)}]";
            string Figure(string system, Func<ScaleRun, double> figure, string format, string unit) =>
                $"{relay.MedianOf(system, students, figure).ToString(format, CultureInfo.InvariantCulture)} {unit} {Range(system, figure, format)}";
            void Compared(string name, Func<ScaleRun, double> figure, string format, string unit, string target, Func<double, bool>? met = null)
            {
                var peer = relay.MedianOf(io, students, figure);
                // socket.io pings every 25 s, so a 10 s idle window may hold none of its CPU ticks: no ratio then.
                double? ratio = peer > 0 ? relay.MedianOf(hub, students, figure) / peer : null;
                Row(md, $"{name}, {students:N0} students", Figure(hub, figure, format, unit), "socket.io: " + Figure(io, figure, format, unit), ratio, target, ratio is { } r && met is not null ? met(r) : null);
            }
            Compared("Sustained relay, every student sending (closed loop)", s => s.ClosedLoop.PerSecond, "N0", "msg/s", "≥ 1.0× socket.io", r => r >= 1.0);
            Compared("Relay p50 at 1,000 msg/s in total", s => s.Paced.LatencyMs?.P50 ?? double.NaN, "0.00", "ms", "—");
            Compared("Relay p99 at 1,000 msg/s in total", s => s.Paced.LatencyMs?.P99 ?? double.NaN, "0.00", "ms", "≤ 1.0× socket.io", r => r <= 1.0);
            Compared("Server CPU per relayed message (closed loop)", s => s.ClosedLoop.ServerCpuMicrosPerMessage, "0.0", "µs", "≤ 1.0× socket.io", r => r <= 1.0);
            Compared("Server CPU per relayed message at 1,000 msg/s (heartbeats included)", s => s.Paced.ServerCpuMicrosPerMessage, "0.0", "µs", "—");
            Compared("Idle server CPU per connected student (each relay's own heartbeat)", s => s.Idle.ServerCpuMicrosPerStudentSecond, "0.00", "µs/s", "—");
        }
        var largest = relay.Scales.First();
        var fastPings = relay.SocketIoIdleAtTwoSecondPings;
        var hubIdle = relay.MedianOf(hub, largest, s => s.Idle.ServerCpuMicrosPerStudentSecond);
        Row(md, $"Idle server CPU per connected student, both pinging every 2 s, {fastPings.Connected - 1:N0} students", $"{hubIdle:0.00} µs/s", $"socket.io: {fastPings.ServerCpuMicrosPerStudentSecond:0.00} µs/s",
            hubIdle / fastPings.ServerCpuMicrosPerStudentSecond, "—", null);
        var joins = relay.Joins(hub);
        var perSecond = Median.Of(joins.Select(j => j.PerSecond));
        var failed = joins.Sum(j => j.Failed);
        var median = joins.OrderBy(j => j.PerSecond).ElementAt(joins.Count / 2);
        Row(md, $"Join burst: {joins[0].Attempted:N0} students (connect, JoinAsStudent, Ready; {joins[0].Concurrency} at a time)",
            $"{perSecond:N0} joins/s [{joins.Min(j => j.PerSecond):N0}–{joins.Max(j => j.PerSecond):N0}], {failed} failed in {joins.Count} bursts",
            $"socket.io, the same steps: {Median.Of(relay.Joins(io).Select(j => j.PerSecond)):N0} joins/s", null, "≥ 1,000 joins/s, 0 failed", perSecond >= 1000 && failed == 0);
        if (median is { ConnectMs: { } c, JoinMs: { } j, ReadyMs: { } r })
        {
            Row(md, "Join burst, time per student by step (p50 / p99, the median burst)", $"connect {c.P50:N1} / {c.P99:N1} ms, JoinAsStudent {j.P50:N1} / {j.P99:N1} ms, Ready {r.P50:N1} / {r.P99:N1} ms", "—", null, "—", null);
        }
        var ioJoin = relay.Joins(io).OrderBy(j => j.PerSecond).ElementAt(relay.Joins(io).Count / 2);
        Row(md, "Join burst, CPU per joined student (the median burst): server; the Node client process", $"{CpuMsPerJoin(median, median.ServerCpuShareOfCore):N2} ms; {CpuMsPerJoin(median, median.ClientCpuShareOfCore):N2} ms",
            $"socket.io: {CpuMsPerJoin(ioJoin, ioJoin.ServerCpuShareOfCore):N2} ms; {CpuMsPerJoin(ioJoin, ioJoin.ClientCpuShareOfCore):N2} ms", null, "—", null);
        if (relay.Runs.FirstOrDefault(r => r.Memory is not null)?.Memory is { } memory)
        {
            Row(md, $"Server working set per joined student (1 proctor → + {memory.Students:N0} students, after a full GC)", $"{memory.WorkingSetPerStudentKb:N1} KB", "—", null, "—", null);
            Row(md, $"Server GC heap per joined student (1 proctor → + {memory.Students:N0} students)", $"{memory.GcHeapPerStudentKb:N1} KB", "—", null, "—", null);
        }
    }

    private static double CpuMsPerJoin(JoinRun join, double? shareOfCore) => (shareOfCore ?? 0) * join.Seconds / join.Joined * 1000;

    /// <summary>Why each target came out as it did, from the section's own readings (whichever run measured it).</summary>
    private static string RelayCauses(RelayComparison relay)
    {
        const string hub = RelayComparison.Hub, io = RelayComparison.SocketIo;
        var largest = relay.Scales.First();
        string Share(string system, Func<ScaleRun, double> figure) => relay.MedianOf(system, largest, figure).ToString("0.00", CultureInfo.InvariantCulture);
        var bursts = string.Join(", ", relay.Runs.Where(r => r.System == hub).OrderBy(r => r.Repeat).Select(r => r.Join.PerSecond.ToString("N0", CultureInfo.InvariantCulture)));
        return $"Causes, from the hub section's own readings at {largest:N0} students. Sustained rate: in the closed loop the one Node client process ran at {Share(hub, s => s.ClosedLoop.ClientCpuShareOfCore)} of a core driving the hub and {Share(io, s => s.ClosedLoop.ClientCpuShareOfCore)} driving socket.io, " +
            $"the hub's server at {Share(hub, s => s.ClosedLoop.ServerCpuShareOfCore)} and socket.io's (one thread) at {Share(io, s => s.ClosedLoop.ServerCpuShareOfCore)}: on two cores the client bounds both rates, and the hub's server, which spends less per message, had room left. " +
            "p99 at 1,000 msg/s: relayed messages share the server with its keep-alive pings, which SignalR sends to every connection that was sent nothing for 2 s, all from the once-a-second connection heartbeat (hundreds at once when most students are silent), so a message arriving meanwhile waits; socket.io pings each socket on its own timer. The product keeps 2 s so that a lost student shows on the grid within 6 s. " +
            $"Join burst: the hub's server spends more CPU per join than socket.io's (the row above: the WebSocket handshake, the invitation cookie, the invitation's query, the hub's filters, the pushes to the proctor); the bursts ran at {bursts} joins/s in turn, the first right after the app started, while its code was still being compiled to the optimized tier.";
    }

    private static void StormRows(StringBuilder md, Results results)
    {
        if (results.Storm is not { } storm)
        {
            return;
        }
        Row(md, $"Reconnect storm: {storm.Students:N0} students, the app killed and started again, to every one rejoined (JoinAsStudent and Ready)",
            storm.AllRejoinedMs is { } all ? $"{all / 1000:N1} s (p50 {storm.RejoinMs!.P50 / 1000:N1} s; the app answered again after {storm.RestartMs / 1000:N1} s; {storm.ReconnectAttempts:N0} reconnect attempts)"
                : $"{storm.Rejoined:N0} of {storm.Students:N0} rejoined within the time allowed",
            "—", null, "≤ 10 s", storm.AllRejoinedMs <= 10_000);
        Row(md, $"Idle server CPU, {storm.Idle.Connected:N0} students connected (pings every 2 s)", $"{storm.Idle.ServerCpuShareOfCore * 100:N1}% of a core: {storm.Idle.ServerCpuMicrosPerStudentSecond:0.00} µs/s per student", "—", null, "—", null);
        Row(md, $"Join burst before the storm: {storm.Join.Attempted:N0} students ({storm.Join.Concurrency} at a time)",
            $"{storm.Join.PerSecond:N0} joins/s, {storm.Join.Failed} failed: rejoining everyone at that rate takes {storm.Students / storm.Join.PerSecond:N1} s after the restart", "—", null, "—", null);
    }

    private static void RelayNotes(StringBuilder md, Results results)
    {
        if (results.HubRelay is { } relay)
        {
            var runs = relay.Runs.Count(r => r.System == RelayComparison.Hub);
            md.AppendLine("Hub beside socket.io: one Node process (ProctorWeb.Bench/relay/driver.mjs) drives both. The hub's students and proctor are the product's own wwwroot/js/signaling.js on the npm @microsoft/signalr 10.0.11 the pages load, so every call is the page's: negotiate and WebSocket to `/hubs/exams?exam=ID`, `JoinAsStudent`, `Ready`, and each ICE candidate through signaling.js's `send`; only the invitation cookie is added as a header, as a browser adds it. " +
                "The peer is a socket.io 4.8.4 relay (relay/socketio-relay.mjs, Node, installed by relay/install.sh from npm) doing the hub's job the same way: students join an exam and say ready, each message is checked as the hub checks it and relayed only from a ready student to a proctor of its exam, and a refused one is answered with a pushed event; its clients use the WebSocket transport from the start. " +
                "Each message is a ~1 KB ICE candidate. After a join burst the run waits until the server used less than 5% of a core for a second. Then, at each scale: idle cost (10 s, everyone connected and silent); paced, 1,000 messages a second in total shared by every student in turn for 8 s after 2 s not counted, latency from the send call to the proctor's handler; closed loop, every student keeping one message on its way (the next sent when the proctor has the last), counted over 8 s after 2 s. " +
                $"Server CPU is user plus system time of the server's process from /proc (the app's whole process; the socket.io relay's Node process) over the same window, divided by messages or by students and seconds. Each system is measured {runs} times, the order alternating; the table gives the median and in brackets the lowest and highest run. " +
                "Heartbeats: the product pings every 2 s both ways and drops a silent connection after 6 s (RealtimeSetup, signaling.js); socket.io's default is a ping every 25 s and a drop after 45 s, so the idle rows give both socket.io's default and socket.io set to the product's 2 s.");
            md.AppendLine();
            md.AppendLine(RelayCauses(relay));
            md.AppendLine();
        }
        if (results.Storm is { } storm)
        {
            md.AppendLine($"Reconnect storm: {storm.Students:N0} students of one exam join through signaling.js with the exam page's reconnect policy (at once, then after 1 s, then every 2 s) and, once reconnected, call `JoinAsStudent` and `Ready` again as examRoom.js does. The app (in a child process, on its SQLite file) is killed with SIGKILL and started again on the same port and database; the time runs from the kill to the last student's `Ready` answer. " +
                $"What limits it: the restart ({storm.RestartMs / 1000:N1} s until the app answered), then every student rejoining a freshly started server at the join rate the burst before the storm showed ({storm.Join.PerSecond:N0} joins/s: {storm.Students / storm.Join.PerSecond:N1} s for all of them); the retries (every 2 s) add at most 2 s.");
            md.AppendLine();
        }
    }
}
