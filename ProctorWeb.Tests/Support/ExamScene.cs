using System.Net;
using Microsoft.Extensions.DependencyInjection;
using ProctorWeb.Data;
using ProctorWeb.Exams;

namespace ProctorWeb.Tests.Support;

/// <summary>
/// One app with a signed-in teacher who owns one exam, and ways to put students, attendance and flags
/// straight into its database (the hub would write them; these tests are about what proctors see and decide).
/// </summary>
public sealed class ExamScene : IAsyncDisposable
{
    // Each app gets its own invitation key, so parallel tests never race to create the shared default file.
    private readonly string _keyPath = Path.Combine(Path.GetTempPath(), $"proctorweb-tests-{Guid.NewGuid():N}.key");

    private ExamScene(IReadOnlyDictionary<string, string?>? settings)
    {
        var values = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>()) { ["Exams:InvitationKeyFile"] = _keyPath };
        App = new ProctorWebApplication(values);
    }

    public ProctorWebApplication App { get; }
    public SignedInUser Teacher { get; private set; } = null!;
    public int ExamId { get; private set; }
    public DateTime StartsAtUtc { get; private set; }

    /// <summary>An exam that started <paramref name="startedMinutesAgo"/> minutes ago (negative: starts later), lasts an hour and lets students join for half of it.</summary>
    /// <param name="settings">Configuration beside the app's own, such as a lower limit to reach.</param>
    public static async Task<ExamScene> StartAsync(int startedMinutesAgo = 10, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var scene = new ExamScene(settings);
        try
        {
            await scene.CreateExamAsync(startedMinutesAgo);
            return scene;
        }
        catch
        {
            // The caller never gets the scene to dispose, so its app and files go here.
            await scene.DisposeAsync();
            throw;
        }
    }

    private async Task CreateExamAsync(int startedMinutesAgo)
    {
        Teacher = await SignInTeacherAsync("Grace Hopper");
        var startsAt = DateTime.UtcNow.AddMinutes(-startedMinutesAgo);
        // Whole seconds, so durations and the HH:mm:ss in button names come out exactly as tests compute them.
        StartsAtUtc = new DateTime(startsAt.Ticks - startsAt.Ticks % TimeSpan.TicksPerSecond, DateTimeKind.Utc);
        ExamId = await DbAsync(async db =>
        {
            var exam = new Exam
            {
                Title = "Algebra final", StartsAtUtc = StartsAtUtc, DurationMinutes = 60, LateJoinMinutes = 30,
                OwnerId = Teacher.User.Id, CreatedAtUtc = DateTime.UtcNow,
            };
            db.Exams.Add(exam);
            await db.SaveChangesAsync();
            return exam.Id;
        });
    }

    public async Task<SignedInUser> SignInTeacherAsync(string name) => await App.SignInAsync(await App.CreateUserAsync(name, Roles.Teacher));

    public async Task<SignedInUser> AddCoProctorAsync(string name)
    {
        var coProctor = await SignInTeacherAsync(name);
        await DbAsync(db =>
        {
            db.ExamProctors.Add(new ExamProctor { ExamId = ExamId, UserId = coProctor.User.Id });
            return db.SaveChangesAsync();
        });
        return coProctor;
    }

    public Task<RosterEntry> AddStudentAsync(string name, string? email = null) => DbAsync(async db =>
    {
        var (nonce, hash) = App.Services.GetRequiredService<InvitationCodes>().NewInvitation();
        var entry = new RosterEntry { ExamId = ExamId, Name = name, Email = email ?? $"{Guid.NewGuid():N}@example.test", InvitationNonce = nonce, InvitationHash = hash };
        db.Roster.Add(entry);
        await db.SaveChangesAsync();
        return entry;
    });

    public Task AttendAsync(int rosterId, params (string Kind, DateTime AtUtc)[] events) => DbAsync(db =>
    {
        db.Attendance.AddRange(events.Select(e => new AttendanceEvent { RosterEntryId = rosterId, Kind = e.Kind, AtUtc = e.AtUtc }));
        return db.SaveChangesAsync();
    });

    public Task<Flag> FlagAsync(int rosterId, string kind, DateTime startedAtUtc, DateTime? endedAtUtc = null) => DbAsync(async db =>
    {
        var flag = new Flag { RosterEntryId = rosterId, ClientId = Guid.NewGuid().ToString("N"), Kind = kind, StartedAtUtc = startedAtUtc, EndedAtUtc = endedAtUtc };
        db.Flags.Add(flag);
        await db.SaveChangesAsync();
        return flag;
    });

    /// <summary>The student's personal link, as the details page shows it.</summary>
    /// <summary>
    /// A clip row of 20 s from <paramref name="startedAtUtc"/> as a student's page would have sent it, for a flag or
    /// (with <paramref name="flagId"/> null) a keep request; no file, for pages that only list clips.
    /// </summary>
    public Task<Clip> ClipAsync(int rosterId, long? flagId, DateTime startedAtUtc, bool complete = true, long? requestId = null, string source = ClipSources.Camera) => DbAsync(async db =>
    {
        var clip = new Clip
        {
            RosterEntryId = rosterId, Kind = flagId is null ? ClipKinds.Kept : ClipKinds.Flag, FlagId = flagId, RequestId = requestId, Source = source,
            MimeType = "video/webm", StartedAtUtc = startedAtUtc, EndedAtUtc = startedAtUtc.AddSeconds(20),
            DeclaredBytes = 10, ReceivedBytes = complete ? 10 : 5, Complete = complete,
            Sha256 = complete ? new string('a', 64) : null, FileName = Guid.NewGuid().ToString("N"), CreatedAtUtc = startedAtUtc,
        };
        db.Clips.Add(clip);
        await db.SaveChangesAsync();
        return clip;
    });

    public string JoinPath(RosterEntry entry) => $"/Join/{App.Services.GetRequiredService<InvitationCodes>().SecretFor(entry.InvitationNonce)}";

    public string StudentPath(int rosterId) => $"/Exams/{ExamId}/Students/{rosterId}";

    public string ReportPath => $"/Exams/{ExamId}/Report";

    public async Task<T> DbAsync<T>(Func<AppDbContext, Task<T>> use)
    {
        using var scope = App.Services.CreateScope();
        return await use(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    public Task DbAsync(Func<AppDbContext, Task> use) => DbAsync(async db => { await use(db); return true; });

    /// <summary>The page's text with entities decoded, after checking it answered 200.</summary>
    public static async Task<string> ReadPageAsync(HttpClient browser, string path)
    {
        var response = await browser.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        File.Delete(_keyPath);
    }
}
