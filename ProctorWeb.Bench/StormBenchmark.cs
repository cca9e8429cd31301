using System.Diagnostics;
using ProctorWeb.Tests.Support;

namespace ProctorWeb.Bench;

/// <summary>
/// The reconnect storm: thousands of students of one exam are joined with the exam page's own reconnect policy, the
/// app is killed (SIGKILL) and started again on the same port and database, and the driver times until every student
/// has rejoined (reconnected, JoinAsStudent, Ready) as examRoom.js does. Before the kill, with everyone connected and
/// silent, the server's idle CPU gives the heartbeat's cost per student.
/// </summary>
public sealed class StormBenchmark(Options options)
{
    public async Task<StormRun> RunAsync()
    {
        var directory = Directory.CreateTempSubdirectory("proctorweb-storm-").FullName;
        var port = LoopbackPort.Free();
        ChildServer? server = null;
        try
        {
            server = await ChildServer.StartAsync(options.StormStudents, 1, directory, port);
            var prep = Stopwatch.StartNew();
            var cookies = await BenchForms.RedeemAllAsync(server.Http, server.BaseUri, server.Setup.Hub.Links);
            Console.WriteLine($"Storm: {cookies.Count:N0} invitation cookies in {prep.Elapsed.TotalSeconds:0} s.");
            await using var driver = await NodeDriver.StartAsync(options.RepoRoot, new
            {
                Plan = "storm",
                Hub = new
                {
                    Url = server.HubExamUrl,
                    server.Setup.Hub.ExamId,
                    Pid = server.ProcessId,
                    StudentCookies = cookies,
                },
                options.Concurrency,
                IdleSeconds = 10,
                StormTimeoutSeconds = 120,
            });
            await driver.Armed.WaitAsync(TimeSpan.FromMinutes(10));
            await driver.SayAsync("GO");
            var down = Stopwatch.StartNew();
            server.Kill();
            await server.DisposeAsync();
            server = await ChildServer.StartAsync(options.StormStudents, 1, directory, port);
            var restart = down.Elapsed;
            Console.WriteLine($"Storm: the app answered again {restart.TotalSeconds:0.0} s after the kill.");
            return await driver.ResultAsync<StormRun>(TimeSpan.FromMinutes(5)) with { RestartMs = restart.TotalMilliseconds };
        }
        finally
        {
            if (server is not null)
            {
                await server.DisposeAsync();
            }
            Directory.Delete(directory, recursive: true);
        }
    }
}
