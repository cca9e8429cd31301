namespace ProctorWeb.Bench;

/// <summary>
/// Scenario 1: the hub beside a socket.io relay, both driven by relay/driver.mjs the way the product's pages drive the
/// hub: every connected student sends ICE candidates to its proctor, paced and closed-loop, at each scale.
/// </summary>
public sealed class RelayBenchmark(ChildServer server, Options options)
{
    public async Task<RelayComparison> RunAsync()
    {
        // Preparation, not measured: the teacher signs in, every student redeems their link with a real POST.
        var teacherCookie = await BenchForms.SignInAsync(server.Http, server.BaseUri, server.Setup.TeacherEmail, server.Setup.TeacherPassword);
        var studentCookies = await BenchForms.RedeemAllAsync(server.Http, server.BaseUri, server.Setup.Hub.Links.Take(options.Students).ToList());
        await using var driver = await NodeDriver.StartAsync(options.RepoRoot, new
        {
            Plan = "relay",
            Hub = new
            {
                Url = server.HubExamUrl,
                server.Setup.Hub.ExamId,
                Pid = server.ProcessId,
                MemoryUrl = server.Setup.BaseUrl + BenchServer.MemoryPath,
                ProctorCookie = teacherCookie,
                StudentCookies = studentCookies,
            },
            Scales = RelayScales(options.Students),
            options.Repeats,
            PacedRate = 1000,
            Seconds = 8,
            WarmUp = 2,
            IdleSeconds = 10,
            options.Concurrency,
        });
        return await driver.ResultAsync<RelayComparison>(TimeSpan.FromMinutes(30));
    }

    /// <summary>The two scales, or fewer students when the run asks for fewer.</summary>
    public static int[] RelayScales(int students) => [.. new[] { students, 100 }.Where(s => s <= students).Distinct()];
}
