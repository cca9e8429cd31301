using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Options;
using ProctorWeb.Data;
using ProctorWeb.Evidence;
using ProctorWeb.Exams;

namespace ProctorWeb.Bench;

/// <summary>
/// The real app on Kestrel at 127.0.0.1, with a database file of its own, plus two endpoints that exist only in
/// this host: a memory reading after a full GC, and an empty page for the sender farm.
/// </summary>
public sealed class BenchServer : WebApplicationFactory<Program>
{
    public const string MemoryPath = "/bench/memory";

    /// <summary>An empty page of the app's origin, where the sender farm imports the product's modules (see SenderFarm).</summary>
    public const string FarmPath = "/bench/farm";
    public const string TeacherPassword = "Correct-horse-9";

    /// <summary>
    /// The benchmark measures relaying, not throttling: one sender makes thousands of calls in a few seconds,
    /// which the product's per-connection limit (50/s, burst 200) would rightly refuse.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string?> RaisedLimits = new Dictionary<string, string?>
    {
        ["HubRateLimit:PermitsPerSecond"] = "10000",
        ["HubRateLimit:Burst"] = "100000",
        ["HubRateLimit:CloseAfterRefusals"] = "1000000",
    };

    static BenchServer()
    {
        // As in ProctorWeb.E2E: no file watchers, settings are read once.
        Environment.SetEnvironmentVariable("DOTNET_hostBuilder__reloadConfigOnChange", "false");
        Environment.SetEnvironmentVariable("DOTNET_USE_POLLING_FILE_WATCHER", "true");
    }

    private readonly string _directory;
    private readonly bool _ownsDirectory;

    /// <param name="directory">The database and keys of an earlier process to start again with (the reconnect storm's restart), or a new temporary folder.</param>
    /// <param name="port">0 for any free port.</param>
    public BenchServer(string? directory = null, int port = 0)
    {
        _ownsDirectory = directory is null;
        _directory = directory ?? Directory.CreateTempSubdirectory("proctorweb-bench-").FullName;
        UseKestrel(o => o.Listen(IPAddress.Loopback, port));
        StartServer();
        BaseUrl = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single().TrimEnd('/');
    }

    public string BaseUrl { get; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.ConfigureAppConfiguration(config => config.AddInMemoryCollection(new Dictionary<string, string?>(RaisedLimits)
        {
            ["ConnectionStrings:Default"] = $"Data Source={Path.Combine(_directory, "bench.db")}",
            ["Exams:InvitationKeyFile"] = Path.Combine(_directory, "invitation.key"),
            ["Clips:DataPath"] = Path.Combine(_directory, "clips"),
            // Per-request log lines would measure the console, not the app.
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Warning",
        }));
        builder.ConfigureServices(services => services.AddSingleton<IStartupFilter, BenchEndpoints>());
    }

    /// <summary>
    /// A teacher and eight exams that are running now: one with <paramref name="students"/> roster entries for the hub
    /// scenarios, one with <paramref name="firstFrameRuns"/> for the browser join runs, one with <see cref="MaxGridSize"/>
    /// for the proctor grid (and another as many for the sender farm's grid), two with <see cref="UploadRuns"/> for the student's upload, without and with screen
    /// sharing, one student each in an exam without and with face checks, and one with <see cref="ClipRuns"/> for the
    /// clips. Returns the join links, and the clip quota the app was configured with.
    /// </summary>
    public async Task<Setup> PrepareAsync(int students, int firstFrameRuns)
    {
        using var scope = Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var email = "bench-teacher@school.test";
        var teacher = new AppUser { UserName = email, Email = email, DisplayName = "Bench Teacher", EmailConfirmed = true };
        Check(await users.CreateAsync(teacher, TeacherPassword));
        Check(await users.AddToRoleAsync(teacher, Roles.Teacher));

        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var codes = scope.ServiceProvider.GetRequiredService<InvitationCodes>();
        var hub = await AddExamAsync(db, codes, teacher, "Benchmark exam", "Student", students);
        var firstFrame = await AddExamAsync(db, codes, teacher, "First frame exam", "Runner", firstFrameRuns);
        var grid = await AddExamAsync(db, codes, teacher, "Grid exam", "Grid student", MaxGridSize);
        var upload = await AddExamAsync(db, codes, teacher, "Upload exam", "Camera only", UploadRuns);
        var screenUpload = await AddExamAsync(db, codes, teacher, "Screen sharing exam", "Screen sharer", UploadRuns, requireScreenShare: true);
        var facesOff = await AddExamAsync(db, codes, teacher, "Exam without face checks", "Student without face checks", 1);
        var facesOn = await AddExamAsync(db, codes, teacher, "Exam with face checks", "Student with face checks", 1, faceChecks: true);
        var clips = await AddExamAsync(db, codes, teacher, "Clips exam", "Recording student", ClipRuns);
        var farmGrid = await AddExamAsync(db, codes, teacher, "Sender farm exam", "Farm student", MaxGridSize);
        var clipQuota = scope.ServiceProvider.GetRequiredService<IOptions<ClipOptions>>().Value.MaxClipsPerStudent;
        return new Setup(BaseUrl, email, TeacherPassword, hub, firstFrame, grid, upload, screenUpload, facesOff, facesOn, clips, clipQuota, farmGrid);
    }

