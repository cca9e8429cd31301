using System.Text.Json.Serialization;

namespace ProctorWeb.Bench;

public sealed class Results
{
    public RelayComparison? HubRelay { get; set; }
    public StormRun? Storm { get; set; }
    public FirstFrameResult? FirstFrame { get; set; }
    public List<GridResult> Grid { get; set; } = [];
    public UploadResult? Upload { get; set; }
    public FaceResult? Face { get; set; }
    public ClipResult? Clips { get; set; }
    public ClusterResult? Cluster { get; set; }
    public List<FarmGridResult> FarmGrid { get; set; } = [];
    public string? Error { get; set; }

    public bool AllRan(Options options) =>
        Error is null
        && (!options.Hub || HubRelay is not null)
        && (!options.Storm || Storm is not null)
        && (!options.Browser || (FirstFrame is not null && Grid.Count == options.GridSizes.Count))
        && (!options.Upload || Upload is not null)
        && (!options.Face || Face is not null)
        && (!options.Clips || Clips is not null)
        && (!options.Cluster || Cluster is { Error: null })
        && (!options.FarmGrid || (FarmGrid.Count > 0 && FarmGrid.All(g => g.Problem is null)));
}

public static class Median
{
    public static double Of(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}

public sealed record LatencyStats(int Count, double MeanMs, double P50Ms, double P90Ms, double P95Ms, double P99Ms, double MaxMs)
{
    /// <summary>Nearest-rank percentiles: every figure is one of the samples.</summary>
    public static LatencyStats Of(double[] samples)
    {
        var sorted = samples.Order().ToArray();
        double At(double q) => sorted[(int)Math.Ceiling(q * sorted.Length) - 1];
        return new LatencyStats(sorted.Length, sorted.Average(), At(0.50), At(0.90), At(0.95), At(0.99), sorted[^1]);
    }

    /// <summary>Each figure the median of the runs' own figure (so the p99 is a typical run's p99); Count is one run's.</summary>
    public static LatencyStats MedianOf(IEnumerable<LatencyStats> runs)
    {
        var all = runs.ToList();
        return new LatencyStats(all[0].Count, Median.Of(all.Select(r => r.MeanMs)), Median.Of(all.Select(r => r.P50Ms)),
            Median.Of(all.Select(r => r.P90Ms)), Median.Of(all.Select(r => r.P95Ms)), Median.Of(all.Select(r => r.P99Ms)), Median.Of(all.Select(r => r.MaxMs)));
    }
}

/// <summary>Scenario 4: the student's click to the proctor's first frame, and the same camera through two peer connections in one page.</summary>
public sealed record FirstFrameResult(LatencyStats Product, LatencyStats Baseline, double[] ProductMs, double[] BaselineMs);

/// <summary>Scenario 5 at one grid size: a fresh monitor page receiving every student.</summary>
public sealed record GridResult(int Students, double? AllLiveMs, double ConfiguredFps, double WindowSeconds, double MinFps, double MedianFps, double DroppedShare, CpuUse Cpu, List<TileRate> Tiles,
    List<System.Text.Json.JsonElement> Senders, string? Problem = null)
{
    public bool MeetsTarget => Problem is null && AllLiveMs is not null && Tiles.Count == Students && MinFps >= 0.9 * ConfiguredFps;

    /// <summary>The grid could not be set up: students could not join the exam on the loaded machine.</summary>
    public static GridResult NotReached(int students, string problem) =>
        new(students, null, 0, 0, 0, 0, 0, new CpuUse(0, 0, 0, 0), [], [], problem);
}

/// <summary>One tile's inbound video over the measuring window; <paramref name="InView"/> when its video was inside the proctor's window at the end.</summary>
public sealed record TileRate(double DecodedFps, double ReceivedFps, long FramesReceived, long FramesDecoded, long FramesDropped, int Width, int Height, bool InView = true);

/// <summary>CPU over the measuring window, in percent of one core (this machine has <c>Environment.ProcessorCount</c>).</summary>
public sealed record CpuUse(double MachineBusyPercentOfAllCores, double StudentsBrowser, double ProctorBrowser, double App);

/// <summary>Signaling messages of the two sizes a browser sends most: an ICE candidate (~1 KB) and an SDP offer (~2 KB).</summary>
public sealed record MessageSize(string Name, string Type, int Length)
{
    public static readonly MessageSize[] All = [new("candidate ~1 KB", "candidate", 1000), new("offer ~2 KB", "offer", 2000)];

