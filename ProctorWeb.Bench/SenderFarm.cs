using System.Text.Json;
using Microsoft.Playwright;

namespace ProctorWeb.Bench;

/// <summary>
/// Many students' senders in one page, for measuring the proctor's page alone (issue 17). What a proctor receives from a
/// student comes from the exam page's proctorLinks.js: one peer per proctor (peer.js, perfect negotiation, the student
/// impolite), the camera and microphone from video.js at the exam camera's settings, the tile encoding, SetQuality
/// answered. The farm runs that same module once per student in one page of its own Chromium, all fed from one camera;
/// what the exam page does besides (face checks, clip recorders, the self-view) never reaches the proctor and is left
/// out. Each student's signaling goes through the real hub as that student (their invitation cookie, JoinAsStudent,
/// Ready), relayed between the hub and the page in order, one student's messages after another's never reordered.
/// </summary>
public sealed class SenderFarm : IAsyncDisposable
{
    /// <summary>
    /// In the farm's page: one createProctorLinks per student, fed the hub's events as examRoom.js feeds them, and
    /// sending through the exposed <c>farmSend</c>. Returns once the camera is open.
    /// </summary>
    private const string Script = """
        async () => {
            const { createProctorLinks } = await import('/js/proctorLinks.js');
            const { openCameraAndMicrophone, examCamera } = await import('/js/video.js');
            const camera = await openCameraAndMicrophone(examCamera);
            const students = new Map();
            // Each student a stream of their own, as on their own computer (ids differ), from the one capture.
            const cameras = new Map();
            const cameraOf = student => {
                if (!cameras.has(student)) cameras.set(student, new MediaStream(camera.getTracks().map(track => track.clone())));
                return cameras.get(student);
            };
            const linksOf = student => {
                if (!students.has(student)) {
                    students.set(student, createProctorLinks({
                        // The bench's app has no TURN server: its pages' data-ice-servers is [] too.
                        peerSettings: { iceServers: [], iceTransportPolicy: 'all' },
                        send: (proctorId, message) => window.farmSend(student, proctorId, JSON.stringify(message)),
                        talk: { panel: document.createElement('div'), heading: document.createElement('h2'), video: document.createElement('video') },
                        onReachable: () => {},
                        say: text => console.warn(`Student ${student}: ${text}`),
                    }));
                }
                return students.get(student);
            };
            Object.defineProperty(window, '__farm', { value: {
                // As examRoom.js: a state (Ready's answer, PhaseChanged) connects to every proctor it lists.
                deliver(student, target, args) {
                    const links = linksOf(student);
                    switch (target) {
                        case 'PhaseChanged': for (const proctorId of args[0].proctors) links.connect(proctorId, cameraOf(student)); break;
                        case 'ProctorJoined': links.connect(args[0], cameraOf(student)); break;
                        case 'ProctorLeft': links.disconnect(args[0]); break;
                        case 'Signal': links.receive(args[0], args[1]); break;
                        case 'QualityRequested': links.setQuality(args[0], args[1]); break;
                    }
                },
            } });
        }
        """;

    /// <summary>Every connected sending peer's video so far, by peer: frames encoded and sent, and what limits its encoder now.</summary>
    private const string OutboundVideo = """
        async () => {
            const at = performance.now();
            const senders = {};
            for (const [index, pc] of window.__probe.peers.entries()) {
                if (pc.connectionState !== 'connected') continue;
                (await pc.getStats()).forEach(r => {
                    if (r.type !== 'outbound-rtp' || r.kind !== 'video') return;
                    senders[`${index}/${r.id}`] = { encoded: r.framesEncoded ?? 0, sent: r.framesSent ?? 0, limitation: r.qualityLimitationReason ?? 'unknown' };
                });
            }
            return JSON.stringify({ at, senders });
        }
        """;

    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(30);

    private readonly BenchBrowser _browser;
    private readonly IPage _page;
    private readonly List<HubClient> _students = [];
    private readonly List<InOrder> _toPage = [];
    private readonly List<InOrder> _toHub = [];
    private readonly CancellationTokenSource _stopPinging = new();
    private Task _pinger = Task.CompletedTask;
    private int _sent;
    private int _delivered;
    private volatile bool _closing;

    private SenderFarm(BenchBrowser browser, IPage page)
    {
        _browser = browser;
        _page = page;
    }

    public string Marker => _browser.Marker;