    /// <summary>The largest proctor grid scenario 5 can have (the issue's targets are set for 25).</summary>
    public const int MaxGridSize = 25;

    /// <summary>Scenario 6's runs: each measures one student of each upload exam.</summary>
    public const int UploadRuns = 3;

    /// <summary>Scenario 8's students, one a run: the recorders as the product runs them, the stand-in, and the face camera.</summary>
    public const int ClipRuns = 3;

    private static async Task<ExamSetup> AddExamAsync(AppDbContext db, InvitationCodes codes, AppUser teacher, string title, string namePrefix, int students, bool requireScreenShare = false, bool faceChecks = false)
    {
        var now = DateTime.UtcNow;
        var exam = new Exam { Title = title, Instructions = "None.", OwnerId = teacher.Id, StartsAtUtc = now.AddMinutes(-1), DurationMinutes = 180, LateJoinMinutes = 120, RequireScreenShare = requireScreenShare, FaceChecks = faceChecks, CreatedAtUtc = now };
        db.Exams.Add(exam);
        await db.SaveChangesAsync();
        var names = Enumerable.Range(1, students).Select(i => $"{namePrefix} {i:0000}").ToList();
        var links = new List<string>(students);
        foreach (var name in names)
        {
            var (nonce, hash) = codes.NewInvitation();
            db.Roster.Add(new RosterEntry { ExamId = exam.Id, Name = name, Email = $"{name.Replace(' ', '.').ToLowerInvariant()}@school.test", InvitationNonce = nonce, InvitationHash = hash });
            links.Add($"/Join/{codes.SecretFor(nonce)}");
        }
        await db.SaveChangesAsync();
        return new ExamSetup(exam.Id, names, links);
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (!_ownsDirectory)
        {
            return;
        }
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    public sealed record Setup(string BaseUrl, string TeacherEmail, string TeacherPassword, ExamSetup Hub, ExamSetup FirstFrame, ExamSetup Grid, ExamSetup Upload, ExamSetup ScreenUpload,
        ExamSetup FacesOff, ExamSetup FacesOn, ExamSetup Clips, int MaxClipsPerStudent, ExamSetup FarmGrid);

    public sealed record ExamSetup(int ExamId, IReadOnlyList<string> Names, IReadOnlyList<string> Links);

    /// <summary>Added in front of the app's pipeline in this host only; the product never serves these paths.</summary>
    private sealed class BenchEndpoints : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (context, nextMiddleware) =>
            {
                if (context.Request.Path == MemoryPath)
                {
                    await context.Response.WriteAsJsonAsync(ReadMemory());
                }
                else if (context.Request.Path == FarmPath)
                {
                    context.Response.ContentType = "text/html; charset=utf-8";
                    await context.Response.WriteAsync("<!doctype html><html lang=\"en\"><head><title>Sender farm</title><link rel=\"icon\" href=\"data:,\"></head><body></body></html>");
                }
                else
                {
                    await nextMiddleware(context);
                }
            });
            next(app);
        };

        private static MemoryReading ReadMemory()
        {
            // Twice, so objects freed by finalizers are gone too: the reading is what live state costs.
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            using var process = Process.GetCurrentProcess();
            return new MemoryReading(process.WorkingSet64, GC.GetTotalMemory(forceFullCollection: false), GC.GetGCMemoryInfo().HeapSizeBytes);
        }
    }
}

public sealed record MemoryReading(long WorkingSetBytes, long GcLiveBytes, long GcHeapSizeBytes);

/// <summary>The app runs in a child process, so its memory readings hold no client-side sockets and buffers.</summary>
public static class ServerProcess
{
    public const string Flag = "--serve";

    /// <param name="directory">With a setup.json from an earlier start in it, the app starts again on that database without preparing anything.</param>
    public static async Task<int> RunAsync(int students, int firstFrameRuns, string? directory, int port)
    {
        await using var server = new BenchServer(directory, port);
        var saved = directory is null ? null : Path.Combine(directory, "setup.json");
        BenchServer.Setup setup;
        if (saved is not null && File.Exists(saved))
        {
            setup = JsonSerializer.Deserialize<BenchServer.Setup>(await File.ReadAllTextAsync(saved))!;
        }
        else
        {
            setup = await server.PrepareAsync(students, firstFrameRuns);
            if (saved is not null)
            {
                await File.WriteAllTextAsync(saved, JsonSerializer.Serialize(setup));
            }
        }
        Console.Out.WriteLine("READY " + JsonSerializer.Serialize(setup));
        Console.Out.Flush();
        // The parent closes our stdin when it is done (or dies): then stop.
        await Console.In.ReadToEndAsync();
        return 0;
    }
}
