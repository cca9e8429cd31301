using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace ProctorWeb.Bench;

/// <summary>BENCHMARKS.md for people (figure, baseline, ratio, target, met?) and benchmarks.json with the raw numbers.</summary>
public static partial class Report
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>The scenarios as <c>--only</c> selects them, and the words for them.</summary>
    private static readonly (string Key, string Words, Func<Options, bool> Ran)[] Sections =
    [
        ("hub", "hub beside socket.io (relay, join burst, idle cost, memory)", o => o.Hub),
        ("storm", "reconnect storm", o => o.Storm),
        ("browser", "join to first frame and proctor grid", o => o.Browser),
        ("upload", "student upload with screen sharing", o => o.Upload),
        ("face", "face checks", o => o.Face),
        ("clips", "clip recorders and clip size", o => o.Clips),
        ("cluster", "one node beside two behind nginx, and failover", o => o.Cluster),
        ("grid25", "proctor grid of 25 fed by one sender page", o => o.FarmGrid),
    ];

    public static void Write(Options options, DateTime started, Results results)
    {
        var now = new RunSource(started.ToString("u", CultureInfo.InvariantCulture), options.Command);
        var sources = CarryOver(options, now, results);
        var machine = new
        {
            Cores = Environment.ProcessorCount,
            MemoryGiB = Math.Round(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024.0 * 1024 * 1024), 1),
            Os = RuntimeInformation.OSDescription,
            Dotnet = RuntimeInformation.FrameworkDescription,
        };
        var json = JsonSerializer.Serialize(new
        {
            DateUtc = started.ToString("u", CultureInfo.InvariantCulture),
            options.Command,
            Sources = sources,
            Machine = machine,
            Settings = new { options.Students, options.StormStudents, ClusterMessagesPerRun = options.Messages, RelayRepeats = options.Repeats, JoinConcurrency = options.Concurrency, FirstFrameRuns = options.Runs, options.GridSizes, UploadRuns = BenchServer.UploadRuns, BenchServer.RaisedLimits, ServerGc = true },
            results.HubRelay,
            results.Storm,
            results.FirstFrame,
            results.Grid,
            results.Upload,
            results.Face,
            results.Clips,
            results.Cluster,
            results.FarmGrid,
            results.Error,
        }, Json);
        File.WriteAllText(Path.Combine(options.RepoRoot, "benchmarks.json"), json + "\n");

        var md = new StringBuilder();
        md.AppendLine("# Benchmarks");
        md.AppendLine();
        md.AppendLine($"Written by `{options.Command}` on {started:yyyy-MM-dd HH:mm} UTC. Raw numbers: [benchmarks.json](benchmarks.json).");
        md.AppendLine();
        var carried = Sections.Where(s => sources.TryGetValue(s.Key, out var source) && source != now).ToList();
        if (carried.Count > 0)
        {
            md.AppendLine("This run measured only the " + string.Join("; the ", Sections.Where(s => s.Ran(options)).Select(s => s.Words)) + ". " +
                string.Join(" ", carried.GroupBy(s => sources[s.Key]).Select(g => $"The figures for the {string.Join("; the ", g.Select(s => s.Words))} are those of the run of {g.Key.DateUtc} (`{g.Key.Command}`), kept as they were.")) +
                " The settings in benchmarks.json are this run's; each section's run is under `sources`.");
            md.AppendLine();
        }
        md.AppendLine($"Machine: {machine.Cores} cores, {machine.MemoryGiB.ToString(CultureInfo.InvariantCulture)} GiB memory, {machine.Os}, {machine.Dotnet}.");
        md.AppendLine();
        md.AppendLine("The app runs on Kestrel at 127.0.0.1 in a child process (server GC, as a web app runs), with its own SQLite file; the clients run in the parent process on the same machine, so they share its cores.");
        md.AppendLine($"Hub throttling is raised for the run ({string.Join(", ", BenchServer.RaisedLimits.Select(kv => $"`{kv.Key}` = {kv.Value}"))}) so the figures measure relaying, not the per-connection limit.");
        md.AppendLine();
        md.AppendLine("| Figure | Value | Baseline | Ratio | Target | Met? |");
        md.AppendLine("| --- | --- | --- | --- | --- | --- |");
        RelayRows(md, results);
        StormRows(md, results);
        BrowserRows(md, results);
        UploadRows(md, results);
        FaceRows(md, results);
        ClipRows(md, results);
        ClusterRows(md, results);
        FarmGridRows(md, results);
        md.AppendLine();
        RelayNotes(md, results);
        md.AppendLine("Join to first frame: a student's browser passes the device check; then the time from the click on \"Continue to the exam\" (seen by a capturing listener before the page's own) to the first frame of that student the proctor's grid presents (`requestVideoFrameCallback`, in another browser; both clocks are the machine's). " +
            "Baseline, alternating with each run: the same camera and the product's tile encoding through two peer connections inside one page of the same browser, from creating them to the first presented frame. Percentiles are nearest-rank.");
        md.AppendLine();
        md.AppendLine("Proctor grid: N students, each in a Chromium of their own with the same fake camera (640x360 at 30 fps, which the exam page asks for at 15), are in the exam; then the proctor's browser opens the monitor. " +
            "\"All live\" is from the monitor's navigation to the last tile's first presented frame. After a 3 s warm-up, a 10 s window: frames decoded per second per tile (min and median) from `getStats`, frames dropped over frames received, and CPU from /proc (the whole machine in percent of all its cores; the students' browsers, the proctor's browser and the app in percent of one core). " +
            "The target is every tile at 0.9× the tile's configured frame rate or better.");
        md.AppendLine();
        md.AppendLine($"Student upload: one proctor watches one student on the monitor; the student's exam page sends with the product's own modules and encodings. After a {UploadBenchmark.WarmUp.TotalSeconds:0} s warm-up, a {UploadBenchmark.Window.TotalSeconds:0} s window: bytes sent per second, RTP payload and headers, summed over every outbound-rtp of the student's connected peers (a screen's is told by its track). " +
            $"Each of {BenchServer.UploadRuns} runs measures a student of an exam without screen sharing (the baseline), a student of an exam that requires it, and the same student while the proctor has the screen enlarged; the table shows, for each, the run with the median total. " +
            "The camera is the 640x360 fake camera at 30 fps (the page asks for 15), a solid colour with a small moving block; the screen is Chromium's fake entire screen, a flat test pattern with a turning shape and a running clock. " +
            "Both compress far better than a real face or a real desktop, so the measured bytes are a floor; the encoders' caps are the ceiling: 120 kbit/s for the small camera, 300 kbit/s for the small screen, 2 Mbit/s for the enlarged one, plus audio. The target is the small screen's own cap.");
        if (results.Face is { } face)
        {
            md.AppendLine();
            md.AppendLine($"Face checks: the camera plays one face ({face.Camera}, {face.CameraSize}, from scripts/face-fixtures.sh) in a Chromium of the student's own, with the product's faceChecks.js, models and settings (the room page's data-flags: a check a second). " +
                $"Exam page: a student in a running exam without, then (in another Chromium) with face checks; renderer CPU (and the whole browser's, in benchmarks.json) over {face.WindowSeconds:0} s after the models loaded and a {WarmUpText} warm-up. " +
                "Its exam has no ID check, so the page has no face photo to compare with and never describes a face; the detectors' tab measures that. " +
                $"Detectors' tab: the same startDetectors call as the exam page, in a tab of the second Chromium served with the room's own headers, given a camera frame as the ID photo; first {face.WindowSeconds:0} s without face checks, then {face.Checks.Count} checks with them (after 5 left out), each timed as the checker times it (from handing the frame to Human to its answer; every fifth check describes the face, from the full picture; the others look at it halved). " +
                $"The machine's load average (runnable tasks, {Environment.ProcessorCount} cores) was {face.LoadAverageBefore.ToString("0.0", CultureInfo.InvariantCulture)} before and {face.LoadAverageAfter.ToString("0.0", CultureInfo.InvariantCulture)} after. Percentiles are nearest-rank.");
        }
        ClipNotes(md, results);
        ClusterNotes(md, results);
        FarmGridNotes(md, results);
        if (results.Error is not null)
        {
            md.AppendLine();
            md.AppendLine("**The run failed before it finished:**");
            md.AppendLine();
            md.AppendLine("```");
            md.AppendLine(results.Error.Split('\n')[0].Trim());
            md.AppendLine("```");
        }
        File.WriteAllText(Path.Combine(options.RepoRoot, "BENCHMARKS.md"), md.ToString());
        Console.WriteLine();
        Console.WriteLine(md.ToString());
    }

    private static void BrowserRows(StringBuilder md, Results results)
    {
        if (results.FirstFrame is { } first)
        {
            var (p, b) = (first.Product, first.Baseline);
            Row(md, $"Join click to the proctor's first frame, p50 ({p.Count} runs)", $"{p.P50Ms:N0} ms", $"{b.P50Ms:N0} ms", p.P50Ms / b.P50Ms, "≤ 1.5× baseline", p.P50Ms / b.P50Ms <= 1.5);
            Row(md, $"Join click to the proctor's first frame, p95 ({p.Count} runs)", $"{p.P95Ms:N0} ms", $"{b.P95Ms:N0} ms", p.P95Ms / b.P95Ms, "≤ 2× baseline", p.P95Ms / b.P95Ms <= 2);
        }
        foreach (var grid in results.Grid)
        {
            var targeted = grid.Students == BenchServer.MaxGridSize;
            if (grid.Problem is not null)
            {
                Row(md, $"Proctor grid, {grid.Students} students", grid.Problem, "—", null, targeted ? "every tile ≥ 0.9× configured" : "—", targeted ? false : null);
                continue;
            }
            var live = grid.AllLiveMs is { } ms ? $"all live in {ms:N0} ms" : $"not all live within {BenchBrowser.StepTimeout.TotalSeconds:0} s";
            Row(md, $"Proctor grid, {grid.Students} students ({grid.Tiles.Count} tiles measured; {live})",
                $"{grid.MinFps:0.0} min / {grid.MedianFps:0.0} median fps, {grid.DroppedShare:P1} dropped; CPU {grid.Cpu.MachineBusyPercentOfAllCores:N0}% of the machine (students {grid.Cpu.StudentsBrowser:N0}%, proctor {grid.Cpu.ProctorBrowser:N0}%, app {grid.Cpu.App:N0}% of a core)",
                $"{grid.ConfiguredFps:0} fps configured", grid.MinFps / grid.ConfiguredFps, targeted ? "every tile ≥ 0.9× configured" : "—", targeted ? grid.MeetsTarget : null);
        }
    }

    private static void UploadRows(StringBuilder md, Results results)
    {
        if (results.Upload is not { } upload)
        {
            return;
        }
        var off = upload.Off.TotalBytesPerSecond;
        Row(md, "Student upload, screen sharing off (one proctor watching)", Upload(upload.Off), "—", null, "—", null);
        // RTP headers count here but not in the encoder's cap: a few percent over it is still within it.
        Row(md, "Student upload, screen sharing on (the screen small)", Upload(upload.On), $"{off / 1000:N1} kB/s (off)", upload.On.TotalBytesPerSecond / off,
            $"screen ≤ {upload.ScreenLowMaxBitrate / 1000:N0} kbit/s (its cap)", upload.On.ScreenBytesPerSecond * 8 <= upload.ScreenLowMaxBitrate * 1.05);
        Row(md, "Student upload, screen sharing on, the proctor enlarged the screen", Upload(upload.Enlarged), $"{off / 1000:N1} kB/s (off)", upload.Enlarged.TotalBytesPerSecond / off, "—", null);
    }

    private static string Upload(UploadSample s) =>
        $"{s.TotalBytesPerSecond / 1000:N1} kB/s ({s.TotalBytesPerSecond * 8 / 1000:N0} kbit/s): audio {s.AudioBytesPerSecond / 1000:N1}, camera {s.CameraBytesPerSecond / 1000:N1} ({s.CameraWidth} px wide)" +
        (s.ScreenBytesPerSecond > 0 ? $", screen {s.ScreenBytesPerSecond / 1000:N1} kB/s ({s.ScreenWidth} px wide, {s.ScreenFps:0} fps)" : "");

    private const string WarmUpText = "5 s";

    private static void FaceRows(StringBuilder md, Results results)
    {
        if (results.Face is not { } face)
        {
            return;
        }
        var what = $"{face.Checks.Count} checks a second apart, one face at {face.CameraSize}, an ID photo given";
        Row(md, $"Face check, time per check, p50 ({what})", $"{face.Checks.P50Ms:N0} ms", "—", null, "≤ 100 ms", face.Checks.P50Ms <= 100);
        Row(md, $"Face check, time per check, p95 ({what})", $"{face.Checks.P95Ms:N0} ms", "—", null, "≤ 100 ms", face.Checks.P95Ms <= 100);
        if (face is { PlainChecks: { } plain, DescribingChecks: { } describing })
        {
            Row(md, "Face check without / with a face description (every fifth check describes), p50 and p95",
                $"{plain.P50Ms:N0} / {describing.P50Ms:N0} ms, p95 {plain.P95Ms:N0} / {describing.P95Ms:N0} ms ({plain.Count} / {describing.Count} checks)", "—", null, "—", null);
        }
        Row(md, "Student's exam page, renderer CPU with face checks (an exam without ID check: no face described)", $"{face.ExamPageOnPercent:N1}% of a core", $"{face.ExamPageOffPercent:N1}% without face checks",
            face.ExamPageOffPercent > 0 ? face.ExamPageOnPercent / face.ExamPageOffPercent : null, "≤ 15% of a core", face.ExamPageOnPercent <= 15);
        Row(md, "The exam page's detectors in a tab of their own, renderer CPU with face checks and an ID photo", $"{face.DetectorsWithPhotoPercent:N1}% of a core", $"{face.DetectorsOffPercent:N1}% without face checks",
            face.DetectorsOffPercent > 0 ? face.DetectorsWithPhotoPercent / face.DetectorsOffPercent : null, "≤ 15% of a core", face.DetectorsWithPhotoPercent <= 15);
    }

    /// <summary>
    /// Scenarios this run left out (<c>--only</c>) keep the figures of the run that measured them, read back from the
    /// benchmarks.json this run replaces. Returns which run each section's figures come from.
    /// </summary>
    private static Dictionary<string, RunSource> CarryOver(Options options, RunSource now, Results results)
    {
        var sources = Sections.Where(s => s.Ran(options)).ToDictionary(s => s.Key, _ => now);
        var path = Path.Combine(options.RepoRoot, "benchmarks.json");
        if (sources.Count == Sections.Length || !File.Exists(path))
        {
            return sources;
        }
        var previous = JsonSerializer.Deserialize<PreviousReport>(File.ReadAllText(path), Json)!;
        foreach (var (key, _, ran) in Sections)
        {
            if (ran(options) || previous.SourceOf(key) is not { } source)
            {
                continue;
            }
            switch (key)
            {
                case "hub" when previous.HubRelay is not null:
                    results.HubRelay = previous.HubRelay;
                    break;
                case "storm" when previous.Storm is not null:
                    results.Storm = previous.Storm;
                    break;
                case "browser" when previous.FirstFrame is not null || previous.Grid is { Count: > 0 }:
                    (results.FirstFrame, results.Grid) = (previous.FirstFrame, previous.Grid ?? []);
                    break;
                case "upload" when previous.Upload is not null:
                    results.Upload = previous.Upload;
                    break;
                case "face" when previous.Face is not null:
                    results.Face = previous.Face;
                    break;
                case "clips" when previous.Clips is not null:
                    results.Clips = previous.Clips;
                    break;
                case "cluster" when previous.Cluster is not null:
                    results.Cluster = previous.Cluster;
                    break;
                case "grid25" when previous.FarmGrid is { Count: > 0 }:
                    results.FarmGrid = previous.FarmGrid;
                    break;
                default:
                    continue;
            }
            sources[key] = source;
        }
        return sources;
    }

    private sealed record PreviousReport(string DateUtc, string Command, Dictionary<string, RunSource>? Sources, RelayComparison? HubRelay, StormRun? Storm,
        FirstFrameResult? FirstFrame, List<GridResult>? Grid, UploadResult? Upload, FaceResult? Face, ClipResult? Clips, ClusterResult? Cluster, List<FarmGridResult>? FarmGrid)
    {
        /// <summary>A report written before sections had sources was one run of everything.</summary>
        public RunSource? SourceOf(string key) => Sources is null ? new RunSource(DateUtc, Command) : Sources.GetValueOrDefault(key);
    }

    private static string Ms(double ms) => $"{ms.ToString("0.000", CultureInfo.InvariantCulture)} ms";

    private static string Ms(double median, IEnumerable<double> runs) =>
        $"{Ms(median)} [{runs.Min().ToString("0.000", CultureInfo.InvariantCulture)}–{runs.Max().ToString("0.000", CultureInfo.InvariantCulture)}]";

    private static string Rate(double median, IEnumerable<double> runs) => $"{median:N0} msg/s [{runs.Min():N0}–{runs.Max():N0}]";

    private static void Row(StringBuilder md, string figure, string value, string baseline, double? ratio, string target, bool? met) =>
        md.AppendLine($"| {figure} | {value} | {baseline} | {(ratio is { } r ? r.ToString("0.00", CultureInfo.InvariantCulture) + "×" : "—")} | {target} | {(met switch { true => "yes", false => "**no**", null => "—" })} |");
}