    /// <summary>Hub messages sent by the farm's students and handed to them so far: a steady grid signals next to nothing.</summary>
    public (int Sent, int Delivered) Messages => (Volatile.Read(ref _sent), Volatile.Read(ref _delivered));

    /// <summary>Launches the farm's Chromium (the students' fake camera and microphone) and opens its page with the product's modules.</summary>
    public static async Task<SenderFarm> StartAsync(IPlaywright playwright, ChildServer server, string media)
    {
        // At the lowest priority: on this 2-core machine the farm must not take the CPU the proctor's page needs (a
        // proctor's computer runs no students' encoders); what the farm fails to send shows in its own figures.
        var browser = await BenchBrowser.LaunchAsync(playwright, server, media, E2E.Support.FakeCamera.Red, "sender-farm", niceness: 19);
        var page = await (await browser.NewContextAsync()).NewPageAsync();
        var farm = new SenderFarm(browser, page);
        page.Console += (_, message) => { if (message.Type is "error" or "warning") Console.WriteLine($"[farm] {message.Text}"); };
        await page.ExposeFunctionAsync("farmSend", (int student, string to, string message) => farm.Send(student, to, message));
        await page.GotoAsync(browser.Url(BenchServer.FarmPath));
        await page.EvaluateAsync(Script);
        return farm;
    }

    /// <summary>Each student takes their invitation, connects to the exam's hub, joins and passes Ready, as the exam page does.</summary>
    public async Task JoinAsync(ChildServer server, BenchServer.ExamSetup exam, int students)
    {
        var cookies = await BenchForms.RedeemAllAsync(server.Http, server.BaseUri, exam.Links.Take(students).ToList());
        foreach (var cookie in cookies)
        {
            var index = _students.Count;
            _toPage.Add(new InOrder());
            _toHub.Add(new InOrder());
            var client = await HubClient.ConnectAsync(server.Http, server.BaseUri, cookie, Exams.ExamHub.PathFor(exam.ExamId), CancellationToken.None);
            _students.Add(client);
            // Read now: the arguments' document is gone once this returns.
            client.Received = (target, args, _) => Deliver(index, target, args.GetRawText());
            await client.InvokeAsync("JoinAsStudent", [], CallTimeout);
            var state = await client.InvokeAsync("Ready", [], CallTimeout);
            Deliver(index, "PhaseChanged", $"[{state.GetRawText()}]");
        }
        _pinger = HubClient.PingEveryTwoSecondsAsync(() => _students, _stopPinging.Token);
    }

    /// <summary>The farm's connected senders' video counts, summed, at one moment; two readings give rates (see <see cref="FarmSending"/>).</summary>
    public async Task<JsonElement> SendersAsync() => JsonDocument.Parse(await _page.EvaluateAsync<string>(OutboundVideo)).RootElement;

    private void Deliver(int student, string target, string args)
    {
        // Closing the monitor tells every student it left while the farm itself is closing.
        if (_closing)
        {
            return;
        }
        Interlocked.Increment(ref _delivered);
        _toPage[student].Post(() => _closing ? Task.CompletedTask
            : _page.EvaluateAsync("([student, target, args]) => window.__farm.deliver(student, target, JSON.parse(args))", new object[] { student, target, args }));
    }

    private bool Send(int student, string to, string message)
    {
        Interlocked.Increment(ref _sent);
        var parsed = JsonDocument.Parse(message).RootElement;
        _toHub[student].Post(() => _students[student].InvokeAsync("Signal", [to, parsed], CallTimeout));
        return true;
    }

    public async ValueTask DisposeAsync()
    {
        _closing = true;
        await _stopPinging.CancelAsync();
        await _pinger;
        foreach (var student in _students)
        {
            await student.DisposeAsync();
        }
        await _browser.DisposeAsync();
        _stopPinging.Dispose();
    }

    /// <summary>Work run one after another in the order posted; a failure is told and the next runs anyway.</summary>
    private sealed class InOrder
    {
        private readonly Lock _gate = new();
        private Task _last = Task.CompletedTask;

        public void Post(Func<Task> work)
        {
            lock (_gate)
            {
                _last = _last.ContinueWith(async _ =>
                {
                    try
                    {
                        await work();
                    }
                    catch (Exception ex) when (ex is PlaywrightException or InvalidOperationException or TimeoutException)
                    {
                        Console.WriteLine($"[farm] {ex.Message.Split('\n')[0]}");
                    }
                }, TaskScheduler.Default).Unwrap();
            }
        }
    }
}
