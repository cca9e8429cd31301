using System.Text;

namespace ProctorWeb.Bench;

/// <summary>Scenario 9's rows and notes: one node beside two behind nginx, and the time to come back from a killed node.</summary>
public static partial class Report
{
    private static void ClusterRows(StringBuilder md, Results results)
    {
        if (results.Cluster is not { OneNode: { } one, TwoNodes: { } two } cluster)
        {
            return;
        }
        Row(md, $"Join burst through nginx, two nodes: {two.Joined + two.Failed:N0} students (connect, JoinAsStudent, Ready)", $"{two.JoinsPerSecond:N0} joins/s, {two.Failed} failed, p50 / p99 {two.Join.P50Ms:N1} / {two.Join.P99Ms:N1} ms",
            $"one node: {one.JoinsPerSecond:N0} joins/s, {one.Failed} failed, p50 / p99 {one.Join.P50Ms:N1} / {one.Join.P99Ms:N1} ms", two.JoinsPerSecond / one.JoinsPerSecond, "—", null);
        Row(md, "Relay through nginx, two nodes: candidate ~1 KB, p50 / p99", $"{Ms(two.Relay.P50Ms)} / {Ms(two.Relay.P99Ms)}", $"one node: {Ms(one.Relay.P50Ms)} / {Ms(one.Relay.P99Ms)}", two.Relay.P99Ms / one.Relay.P99Ms, "—", null);
        Row(md, "Relay throughput through nginx, two nodes: candidate ~1 KB", $"{two.RelayPerSecond:N0} msg/s", $"one node: {one.RelayPerSecond:N0} msg/s", two.RelayPerSecond / one.RelayPerSecond, "—", null);
        if (cluster.Failover is { } f)
        {
            Row(md, $"Failover: SIGKILL of the node holding the exam to every one of {f.Students:N0} students live again on the other (lease {f.LeaseSeconds} s)",
                $"{f.AllBackMs / 1000:N1} s (p50 {f.P50BackMs / 1000:N1} s; proctor {f.ProctorBackMs / 1000:N1} s; {f.Attempts:N0} connection attempts)", "—", null, "≤ 10 s", f.AllBackMs <= 10_000);
        }
    }

    private static void ClusterNotes(StringBuilder md, Results results)
    {
        if (results.Cluster is not { } cluster)
        {
            return;
        }
        md.AppendLine();
        md.AppendLine($"Cluster: {cluster.Students:N0} students of one exam, the same calls a page makes (the hub at `/hubs/exams?exam=ID`, `JoinAsStudent`, `Ready`, then candidate-sized `Signal`s to the proctor one at a time), first against one app process on its own " +
            "(SQLite, no balancer, cluster mode off: the default deployment), then through nginx with deploy/nginx/proctorweb.conf in front of two app processes in cluster mode on PostgreSQL and Redis (scripts as the tests start them, all on this machine's loopback). " +
            "Through nginx every hub request first asks a node which node holds the exam (auth_request), and the exam's connections all land on that node: the second node adds failover, not relay capacity for one exam; more exams spread over more nodes. " +
            "Failover: the node holding the exam is killed with SIGKILL while every student and the proctor are connected; each reconnects as signaling.js does (at once, after 1 s, then every 2 s) through nginx until `Ready` (students) or `Watch` (the proctor) answers on the other node, which takes the exam over once the dead node's lease has run out. " +
            "Hub throttling is raised on every app process as for the other relay figures.");
        if (cluster.Error is not null)
        {
            md.AppendLine();
            md.AppendLine("**The cluster scenario failed:** `" + cluster.Error.Split('\n')[0].Trim() + "`");
        }
    }
}
