using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ProctorWeb.Data;

namespace ProctorWeb.E2E.Support;

/// <summary>The real app on Kestrel at 127.0.0.1 on a free port, with a database file of its own.</summary>
public sealed class AppServer : WebApplicationFactory<Program>
{
    static AppServer()
    {
        // Each app's file watchers would cost inotify instances (128 per user on Linux, shared with
        // every other process); tests never edit settings or static files, so read once and poll.
        Environment.SetEnvironmentVariable("DOTNET_hostBuilder__reloadConfigOnChange", "false");
        Environment.SetEnvironmentVariable("DOTNET_USE_POLLING_FILE_WATCHER", "true");
    }

    private readonly string _directory;
    private bool _ownsDirectory;
    private readonly Dictionary<string, string?> _settings = new();

    public AppServer(IDictionary<string, string?>? settings = null) : this(settings, restartOf: null)
    {
    }

    /// <summary>With <paramref name="restartOf"/>: the same app again, on the same port and data, as after a restart.</summary>
    private AppServer(IDictionary<string, string?>? settings, AppServer? restartOf)
    {
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            _settings[key] = value;
        }
        _directory = restartOf?._directory ?? Directory.CreateTempSubdirectory("proctorweb-e2e-").FullName;
        _ownsDirectory = true;
        UseKestrel(o => o.Listen(IPAddress.Loopback, restartOf?.Port ?? 0));
        StartServer();
        BaseUrl = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single().TrimEnd('/');
    }

    public string BaseUrl { get; }

    public int Port => new Uri(BaseUrl).Port;

    /// <summary>Returns once the attendance queued so far is stored: the app writes it behind the hub, a moment after the event.</summary>
    public Task AttendanceWrittenAsync() => Services.GetRequiredService<ProctorWeb.Exams.AttendanceRecorder>().WrittenAsync();

    /// <summary>Stops this app and starts it again on the same port with the same database and keys.</summary>
    public async Task<AppServer> RestartAsync()
    {
        // The data outlives this instance: the new one deletes it when it is disposed.
        _ownsDirectory = false;
        await DisposeAsync();
        return new AppServer(_settings, restartOf: this);
    }

    public string Url(string path) => BaseUrl + path;

    /// <summary>Where the app writes mails, having no SMTP server here (Email:PickupFolder).</summary>
    public string MailPath => Path.Combine(_directory, "mail");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.ConfigureAppConfiguration(config => config.AddInMemoryCollection(new Dictionary<string, string?>(_settings)
        {
            ["ConnectionStrings:Default"] = $"Data Source={Path.Combine(_directory, "e2e.db")}",
            ["Exams:InvitationKeyFile"] = Path.Combine(_directory, "invitation.key"),
            ["Clips:DataPath"] = Path.Combine(_directory, "clips"),
            ["Email:PickupFolder"] = MailPath,
            // Fifty apps' start-up chatter buried the one failure in the log a run leaves; warnings from the app stay.
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Microsoft.EntityFrameworkCore.Migrations"] = "Error",
            ["Logging:LogLevel:Microsoft.AspNetCore.DataProtection"] = "Error",
        }));
        // Hashing cost is no behaviour a browser sees, and at 100,000 rounds each account made and each sign-in
        // cost a core for a noticeable moment beside the browsers' video. Hashes keep their own round count.
        builder.ConfigureTestServices(services => services.Configure<PasswordHasherOptions>(o => o.IterationCount = 1_000));
    }

    /// <summary>Creates an account directly, for journeys that are not about registering.</summary>
    public async Task<TestUser> CreateUserAsync(string displayName, string role = Roles.Teacher)
    {
        using var scope = Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var email = $"{displayName.ToLowerInvariant()}-{Guid.NewGuid():N}@school.test";
        var user = new AppUser { UserName = email, Email = email, DisplayName = displayName, EmailConfirmed = true };
        var result = await users.CreateAsync(user, TestUser.Password);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Description)));
        await users.AddToRoleAsync(user, role);
        return new TestUser(user.Id, displayName, email);
    }

    /// <summary>An exam with students, made directly, for journeys that are not about scheduling. Returns each student's link.</summary>
    public Task<(int ExamId, IReadOnlyList<string> Links)> CreateExamAsync(TestUser owner, DateTime startsAtUtc, int durationMinutes, params string[] students) =>
        CreateExamAsync(owner, startsAtUtc, durationMinutes, requireFullscreen: false, students);

    public Task<(int ExamId, IReadOnlyList<string> Links)> CreateExamAsync(TestUser owner, DateTime startsAtUtc, int durationMinutes, bool requireFullscreen, params string[] students) =>
        CreateExamAsync(owner, startsAtUtc, durationMinutes, exam => exam.RequireFullscreen = requireFullscreen, students);

    /// <summary>The same, with <paramref name="settings"/> applied to the exam before it is stored (<c>exam => exam.RequireScreenShare = true</c>).</summary>
    public async Task<(int ExamId, IReadOnlyList<string> Links)> CreateExamAsync(TestUser owner, DateTime startsAtUtc, int durationMinutes, Action<Exam> settings, params string[] students)
    {
        using var scope = Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var exam = new Exam { Title = "Chemistry quiz", Instructions = "Answer every question.", OwnerId = owner.Id, StartsAtUtc = startsAtUtc, DurationMinutes = durationMinutes, LateJoinMinutes = Math.Min(10, durationMinutes), CreatedAtUtc = DateTime.UtcNow };
        settings(exam);
        db.Exams.Add(exam);
        await db.SaveChangesAsync();
        var roster = scope.ServiceProvider.GetRequiredService<ProctorWeb.Exams.RosterService>();
        await roster.AddAsync(exam.Id, students.Select(name => new ProctorWeb.Exams.RosterLines.Student(name, $"{name.ToLowerInvariant()}@school.test")));
        var codes = scope.ServiceProvider.GetRequiredService<ProctorWeb.Exams.InvitationCodes>();
        var links = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(
            db.Roster.Where(r => r.ExamId == exam.Id).OrderBy(r => r.Id).Select(r => r.InvitationNonce));
        return (exam.Id, links.Select(nonce => Url($"/Join/{codes.SecretFor(nonce)}")).ToList());
    }

    /// <summary>Moves an exam's start, as the schedule form does: stored, then every waiting student's page follows.</summary>
    public async Task MoveStartAsync(int examId, DateTime startsAtUtc)
    {
        using var scope = Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var exam = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.Exams, e => e.Id == examId);
        exam.StartsAtUtc = startsAtUtc;
        await db.SaveChangesAsync();
        await Services.GetRequiredService<ProctorWeb.Exams.Live.LiveExamCommands>().ExamTimesChangedAsync(exam);
    }

    /// <summary>Sets an exam's checks and admission, as the schedule form would.</summary>
    public async Task ConfigureExamAsync(int examId, Action<Exam> configure)
    {
        using var scope = Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        configure(await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.Exams, e => e.Id == examId));
        await db.SaveChangesAsync();
    }

    /// <summary>The flags stored for a student (by roster name), oldest first.</summary>
    public async Task<List<Flag>> FlagsOfAsync(string student)
    {
        using var scope = Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(
            Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.AsNoTracking(db.Flags).Where(f => f.RosterEntry!.Name == student).OrderBy(f => f.Id));
    }

    /// <summary>The clips stored for a student (by roster name), whole or not, oldest first.</summary>
    public async Task<List<Clip>> ClipsOfAsync(string student)
    {
        using var scope = Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(
            Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.AsNoTracking(db.Clips).Where(c => c.RosterEntry!.Name == student).OrderBy(c => c.Id));
    }

    /// <summary>Where this app keeps its clip files.</summary>
    public string ClipFolder => Path.Combine(_directory, "clips");

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
            // A file still held open by a closing connection is left for the OS to clean up.
        }
    }
}

public sealed record TestUser(string Id, string DisplayName, string Email)
{
    public const string Password = "Correct-horse-9";
}
