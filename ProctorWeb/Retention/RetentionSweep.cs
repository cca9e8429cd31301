using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ProctorWeb.Audit;
using ProctorWeb.Cluster;
using ProctorWeb.Data;
using ProctorWeb.Exams;

namespace ProctorWeb.Retention;

/// <summary>
/// Deletes the students' data of every exam whose retention period has passed: at start (which also finishes a
/// deletion a crash interrupted, since its transaction left everything in place) and then every few minutes.
/// </summary>
public sealed class RetentionSweep(IServiceScopeFactory scopes, IOptions<RetentionOptions> options, IRoomOwnership rooms, TimeProvider time, ILogger<RetentionSweep> logger) : BackgroundService
{
    /// <summary>Retention is counted in days; a quarter of an hour late is nothing, and the query is cheap.</summary>
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(15);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        do
        {
            try
            {
                await SweepAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The next tick tries again; nothing was half-deleted, each exam being one transaction.
                logger.LogError(e, "Deleting expired students' data failed; it is tried again in {Minutes} minutes.", Interval.TotalMinutes);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private const string SweepingRoom = "job:retention";

    // One sweep at a time: a second one running beside the first would delete the same exams again and say so twice.
    private readonly SemaphoreSlim _oneAtATime = new(1, 1);

    public async Task SweepAsync(CancellationToken cancellationToken)
    {
        await _oneAtATime.WaitAsync(cancellationToken);
        try
        {
            // In a cluster one node sweeps at a time, the one holding the job's lease; on one node, this one.
            if (!(await rooms.ClaimAsync(SweepingRoom)).IsThisNode)
            {
                return;
            }
            await SweepOnceAsync(cancellationToken);
        }
        finally
        {
            _oneAtATime.Release();
        }
    }

    private async Task SweepOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = time.GetUtcNow().UtcDateTime;
        var defaultDays = options.Value.DefaultDays;
        // Every period is at least a day after the end, and the end is after the start: older starts are the candidates.
        // An exam already deleted that still has students (added afterwards) is deleted again.
        var candidates = await db.Exams.AsNoTracking()
            .Where(e => e.StartsAtUtc <= now.AddDays(-1) && (e.DataDeletedAtUtc == null || e.Roster.Any()))
            .ToListAsync(cancellationToken);
        var extra = await db.Roster.LongestExtraMinutesAsync(candidates.Select(e => e.Id));
        var eraser = scope.ServiceProvider.GetRequiredService<StudentDataEraser>();
        foreach (var exam in candidates.Where(e => ExamRetention.DeletesDataAtUtc(e, e.EndsAtUtcFor(extra.GetValueOrDefault(e.Id)), defaultDays) <= now))
        {
            await eraser.DeleteStudentDataAsync(exam.Id, cancellationToken);
            await scope.ServiceProvider.GetRequiredService<AuditLog>().RecordAsync(AuditKinds.StudentDataDeleted, null, AuditKinds.Exam(exam.Id),
                $"retention: {ExamRetention.DaysFor(exam, defaultDays)} days after the end", cancellationToken: cancellationToken);
            logger.LogInformation("Deleted the students' data of exam {ExamId}, {Days} days after its end.", exam.Id, ExamRetention.DaysFor(exam, defaultDays));
        }
        foreach (var files in scope.ServiceProvider.GetServices<IStudentFiles>())
        {
            await files.DeleteAbandonedAsync(now, cancellationToken);
        }
    }
}
