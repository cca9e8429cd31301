using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ProctorWeb.Data;

namespace ProctorWeb.Exams.Live;

/// <summary>
/// After a restart the clock starts empty. Exams running now get their timers back, so their end still fires
/// when nobody reconnects; exams that ended meanwhile with flags still open are ended now, closing those flags.
/// </summary>
public sealed class ExamClockResume(IServiceScopeFactory scopes, ExamClock clock, ExamPhases phases, IOptions<ExamOptions> options, TimeProvider time) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = time.GetUtcNow().UtcDateTime;
        var longestAgo = now.AddMinutes(-ExamLimits.MaxDurationMinutes - ExamLimits.MaxExtraMinutes);
        var exams = await db.Exams.AsNoTracking()
            .Where(e => (e.StartsAtUtc <= now && e.StartsAtUtc >= longestAgo) || e.Roster.Any(r => r.Flags.Any(f => f.EndedAtUtc == null)))
            .ToListAsync(cancellationToken);
        foreach (var exam in exams)
        {
            if (exam.EndsAtUtc > now)
            {
                clock.Track(LiveExam.Of(exam, options.Value));
            }
            else
            {
                // Before the app takes requests, so no report shows such a flag as still going on; students with
                // extra minutes left get their own ends back.
                clock.EndLater(exam.Id, await phases.EndedAsync(exam.Id));
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
