using System.Text.Json;
using Microsoft.Playwright;

namespace ProctorWeb.Bench;

/// <summary>
/// Scenario 5: N students in the exam, then the proctor opens the monitor: how long until every tile shows video,
/// and over a measuring window each tile's decoded frame rate, the share of frames dropped, and the CPU used.
/// Students stay in the exam as N grows; the monitor is opened afresh for each N and closed afterwards, so while
/// students are being added nobody streams. Each student has a browser of their own, as each has a computer of
/// their own: exam pages as contexts of one browser share its capture device and compositor, and there the camera
/// checks' sampling of the self-view throttled every page's camera to 6 frames a second (to 3 when sampling every
/// second instead of every half second; full rate when every 10 s), which no student's own computer would do.
/// </summary>
public sealed class GridBenchmark(Func<Task<BenchBrowser>> launchStudent, BenchBrowser proctor, BenchServer.ExamSetup exam, int appProcessId) : IAsyncDisposable
{
    /// <summary>Warm-up after the last tile went live (encoders ramp up bitrate), then the window that is measured.</summary>
    internal static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(3);
    internal static readonly TimeSpan Window = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Inbound video of every open peer connection on the monitor, keyed by peer and report id (as JSON text, parsed as is);
    /// <c>inView</c> when a video element showing that track is inside the window.
    /// </summary>
    private const string InboundVideo = """
        async () => {
            const tiles = {};
            // By the track objects on screen: ids may repeat across peers (the sender farm's students share one camera).
            const inView = new Set([...document.querySelectorAll('video')].filter(v => {
                const r = v.getBoundingClientRect();
                return r.width > 0 && r.bottom > 0 && r.top < innerHeight && r.right > 0 && r.left < innerWidth;
            }).flatMap(v => v.srcObject?.getVideoTracks() ?? []));
            for (const [index, pc] of window.__probe.peers.entries()) {
                if (pc.connectionState === 'closed') continue;
                const shown = pc.getReceivers().some(r => inView.has(r.track));
                (await pc.getStats()).forEach(r => {
                    if (r.type !== 'inbound-rtp' || r.kind !== 'video') return;
                    tiles[`${index}/${r.id}`] = {
                        received: r.framesReceived ?? 0, decoded: r.framesDecoded ?? 0, dropped: r.framesDropped ?? 0,
                        width: r.frameWidth ?? 0, height: r.frameHeight ?? 0,
                        packets: r.packetsReceived ?? 0, lost: r.packetsLost ?? 0, freezes: r.freezeCount ?? 0,
                        inView: shown,
                    };
                });
            }
            return JSON.stringify({ at: performance.now(), tiles });
        }
        """;

    /// <summary>What limits each student's video encoder (WebRTC's own verdict: "cpu", "bandwidth" or "none").</summary>
    private const string OutboundVideo = """
        async () => {
            for (const pc of window.__probe.peers) {
                if (pc.connectionState !== 'connected') continue;
                let found = null;
                const stats = await pc.getStats();
                stats.forEach(r => {
                    if (r.type !== 'outbound-rtp' || r.kind !== 'video') return;
                    found = {
                        fps: r.framesPerSecond ?? 0, limitation: r.qualityLimitationReason ?? 'unknown',
                        width: r.frameWidth ?? 0, height: r.frameHeight ?? 0,
                        encodeMsPerFrame: r.framesEncoded ? 1000 * r.totalEncodeTime / r.framesEncoded : 0,
                        limitationShares: r.qualityLimitationDurations ?? {},
                        sourceFps: stats.get(r.mediaSourceId)?.framesPerSecond ?? 0,
                        cameraFps: window.__probe.streams.at(-1)?.getVideoTracks()[0]?.getSettings().frameRate ?? 0,
                    };
                });
                if (found) return JSON.stringify(found);
            }
            return null;
        }
        """;

    // Every student browser launched, even one whose student failed to join, so all of them are closed.
    private readonly List<BenchBrowser> _browsers = [];
    private readonly List<IPage> _joined = [];

