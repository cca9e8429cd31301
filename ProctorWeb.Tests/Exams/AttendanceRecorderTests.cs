using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ProctorWeb.Data;
using ProctorWeb.Exams;
using ProctorWeb.Tests.Support;

namespace ProctorWeb.Tests.Exams;

/// <summary>Attendance is written behind the hub, in batches; none of it may be lost or mislabelled on the way.</summary>
public class AttendanceRecorderTests
{
    private static AttendanceRecorder Recorder(ProctorWebApplication app) => app.Services.GetRequiredService<AttendanceRecorder>();

    private static async Task<(Invitation Ada, Invitation Bob)> TwoStudentsAsync(ProctorWebApplication app)
    {
        var tess = await app.CreateUserAsync("Tess", Roles.Teacher);
        var examId = await app.CreateExamAsync(tess, TimeSpan.FromMinutes(-1));
        return (await app.InviteAsync(examId, "Ada"), await app.InviteAsync(examId, "Bob"));
    }

    [Fact]
    public async Task AJoinIsRejoinedWhenTheStudentAttendedBeforeInTheDatabaseOrEarlierInTheSameBatch()
    {
        await using var app = new ProctorWebApplication();
        var (ada, bob) = await TwoStudentsAsync(app);
        await app.WithServiceAsync<int, AppDbContext>(db =>
        {
            db.Attendance.Add(new AttendanceEvent { RosterEntryId = bob.RosterId, Kind = AttendanceKinds.Left, AtUtc = DateTime.UtcNow.AddMinutes(-1) });
            return db.SaveChangesAsync();
        });
        var recorder = Recorder(app);

        // Queued back to back, so the writer is likely to take them in one batch.
        await recorder.RecordJoinAsync(ada.RosterId);
        await recorder.RecordAsync(ada.RosterId, AttendanceKinds.Left);
        await recorder.RecordJoinAsync(ada.RosterId);
        await recorder.RecordJoinAsync(bob.RosterId);

        Assert.Equal([AttendanceKinds.Joined, AttendanceKinds.Left, AttendanceKinds.Rejoined], await app.AttendanceAsync(ada.RosterId));
        Assert.Equal([AttendanceKinds.Left, AttendanceKinds.Rejoined], await app.AttendanceAsync(bob.RosterId));
    }

    [Fact]
    public async Task AnEventKeepsTheTimeItHappenedNotTheTimeItWasWritten()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        await using var app = new ProctorWebApplication { Clock = clock };
        var (ada, _) = await TwoStudentsAsync(app);
        var joinedAt = clock.GetUtcNow().UtcDateTime;

        await Recorder(app).RecordJoinAsync(ada.RosterId);
        clock.Advance(TimeSpan.FromMinutes(5));
        await Recorder(app).WrittenAsync();

        var stored = await app.WithServiceAsync<DateTime, AppDbContext>(db => db.Attendance.Where(a => a.RosterEntryId == ada.RosterId).Select(a => a.AtUtc).SingleAsync());
        Assert.Equal(joinedAt, stored);
    }

    [Fact]
    public async Task EveryStudentOfAJoinBurstIsRecordedAsJoinedOnce()
    {
        await using var app = new ProctorWebApplication();
        var tess = await app.CreateUserAsync("Tess", Roles.Teacher);
        var examId = await app.CreateExamAsync(tess, TimeSpan.FromMinutes(-1));
        var invitations = new List<Invitation>();
        for (var i = 0; i < 30; i++)
        {
            invitations.Add(await app.InviteAsync(examId, $"Student {i}"));
        }
        var students = await Task.WhenAll(invitations.Select(i => app.ConnectStudentAsync(i)));

        await Task.WhenAll(students.Select(s => s.JoinAsStudentAsync()));

        foreach (var invitation in invitations)
        {
            Assert.Equal([AttendanceKinds.Joined], await app.AttendanceAsync(invitation.RosterId));
        }
        await Task.WhenAll(students.Select(s => s.DisposeAsync().AsTask()));
    }

    [Fact]
    public async Task EventsStillQueuedWhenTheAppStopsAreWrittenBeforeItEnds()
    {
        await using var app = new ProctorWebApplication();
        var (ada, _) = await TwoStudentsAsync(app);
        var recorder = Recorder(app);
        const int count = 2000;

        // Far more than one batch, queued at once: most are still waiting when the stop comes.
        for (var i = 0; i < count; i++)
        {
            await recorder.RecordJoinAsync(ada.RosterId);
        }
        await app.Host.StopAsync();

        await using var db = new AppDbContext(new DbContextOptionsBuilder<AppDbContext>().UseSqlite(app.ConnectionString).Options);
        var kinds = await db.Attendance.Where(a => a.RosterEntryId == ada.RosterId).OrderBy(a => a.Id).Select(a => a.Kind).ToListAsync();
        Assert.Equal([AttendanceKinds.Joined, .. Enumerable.Repeat(AttendanceKinds.Rejoined, count - 1)], kinds);
        app.Logs.AssertNoFailures();
    }

    [Fact]
    public async Task AnEventThatCannotBeWrittenIsLoggedAsAnErrorAndTheRestAreStillWritten()
    {
        await using var app = new ProctorWebApplication();
        var (ada, bob) = await TwoStudentsAsync(app);
        const int noSuchStudent = 987_654;
        var recorder = Recorder(app);

        await recorder.RecordJoinAsync(ada.RosterId);
        await recorder.RecordJoinAsync(noSuchStudent);
        await recorder.RecordJoinAsync(bob.RosterId);

        Assert.Equal([AttendanceKinds.Joined], await app.AttendanceAsync(ada.RosterId));
        Assert.Equal([AttendanceKinds.Joined], await app.AttendanceAsync(bob.RosterId));
        // EF logs the failed command too; the recorder's own line names what was lost.
        var lost = Assert.Single(app.Logs.Entries, e => e.Category == typeof(AttendanceRecorder).FullName && e.Level >= LogLevel.Error);
        Assert.Contains($"Could not record joined for roster entry {noSuchStudent}", lost.Message);
    }
}