    /// <summary>A Signal invocation without an id (no completion), carrying its sequence number at the start of the text.</summary>
    public byte[] Frame(string to, int sequence)
    {
        var text = $"seq={sequence};";
        text += new string('a', Length - text.Length);
        object message = Type == "offer"
            ? new { type = "offer", sdp = text }
            : new { type = "candidate", candidate = text, sdpMid = "0", sdpMLineIndex = 0, usernameFragment = "bench" };
        return HubClient.Frame("Signal", [to, message]);
    }

    public int FrameBytes(string to) => Frame(to, 0).Length;
}

/// <summary>Which run measured a section of the report: its start (UTC) and command line.</summary>
public sealed record RunSource(string DateUtc, string Command);

/// <summary>Scenario 6, one measuring window: the student's upload in bytes per second, by what it carries (RTP payload and headers).</summary>
public sealed record UploadSample(double WindowSeconds, double AudioBytesPerSecond, double CameraBytesPerSecond, double ScreenBytesPerSecond, int CameraWidth, int ScreenWidth, double ScreenFps)
{
    public double TotalBytesPerSecond => AudioBytesPerSecond + CameraBytesPerSecond + ScreenBytesPerSecond;
}

/// <summary>One run of scenario 6: screen sharing off, on (the small screen), and on with the proctor's screen enlarged.</summary>
public sealed record UploadRun(UploadSample Off, UploadSample On, UploadSample Enlarged);

/// <summary>
/// Scenario 6: for each of off, on and enlarged, the window whose total is the median of the runs (its parts add up);
/// every run is kept. <paramref name="ScreenLowMaxBitrate"/> is the small screen's cap as the product sets it (bits/s).
/// </summary>
public sealed record UploadResult(UploadSample Off, UploadSample On, UploadSample Enlarged, double ScreenLowMaxBitrate, IReadOnlyList<UploadRun> Runs)
{
    public static UploadResult Of(IReadOnlyList<UploadRun> runs, double screenLowMaxBitrate) =>
        new(MedianOf(runs.Select(r => r.Off)), MedianOf(runs.Select(r => r.On)), MedianOf(runs.Select(r => r.Enlarged)), screenLowMaxBitrate, runs);

    private static UploadSample MedianOf(IEnumerable<UploadSample> samples)
    {
        var sorted = samples.OrderBy(s => s.TotalBytesPerSecond).ToList();
        return sorted[(sorted.Count - 1) / 2];
    }
}

/// <summary>
/// Scenario 7: the student's exam page's renderer CPU (percent of one core) without and with face checks (an exam without ID check, so no face described),
/// and the same detectors in a tab of their own without face checks and with them and an ID photo, where each check's
/// time was taken. <see cref="Checks"/> are all of them, as the product runs them (every fifth describes the face);
/// <see cref="PlainChecks"/> and <see cref="DescribingChecks"/> the two kinds apart.
/// </summary>
public sealed record FaceResult(string Camera, string CameraSize, double ExamPageOffPercent, double ExamPageOnPercent, double ExamBrowserOffPercent, double ExamBrowserOnPercent,
    double DetectorsOffPercent, double DetectorsWithPhotoPercent, LatencyStats Checks, LatencyStats? PlainChecks, LatencyStats? DescribingChecks, List<CheckTime> CheckTimes,
    double WindowSeconds, double ChecksSeconds, double LoadAverageBefore, double LoadAverageAfter);

/// <summary>One face check of the camera: how long it took, whether it described the face, how many faces it saw.</summary>
public sealed record CheckTime(double Ms, bool Described, int Faces);