    public async Task<GridResult> MeasureAsync(IBrowserContext teacher, int size)
    {
        while (_joined.Count < size)
        {
            var student = await launchStudent();
            _browsers.Add(student);
            try
            {
                var page = await student.PassDeviceCheckAsync(await student.NewContextAsync(), exam.Links[_joined.Count]);
                await BenchBrowser.ContinueButton(page).ClickAsync();
                await BenchBrowser.ExpectInExamAsync(page);
                _joined.Add(page);
            }
            catch (Exception ex) when (ex is PlaywrightException or TimeoutException)
            {
                var problem = $"student {_joined.Count + 1} of {size} could not join with {_joined.Count} already in the exam: {ex.Message.Split('\n')[0].Trim()}";
                Console.WriteLine($"Grid of {size}: {problem}");
                return GridResult.NotReached(size, problem);
            }
        }

        var monitor = await proctor.OpenMonitorAsync(teacher, exam.ExamId);
        try
        {
            var allLive = await AllLiveAsync(monitor, exam.Names.Take(size));
            var configuredFps = await monitor.EvaluateAsync<double>("async () => (await import('/js/senderEncodings.js')).tileQuality.low.maxFramerate");

            await Task.Delay(WarmUp);
            var (statsBefore, cpuBefore) = (await InboundVideoAsync(monitor), ProcessCpu.Read());
            await Task.Delay(Window);
            var (statsAfter, cpuAfter) = (await InboundVideoAsync(monitor), ProcessCpu.Read());
            var senders = new List<JsonElement>();
            foreach (var page in _joined)
            {
                if (await page.EvaluateAsync<string?>(OutboundVideo) is { } sender)
                {
                    senders.Add(JsonDocument.Parse(sender).RootElement);
                }
            }

            var seconds = (statsAfter.GetProperty("at").GetDouble() - statsBefore.GetProperty("at").GetDouble()) / 1000;
            var tiles = Rates(statsBefore.GetProperty("tiles"), statsAfter.GetProperty("tiles"), seconds);
            var fps = tiles.Select(t => t.DecodedFps).Order().ToList();
            var received = tiles.Sum(t => t.FramesReceived);
            var cpu = new CpuUse(
                ProcessCpu.MachinePercent(cpuBefore, cpuAfter),
                ProcessCpu.TreePercent(cpuBefore, cpuAfter, ProcessCpu.FindProcesses(_browsers[0].Marker)),
                ProcessCpu.TreePercent(cpuBefore, cpuAfter, ProcessCpu.FindProcesses(proctor.Marker)),
                ProcessCpu.TreePercent(cpuBefore, cpuAfter, [appProcessId]));
            var result = new GridResult(size, allLive, configuredFps, seconds,
                fps.Count > 0 ? fps[0] : 0, fps.Count > 0 ? fps[fps.Count / 2] : 0,
                received > 0 ? (double)tiles.Sum(t => t.FramesDropped) / received : 0, cpu, tiles, senders);
            Console.WriteLine($"Grid of {size}: {(result.AllLiveMs is { } ms ? $"all live after {ms:0} ms" : "not all live")}; {tiles.Count} tiles, fps min {result.MinFps:0.0} median {result.MedianFps:0.0} (configured {configuredFps}), dropped {result.DroppedShare:P1}; senders limited by {string.Join(", ", senders.GroupBy(x => x.GetProperty("limitation").GetString()).Select(g => $"{g.Key} x{g.Count()}"))}, sending {string.Join(" ", senders.Select(x => x.GetProperty("fps").GetDouble().ToString("0", System.Globalization.CultureInfo.InvariantCulture) + "/" + x.GetProperty("sourceFps").GetDouble().ToString("0", System.Globalization.CultureInfo.InvariantCulture)))} fps (encoded/camera); CPU machine {cpu.MachineBusyPercentOfAllCores:0}% of all cores, students {cpu.StudentsBrowser:0}%, proctor {cpu.ProctorBrowser:0}%, app {cpu.App:0}% of a core.");
            return result;
        }
        finally
        {
            await monitor.CloseAsync();
        }
    }

    /// <summary>
    /// From the monitor's navigation to the last of these students' first presented frame, in ms; null when one never came.
    /// A grid the machine cannot carry is a result too: it is measured as it is, without the time to all live.
    /// </summary>
    internal static async Task<double?> AllLiveAsync(IPage monitor, IEnumerable<string> names)
    {
        var opened = await monitor.EvaluateAsync<double>("() => performance.timeOrigin");
        var lastTile = 0.0;
        foreach (var name in names)
        {
            try
            {
                lastTile = Math.Max(lastTile, await BenchBrowser.FirstFrameAsync(monitor, name));
            }
            catch (TimeoutException ex)
            {
                Console.WriteLine(ex.Message);
                return null;
            }
        }
        return lastTile - opened;
    }

    internal static async Task<JsonElement> InboundVideoAsync(IPage monitor) =>
        JsonDocument.Parse(await monitor.EvaluateAsync<string>(InboundVideo)).RootElement;

    /// <summary>Per tile, what happened between two readings; a tile whose peer was replaced in between does not count.</summary>
    internal static List<TileRate> Rates(JsonElement before, JsonElement after, double seconds)
    {
        var rates = new List<TileRate>();
        foreach (var tile in after.EnumerateObject())
        {
            if (!before.TryGetProperty(tile.Name, out var start))
            {
                continue;
            }
            long Delta(string name) => tile.Value.GetProperty(name).GetInt64() - start.GetProperty(name).GetInt64();
            rates.Add(new TileRate(Delta("decoded") / seconds, Delta("received") / seconds, Delta("received"), Delta("decoded"), Delta("dropped"),
                tile.Value.GetProperty("width").GetInt32(), tile.Value.GetProperty("height").GetInt32(), tile.Value.GetProperty("inView").GetBoolean()));
        }
        return rates;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var browser in _browsers)
        {
            await browser.DisposeAsync();
        }
        _browsers.Clear();
        _joined.Clear();
    }
}
