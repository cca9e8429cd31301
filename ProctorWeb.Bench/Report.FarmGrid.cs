using System.Text;

namespace ProctorWeb.Bench;

/// <summary>Scenario 10's row and note: the proctor's grid of 25 with cheap senders, the proctor's page measured alone.</summary>
public static partial class Report
{
    private static void FarmGridRows(StringBuilder md, Results results)
    {
        foreach (var grid in results.FarmGrid)
        {
            FarmGridRow(md, grid);
        }
    }

    private static void FarmGridRow(StringBuilder md, FarmGridResult grid)
    {
        const string target = "every tile in view ≥ 0.9× configured, proctor's browser ≤ 100% of a core";
        if (grid.Problem is not null)
        {
            Row(md, $"Proctor grid of {grid.Students}, fed by one sender page", grid.Problem, "—", null, target, false);
            return;
        }
        var live = (grid.AllLiveMs is { } ms ? $"every tile in view live in {ms:N0} ms" : $"not every tile in view live within {BenchBrowser.StepTimeout.TotalSeconds:0} s") +
            (grid.Quiet ? "" : "; other work kept the machine busy");
        var c = grid.Cpu;
        Row(md, $"Proctor grid of {grid.Students}, fed by one sender page, window {grid.Viewport} ({grid.TilesInView} tiles in view; {grid.Tiles.Count} tiles with video stats; {live})",
            $"in view {grid.MinFps:0.0} min / {grid.MedianFps:0.0} median fps, out of view {grid.OutOfViewMedianFps:0.0} median; tiles scrolled into view: {grid.ScrolledIntoView}, live after {(grid.ScrolledLiveMs is { } s ? $"{s:N0} ms" : "more than 10 s")}; {grid.DroppedShare:P1} dropped, {grid.PacketLossShare:P1} of packets lost; proctor's browser {c.ProctorBrowser:N0}% of a core (renderer {c.ProctorRenderer:N0}%); " +
            $"senders: farm {c.Farm:N0}% of a core, {grid.Sending.SentFps:0.0} fps sent a peer; app {c.App:N0}%; harness {c.Harness:N0}%, outside the benchmark {c.Elsewhere:N0}%; machine {c.MachineBusyPercentOfAllCores:N0}% of all cores",
            $"{grid.ConfiguredFps:0} fps configured", grid.MinFps / grid.ConfiguredFps, target, grid.MeetsTarget);
    }

    private static void FarmGridNotes(StringBuilder md, Results results)
    {
        if (results.FarmGrid.Count == 0)
        {
            return;
        }
        md.AppendLine();
        md.AppendLine("Proctor grid fed by one sender page (issue 17): on 2 cores, 25 student browsers leave the proctor no CPU, so that grid measures the senders. Here one Chromium page sends as all 25 students: " +
            "it runs the exam page's own proctorLinks.js once per student (peer.js with perfect negotiation, the camera and microphone from video.js at the exam camera's 640x360 and 15 fps, the tile encoding, SetQuality answered), each student sending a clone of one fake camera and microphone (their own stream and track ids; the same picture, as scenario 5's students share one), " +
            "and each student's signaling goes through the real hub as that student (invitation cookie, `JoinAsStudent`, `Ready`, then the hub's `ProctorJoined`, `Signal` and `QualityRequested` handed to that student's links in order, and its `Signal`s sent back). " +
            "The proctor's page is the product's monitor, unchanged, in its own Chromium, measured in a 1280x800 window (part of the grid scrolled out of view) and in a 1920x1080 one (every tile in view), so it receives from each student what it would from an exam page; what the exam page does besides (face checks, clip recorders, the self-view) never reaches the proctor. " +
            "Measured as the proctor grid: after a 3 s warm-up and once the app and the rest of the machine are quiet (60 s at most: a freshly started app recompiles its hot paths for a while), a 10 s window of decoded frames per second per tile (the tiles inside the window, and apart those scrolled out of it), frames dropped over frames received, and CPU from /proc: the proctor's browser (all its processes, and its renderer alone), the farm's browser, the app, the harness (the benchmark's process and Playwright's driver) and anything else the machine ran meanwhile, in percent of one core. Then the grid is scrolled to its end: the time until every tile that came into view presented a frame.");
    }
}
