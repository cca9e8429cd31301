using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Microsoft.EntityFrameworkCore;
using ProctorWeb.Data;
using ProctorWeb.Exams;
using ProctorWeb.Tests.Support;
using ProctorWeb.Tests.Support.Cluster;
using Xunit.Abstractions;

namespace ProctorWeb.Tests.Cluster;

/// <summary>
/// The node holding an exam dies (SIGKILL: no goodbye, its lease simply stops being renewed). Its pages reconnect
/// through nginx, the other node takes the exam over, and nothing acknowledged is lost.
/// </summary>
public class FailoverTests(ITestOutputHelper output)
{
    /// <summary>How long a test waits for the pages to be back; what the product aims at (10 s) the benchmark measures.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(45);

    [Fact]
    public async Task WhenTheExamsNodeIsKilledBothSidesAreBackOnTheOtherNodeEveryFlagIsStoredOnceTheGapIsRecordedAndTheEndStillFires()
    {
        await using var cluster = await TestCluster.StartAsync();
        var exam = await ClusterSeed.RunningExamAsync(cluster, cluster.InvitationKey, TimeSpan.FromMinutes(20), "Ada");
        var ada = exam.Students[0];
        var adaUser = new TestUser(ada.RosterId.ToString(), "", "", ada.Name);
        var teacherCookies = await ClusterBrowsing.SignInAsync(cluster.BaseUri, exam.Teacher);
        var adaCookies = await ClusterBrowsing.RedeemAsync(cluster.BaseUri, ada);
        var query = $"exam={exam.ExamId}";
        var proctor = await HubClient.ConnectAsync(cluster.BaseUri, HubAddress.Exams, teacherCookies, exam.Teacher.AsUser(), query);
        await proctor.WatchAsync(exam.ExamId);
        var student = await HubClient.ConnectAsync(cluster.BaseUri, HubAddress.Exams, adaCookies, adaUser, query);
        await student.JoinAndReadyAsync();
        var owner = await cluster.OwnerOfExamAsync(exam.ExamId) ?? throw new InvalidOperationException("Nobody holds the exam.");
        var survivor = cluster.Other(owner);

        // Flags stream in, as a page reports them; the page forgets one only once the server acknowledged it.
        var acknowledged = new ConcurrentDictionary<string, long>();
        var sent = new ConcurrentQueue<FlagReport>();
        var streaming = Task.Run(async () =>
        {
            for (var i = 0; ; i++)
            {
                var report = new FlagReport($"flag-{i}", "paste", DateTime.UtcNow, DateTime.UtcNow);
                sent.Enqueue(report);
                acknowledged[report.ClientId] = await student.InvokeAsync<long>(nameof(ExamHub.ReportFlag), report);
            }
        });
        await Eventually.MatchAsync(() => Task.FromResult(acknowledged.Count), count => count >= 20 || streaming.IsCompleted, "twenty flags acknowledged");
        var killedAt = Stopwatch.StartNew();
        await owner.KillHardAsync();
        await Assert.ThrowsAnyAsync<Exception>(() => streaming);
        // While nobody holds it, the exam is moved to end shortly: only a timer of the node that takes it over can end it.
        await using (var db = cluster.Database())
        {
            var stored = await db.Exams.SingleAsync(e => e.Id == exam.ExamId);
            stored.StartsAtUtc = DateTime.UtcNow.AddSeconds(25).AddMinutes(-stored.DurationMinutes);
            await db.SaveChangesAsync();
        }
        await proctor.Closed.WaitAsync(Patience);
        await student.Closed.WaitAsync(Patience);

        // Both pages reconnect through nginx until the exam is held again: by the survivor.
        var proctorAgain = await UntilAsync(async () =>
        {
            var again = await HubClient.ConnectAsync(cluster.BaseUri, HubAddress.Exams, teacherCookies, exam.Teacher.AsUser(), query);
            await again.WatchAsync(exam.ExamId);
            return again;
        });
        var studentAgain = await UntilAsync(async () =>
        {
            var again = await HubClient.ConnectAsync(cluster.BaseUri, HubAddress.Exams, adaCookies, adaUser, query);
            await again.JoinAndReadyAsync();
            return again;
        });
        await proctorAgain.WaitForStudentAsync(ada.RosterId, StudentStatus.Live);
        output.WriteLine($"Both back {killedAt.Elapsed.TotalSeconds:0.0} s after the kill.");
        Assert.Same(survivor, await cluster.OwnerOfExamAsync(exam.ExamId));

        // The page sends again whatever was not acknowledged; each flag is stored once.
        foreach (var report in sent.Where(r => !acknowledged.ContainsKey(r.ClientId)))
        {
            acknowledged[report.ClientId] = await studentAgain.InvokeAsync<long>(nameof(ExamHub.ReportFlag), report);
        }
        await using (var db = cluster.Database())
        {
            var stored = await db.Flags.Where(f => f.RosterEntryId == ada.RosterId).Select(f => f.ClientId).ToListAsync();
            Assert.Equal(sent.Select(r => r.ClientId).Order(), stored.Order());
        }
        // The new owner writes the gap beside taking the exam over, not before the pages may rejoin.
        var gaps = await Eventually.MatchAsync(async () =>
        {
            await using var db = cluster.Database();
            return await db.Attendance.Where(a => a.RosterEntryId == ada.RosterId && a.Kind == AttendanceKinds.ServerLost).ToListAsync();
        }, found => found.Count > 0, "the gap on Ada's timeline");
        var gap = Assert.Single(gaps);
        output.WriteLine($"Gap recorded from {gap.AtUtc:O} for {gap.Detail} s.");

        // The exam's end fires once, on the survivor.
        Assert.Equal(Phases.Over, (await studentAgain.WaitForAsync<ExamState>(nameof(IExamClient.PhaseChanged), s => s.Phase == Phases.Over, Patience)).Phase);
        var finished = await Eventually.MatchAsync(async () =>
        {
            await using var db = cluster.Database();
            return await db.Attendance.CountAsync(a => a.RosterEntryId == ada.RosterId && a.Kind == AttendanceKinds.Finished);
        }, count => count > 0, "Ada's finish stored");
        Assert.Equal(1, finished);
        // The killed node comes back: it holds nothing, so a page opened now meets the exam on the survivor (a
        // connection that reached the restarted node could not watch it: the exam is held elsewhere).
        await owner.StartAsync();
        var lateProctor = await HubClient.ConnectAsync(cluster.BaseUri, HubAddress.Exams, teacherCookies, exam.Teacher.AsUser(), query);
        await lateProctor.WatchAsync(exam.ExamId);
        Assert.Same(survivor, await cluster.OwnerOfExamAsync(exam.ExamId));
        foreach (var client in new[] { proctor, student, proctorAgain, studentAgain, lateProctor })
        {
            await client.DisposeAsync();
        }
    }

    /// <summary>Tries again, as a page's automatic reconnect does, until it works or patience runs out.</summary>
    private static async Task<HubClient> UntilAsync(Func<Task<HubClient>> attempt)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return await attempt();
            }
            catch (Exception e) when ((e is HttpRequestException or Microsoft.AspNetCore.SignalR.HubException or IOException or System.Net.WebSockets.WebSocketException
                                           or InvalidOperationException or TimeoutException) && waited.Elapsed < Patience)
            {
                // signaling.js waits a second or two between attempts; so does this.
                await Task.Delay(TimeSpan.FromSeconds(1));
            }
        }
    }
}
