using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using ProctorWeb.Cluster;
using ProctorWeb.E2E.Support;
using ProctorWeb.Tests.Support.Cluster;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace ProctorWeb.E2E.Cluster;

/// <summary>
/// Real pages through nginx in front of two nodes: the proctor's tile decodes the student's camera, and when the node
/// holding the exam is killed both pages come back on the other node, live, with every flag stored once.
/// </summary>
public class ClusterJourneyTests(ITestOutputHelper output) : BrowserTest(output)
{
    private static readonly (int, int) StudentCamera = (640, 360);

    [Fact]
    public async Task AProctorAndAStudentThroughNginxSeeEachOtherAndAreLiveAgainOnTheOtherNodeAfterTheirsIsKilled()
    {
        await using var cluster = await TestCluster.StartAsync();
        var exam = await ClusterSeed.RunningExamAsync(cluster, cluster.InvitationKey, TimeSpan.FromMinutes(20), "Ada");
        string At(string path) => new Uri(cluster.BaseUri, path).ToString();

        var tess = await LaunchAsync("Tess", FakeCamera.Yellow);
        await tess.Page.GotoAsync(At("/Account/Login"));
        await tess.Page.GetByLabel("Email").FillAsync(exam.Teacher.Email);
        await tess.Page.GetByLabel("Password").FillAsync(exam.Teacher.Password);
        await tess.Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(tess.Page.GetByText("Signed in as Tess")).ToBeVisibleAsync();
        var monitor = await tess.Page.GotoAsync(At($"/Exams/{exam.ExamId}/Monitor"));
        await Expect(tess.Page.GetByRole(AriaRole.List, new() { Name = "Students" })).ToBeVisibleAsync();
        var ada = await LaunchAsync("Ada", FakeCamera.Red, cameraSize: StudentCamera);
        await ExamSteps.JoinRunningExamAsync(ada, At(exam.Students[0].JoinPath));
        var tile = ExamSteps.Tile(tess.Page, "Ada");
        await Expect(tile).ToContainTextAsync("Live");
        await Person.ExpectVideoOfColourAsync(tile.Locator("video"), FakeCamera.Red, "Ada's tile through nginx");
        var owner = await cluster.OwnerOfExamAsync(exam.ExamId) ?? throw new InvalidOperationException("Nobody holds the exam.");
        Output.WriteLine($"Monitor page served by node {await monitor!.HeaderValueAsync(ClusterSetup.NodeHeader)}; the exam is held by {(owner == cluster.Node("a") ? "a" : "b")}.");

        // A flag just before the kill, and one while the node is gone (kept by the page until a server acknowledges it).
        var pad = ada.Page.GetByLabel("Scratch pad (not saved, not seen by proctors)");
        await pad.FocusAsync();
        await ada.Page.Keyboard.PressAsync("Control+V");
        await Expect(ExamSteps.Badges(tess.Page, "Ada")).ToContainTextAsync("Paste");
        await owner.KillHardAsync();
        var killed = Stopwatch.StartNew();
        await Expect(ada.Status).ToHaveTextAsync("Connection to the server lost. Reconnecting…", new() { Timeout = 20_000 });
        await ada.Page.Keyboard.PressAsync("Control+V");

        await Expect(ada.Status).ToHaveTextAsync("Reconnected.", new() { Timeout = 30_000 });
        await Expect(tess.Page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Reconnected." })).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Expect(tile).ToContainTextAsync("Live");
        await Person.ExpectVideoOfColourAsync(tile.Locator("video"), FakeCamera.Red, "Ada's tile after her node was killed");
        Output.WriteLine($"Node killed to both pages back and Ada's camera decoded on the proctor's tile: {killed.Elapsed.TotalMilliseconds:0} ms");
        Assert.Same(cluster.Other(owner), await cluster.OwnerOfExamAsync(exam.ExamId));

        await using var db = cluster.Database();
        var adaId = exam.Students[0].RosterId;
        await Eventually.TrueAsync(async () => await db.Flags.CountAsync(f => f.RosterEntryId == adaId && f.Kind == "paste") >= 2, "both paste flags stored");
        var flags = await db.Flags.AsNoTracking().Where(f => f.RosterEntryId == adaId).Select(f => new { f.ClientId, f.Kind }).ToListAsync();
        Assert.Equal(2, flags.Count(f => f.Kind == "paste"));
        Assert.Equal(flags.Count, flags.Select(f => f.ClientId).Distinct().Count());
    }
}
