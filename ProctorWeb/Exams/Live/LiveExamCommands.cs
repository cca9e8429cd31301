using Microsoft.Extensions.Options;
using ProctorWeb.Data;

namespace ProctorWeb.Exams.Live;

/// <summary>
/// What pages ask of live exams, after they have stored the change: a student's exam ended by a proctor,
/// students added to or removed from the roster, an exam's times changed (edited, or ended early).
/// </summary>
public sealed class LiveExamCommands(IExamRegistry registry, ExamClock clock, ExamPhases phases, ExamNotifier notifier, ExamRecorder records, IOptions<ExamOptions> options, TimeProvider time,
    IServiceScopeFactory scopes)
{
    /// <summary>The student is told why and their media stops; their open flags end now; proctors see them finished.</summary>
    public Task EndStudentAsync(int examId, int rosterId, string name, string reason, DateTime atUtc) =>
        // In the student's language, not that of the proctor who ended it.
        SendAwayAsync(examId, new StudentTile(rosterId, name, StudentStatus.Finished), T => T["A proctor ended your exam: {0}", reason], atUtc);

    /// <summary>A removed student is sent away at once, and proctors drop the tile.</summary>
    public Task StudentRemovedAsync(int examId, int rosterId, string name, DateTime atUtc) =>
        SendAwayAsync(examId, new StudentTile(rosterId, name, StudentStatus.Removed),
            T => T["Your teacher removed you from this exam. Your camera and microphone are off."], atUtc);

    /// <summary>Proctors watching see the new students' tiles.</summary>
    public async Task StudentsAddedAsync(int examId, IEnumerable<RosterEntry> added)
    {
        if (!registry.IsOpen(examId))
        {
            return;
        }
        foreach (var entry in added)
        {
            await notifier.StudentChangedAsync(examId, new StudentTile(entry.Id, entry.Name, StudentStatus.NotJoined));
        }
    }

    /// <summary>
    /// Every waiting or live student's countdown follows, then the clock moves. An exam whose end is now past
    /// (ended early) ends before this returns, with or without anybody connected: the report shown next has no
    /// flag left open.
    /// </summary>
    public async Task ExamTimesChangedAsync(Exam exam)
    {
        var live = LiveExam.Of(exam, options.Value);
        await TellProctorsTheTimesAsync(exam, live);
        var updates = registry.Reschedule(live);
        var now = time.GetUtcNow().UtcDateTime;
        if (live.Window.EndsAtUtc <= now)
        {
            // Over for everyone without extra minutes; those with some left keep going, to their new own ends.
            clock.Stop(live.Id);
            await notifier.PhaseChangedAsync(StillGoing(updates, now));
            clock.EndLater(live.Id, await phases.EndedAsync(live.Id));
            return;
        }
        await notifier.PhaseChangedAsync(updates);
        clock.Reschedule(live);
    }

    /// <summary>
    /// The owner changed these students' accommodations: proctors' tiles and the students' pages follow at once, and
    /// a student whose new end is already past finishes now.
    /// </summary>
    public async Task AccommodationsChangedAsync(Exam exam, IReadOnlyList<RosterEntry> entries)
    {
        var updates = new List<StudentUpdate>();
        var now = time.GetUtcNow().UtcDateTime;
        foreach (var entry in entries)
        {
            var accommodation = Accommodation.Of(entry);
            await notifier.AccommodationChangedAsync(exam.Id, entry.Id, TileAccommodation.Of(exam, accommodation));
            if (registry.Accommodate(exam.Id, entry.Id, accommodation) is { } update)
            {
                updates.Add(update);
            }
            // An exemption given during a flag ends it, so no badge stays red for a check that no longer runs.
            foreach (var flag in await records.CloseOpenFlagsOfKindsAsync(entry.Id, accommodation.ExemptKinds, now))
            {
                await notifier.FlagChangedAsync(exam.Id, flag);
            }
        }
        await notifier.PhaseChangedAsync(StillGoing(updates, now));
        // The last student's end may have moved: the monitors' clocks follow.
        await TellProctorsTheTimesAsync(exam, LiveExam.Of(exam, options.Value));
        // Before the exam's own end its timer deals with everyone; after it, only these later ends are left.
        if (exam.EndsAtUtc <= now)
        {
            clock.EndLater(exam.Id, await phases.EndedAsync(exam.Id));
        }
    }

    /// <summary>Proctors who are no longer the exam's owner or co-proctors stop watching at once.</summary>
    public async Task ProctorsChangedAsync(int examId, IReadOnlySet<string> proctorIds)
    {
        foreach (var departure in registry.Unwatch(examId, proctorIds))
        {
            await notifier.UnwatchedAsync(departure);
        }
    }

    // Students whose end has come hear it from EndedAsync, as finished: not first a countdown to a moment already past.
    private static List<StudentUpdate> StillGoing(IEnumerable<StudentUpdate> updates, DateTime now) =>
        updates.Where(u => u.State.EndsAtUtc > now).ToList();

    private async Task SendAwayAsync(int examId, StudentTile tile, Func<Microsoft.Extensions.Localization.IStringLocalizer, string> reason, DateTime atUtc)
    {
        clock.Returned(examId, tile.Id);
        if (registry.Dismiss(examId, tile.Id) is { } seat)
        {
            await notifier.DismissedAsync(seat, reason);
        }
        await notifier.StudentChangedAsync(examId, tile);
        foreach (var flag in await records.CloseOpenFlagsAsync(examId, tile.Id, atUtc))
        {
            await notifier.FlagChangedAsync(examId, flag);
        }
    }

    /// <summary>Proctors' clocks count to the exam's end, then to the last student's, as the roster now stands.</summary>
    private async Task TellProctorsTheTimesAsync(Exam exam, LiveExam live)
    {
        if (!registry.IsOpen(live.Id))
        {
            return;
        }
        await using var scope = scopes.CreateAsyncScope();
        var lastEnd = await scope.ServiceProvider.GetRequiredService<AppDbContext>().Roster.LastEndAsync(exam);
        await notifier.TimesChangedAsync(live.Id, new ExamTimes(time.GetUtcNow().UtcDateTime, live.Window.StartsAtUtc, live.Window.EndsAtUtc, lastEnd));
    }
}
