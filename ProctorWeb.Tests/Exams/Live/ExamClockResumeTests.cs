using Microsoft.EntityFrameworkCore;
using ProctorWeb.Data;
using ProctorWeb.Tests.Data;
using ProctorWeb.Tests.Support;

namespace ProctorWeb.Tests.Exams.Live;

/// <summary>A restarted server has no timers; what the stopped one left undone is done when it starts.</summary>
public class ExamClockResumeTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task FlagsLeftOpenByAnExamThatEndedWhileTheServerWasDownAreEndedAtItsEndBeforeAnyPageIsServed()
    {
        await using var app = new ProctorWebApplication { Clock = new ManualClock(Now) };
        var (ended, open, closed) = await SeedAsync(app, startedAgo: TimeSpan.FromMinutes(90), durationMinutes: 60);

        var flags = await app.WithServiceAsync<Dictionary<long, DateTime?>, AppDbContext>(db => db.Flags.ToDictionaryAsync(f => f.Id, f => f.EndedAtUtc));

        Assert.Equal(ended, flags[open]);
        Assert.Equal(Now.UtcDateTime.AddMinutes(-85), flags[closed]);
    }

    [Fact]
    public async Task AnExamRunningWhenTheServerStartsStillEndsOnTimeWithNobodyConnected()
    {
        var clock = new ManualClock(Now);
        await using var app = new ProctorWebApplication { Clock = clock };
        var (ends, open, _) = await SeedAsync(app, startedAgo: TimeSpan.FromMinutes(30), durationMinutes: 60);
        _ = app.Services;
        Assert.Null(await FlagEndAsync(app, open));

        clock.Advance(ends - Now.UtcDateTime + TimeSpan.FromSeconds(1));

        Assert.Equal(ends, await Eventually.MatchAsync(() => FlagEndAsync(app, open), end => end is not null, "Ending the open flag"));
    }

    private static Task<DateTime?> FlagEndAsync(ProctorWebApplication app, long id) =>
        app.WithServiceAsync<DateTime?, AppDbContext>(db => db.Flags.Where(f => f.Id == id).Select(f => f.EndedAtUtc).SingleAsync());

    /// <summary>
    /// The database as a stopped server left it, written before the app starts: an exam, a student who left with a
    /// flag still open, and a flag the browser had ended. Returns the exam's end and both flags' ids.
    /// </summary>
    private static async Task<(DateTime Ends, long Open, long Closed)> SeedAsync(ProctorWebApplication app, TimeSpan startedAgo, int durationMinutes)
    {
        using var db = SchemaDatabase.NewContext(app.ConnectionString);
        await db.Database.MigrateAsync();
        var owner = new AppUser { UserName = "tess@example.test", NormalizedUserName = "TESS@EXAMPLE.TEST", Email = "tess@example.test", DisplayName = "Tess" };
        var starts = Now.UtcDateTime - startedAgo;
        var exam = new Exam { Title = "Before the restart", Owner = owner, StartsAtUtc = starts, DurationMinutes = durationMinutes, CreatedAtUtc = starts.AddDays(-1) };
        var ada = new RosterEntry { Exam = exam, Name = "Ada", Email = "ada@example.test", InvitationNonce = [1], InvitationHash = Guid.NewGuid().ToString("N") };
        var open = new Flag { RosterEntry = ada, ClientId = "open", Kind = "voice", StartedAtUtc = starts.AddMinutes(2) };
        var closed = new Flag { RosterEntry = ada, ClientId = "closed", Kind = "paste", StartedAtUtc = starts.AddMinutes(5), EndedAtUtc = starts.AddMinutes(5) };
        db.AddRange(open, closed, new AttendanceEvent { RosterEntry = ada, Kind = AttendanceKinds.Joined, AtUtc = starts.AddMinutes(1) },
            new AttendanceEvent { RosterEntry = ada, Kind = AttendanceKinds.Left, AtUtc = starts.AddMinutes(3) });
        await db.SaveChangesAsync();
        return (exam.EndsAtUtc, open.Id, closed.Id);
    }
}
