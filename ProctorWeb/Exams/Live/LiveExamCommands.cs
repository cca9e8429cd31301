using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ProctorWeb.Data;

namespace ProctorWeb.Exams.Live;

/// <summary>
/// What pages ask of live exams, after they have stored the change: a student's exam ended by a proctor,
/// students added to or removed from the roster, an exam's times changed (edited, or ended early). Each request
/// runs on the node holding the exam (<see cref="ILiveCommandRoute"/>), where its seats and timers are, and
/// returns once done there.
/// </summary>
public sealed class LiveExamCommands(IExamRegistry registry, ExamClock clock, ExamPhases phases, ExamNotifier notifier, ExamRecorder records, IOptions<ExamOptions> options, TimeProvider time,
    IServiceScopeFactory scopes, ILiveCommandRoute route)
{
    /// <summary>The student is told why and their media stops; their open flags end now; proctors see them finished.</summary>
    public Task EndStudentAsync(int examId, int rosterId, string name, string reason, DateTime atUtc) =>
        SendAsync(new LiveCommand(LiveCommand.EndStudent, examId, rosterId, name, reason, atUtc));

    /// <summary>A removed student is sent away at once, and proctors drop the tile.</summary>
    public Task StudentRemovedAsync(int examId, int rosterId, string name, DateTime atUtc) =>
        SendAsync(new LiveCommand(LiveCommand.RemoveStudent, examId, rosterId, name, AtUtc: atUtc));

    /// <summary>Proctors watching see the new students' tiles.</summary>
    public Task StudentsAddedAsync(int examId, IEnumerable<RosterEntry> added)
    {
        var entries = added.ToList();
        return SendAsync(new LiveCommand(LiveCommand.AddStudents, examId, RosterIds: entries.Select(e => e.Id).ToArray(), Names: entries.Select(e => e.Name).ToArray()));
    }

    /// <summary>
    /// Every waiting or live student's countdown follows, then the clock moves. An exam whose end is now past
    /// (ended early) ends before this returns, with or without anybody connected: the report shown next has no
    /// flag left open.
    /// </summary>
    public Task ExamTimesChangedAsync(Exam exam) => SendAsync(new LiveCommand(LiveCommand.ChangeTimes, exam.Id));

    /// <summary>
    /// The owner changed these students' accommodations: proctors' tiles and the students' pages follow at once, and
    /// a student whose new end is already past finishes now.
    /// </summary>
    public Task AccommodationsChangedAsync(Exam exam, IReadOnlyList<RosterEntry> entries) =>
        SendAsync(new LiveCommand(LiveCommand.ChangeAccommodations, exam.Id, RosterIds: entries.Select(e => e.Id).ToArray()));

    /// <summary>Proctors who are no longer the exam's owner or co-proctors stop watching at once.</summary>
    public Task ProctorsChangedAsync(int examId, IReadOnlySet<string> proctorIds) =>
        SendAsync(new LiveCommand(LiveCommand.ChangeProctors, examId, ProctorIds: proctorIds.ToArray()));

    /// <summary>Runs a command on this node, whether a page here or another node asked for it.</summary>
    public async Task RunHereAsync(LiveCommand command)
    {
        switch (command.Kind)
        {
            case LiveCommand.EndStudent:
                // In the student's language, not that of the proctor who ended it.
                var reason = command.Reason ?? "";
                await SendAwayAsync(command.ExamId, new StudentTile(command.RosterId, command.Name ?? "", StudentStatus.Finished), T => T["A proctor ended your exam: {0}", reason], command.AtUtc);
                break;
            case LiveCommand.RemoveStudent:
                await SendAwayAsync(command.ExamId, new StudentTile(command.RosterId, command.Name ?? "", StudentStatus.Removed),
                    T => T["Your teacher removed you from this exam. Your camera and microphone are off."], command.AtUtc);
                break;
            case LiveCommand.AddStudents:
                await AddStudentsAsync(command.ExamId, (command.RosterIds ?? []).Zip(command.Names ?? []));
                break;
            case LiveCommand.ChangeTimes:
                if (await ExamAsync(command.ExamId) is { } exam)
                {
                    await ChangeTimesAsync(exam);
                }
                break;
            case LiveCommand.ChangeAccommodations:
                if (await ExamAsync(command.ExamId) is { } accommodated)
                {
                    await ChangeAccommodationsAsync(accommodated, await RosterAsync(command.RosterIds ?? []));
                }
                break;
            case LiveCommand.ChangeProctors:
                foreach (var departure in registry.Unwatch(command.ExamId, (command.ProctorIds ?? []).ToHashSet()))
                {
                    await notifier.UnwatchedAsync(departure);
                }
                break;
            default:
                throw new InvalidOperationException($"Unknown live command {command.Kind}.");
        }
    }

    private async Task SendAsync(LiveCommand command)
    {
        if (!await route.RunOnOwnerAsync(command))
        {
            await RunHereAsync(command);
        }
    }

    private async Task AddStudentsAsync(int examId, IEnumerable<(int Id, string Name)> added)
    {
        if (!registry.IsOpen(examId))
        {
            return;
        }
        foreach (var (id, name) in added)
        {
            await notifier.StudentChangedAsync(examId, new StudentTile(id, name, StudentStatus.NotJoined));
        }
    }

    private async Task ChangeTimesAsync(Exam exam)
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

    private async Task ChangeAccommodationsAsync(Exam exam, IReadOnlyList<RosterEntry> entries)
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

    private async Task<Exam?> ExamAsync(int examId)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().Exams.AsNoTracking().SingleOrDefaultAsync(e => e.Id == examId);
    }

    private async Task<List<RosterEntry>> RosterAsync(int[] ids)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().Roster.AsNoTracking().Where(r => ids.Contains(r.Id)).ToListAsync();
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
