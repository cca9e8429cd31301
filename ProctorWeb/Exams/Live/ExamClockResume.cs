using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ProctorWeb.Cluster;
using ProctorWeb.Data;

namespace ProctorWeb.Exams.Live;

/// <summary>
/// After a restart the clock starts empty. Exams running now get their timers back, so their end still fires
/// when nobody reconnects; exams that ended meanwhile with flags still open are ended now, closing those flags.
/// In a cluster each such exam's timers run on the node that holds it (claimed here if nobody does), and every
/// node looks again every few seconds for running exams nobody holds: those of a node that died.
/// </summary>
public sealed class ExamClockResume(IServiceScopeFactory scopes, ExamClock clock, ExamPhases phases, IRoomOwnership rooms, IOptions<ExamOptions> options,
    IOptions<ClusterOptions> cluster, TimeProvider time, ILogger<ExamClockResume> logger) : BackgroundService
{
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        // Before the app takes requests, so no report shows a flag of an exam that ended meanwhile as still going on.
        await ResumeAsync(orphansOnly: false, cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!cluster.Value.Enabled)
        {
            return;
        }
        // Real time: leases run out in real seconds whatever clock the exams read.
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(cluster.Value.LeaseSeconds));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await ResumeAsync(orphansOnly: true, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Looking for exams nobody holds failed; it is tried again shortly.");
            }
        }
    }

    private async Task ResumeAsync(bool orphansOnly, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = time.GetUtcNow().UtcDateTime;
        var longestAgo = now.AddMinutes(-ExamLimits.MaxDurationMinutes - ExamLimits.MaxExtraMinutes);
        var exams = await db.Exams.AsNoTracking()
            .Where(e => (e.StartsAtUtc <= now && e.StartsAtUtc >= longestAgo) || e.Roster.Any(r => r.Flags.Any(f => f.EndedAtUtc == null)))
            .Select(e => new { Exam = e, FlagsOpen = e.Roster.Any(r => r.Flags.Any(f => f.EndedAtUtc == null)) })
            .ToListAsync(cancellationToken);
        foreach (var (exam, flagsOpen) in exams.Select(e => (e.Exam, e.FlagsOpen)))
        {
            var room = Rooms.Exam(exam.Id);
            // Once over with nothing left open, an exam needs no clock: looking again would end it again and again.
            if (orphansOnly && ((exam.EndsAtUtc <= now && !flagsOpen) || clock.IsTracking(exam.Id) || await rooms.OwnerAsync(room) is not null))
            {
                continue;
            }
            // An exam another node holds keeps its timers there: one end per exam, not one per node.
            if (!(await rooms.ClaimAsync(room)).IsThisNode)
            {
                continue;
            }
            if (exam.EndsAtUtc > now)
            {
                clock.Track(LiveExam.Of(exam, options.Value));
            }
            else
            {
                // Students with extra minutes left get their own ends back.
                clock.EndLater(exam.Id, await phases.EndedAsync(exam.Id));
            }
        }
    }
}
