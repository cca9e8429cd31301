using ProctorWeb.Data;

namespace ProctorWeb.Exams.Live;

/// <summary>What happens when the exam clock strikes: the start, the end, and a dropped student's grace running out.</summary>
public sealed class ExamPhases(IExamRegistry registry, ExamNotifier notifier, AttendanceRecorder attendance, ExamRecorder records, StudentEnds ends, TimeProvider time)
{
    public Task StartedAsync(int examId) => notifier.PhaseChangedAsync(registry.Start(examId));

    /// <summary>
    /// Every seated student whose own end has come finishes; their flags still open (also of students who left) end
    /// at that end. Students with extra minutes left stay: the answer is when the next of them ends, for the clock.
    /// </summary>
    public async Task<IReadOnlyList<DateTime>> EndedAsync(int examId)
    {
        var ownEnds = await ends.OfAsync(examId);
        // Read after the ends: a timer that fires a hair early finds its own end still ahead, and is set again.
        var now = time.GetUtcNow().UtcDateTime;
        var finished = registry.End(examId, now);
        foreach (var update in finished)
        {
            await attendance.RecordAsync(update.Student.RosterId, AttendanceKinds.Finished);
        }
        await notifier.PhaseChangedAsync(finished);
        var over = ownEnds.Where(e => e.Value <= now).ToDictionary(e => e.Key, e => e.Value);
        foreach (var flag in await records.CloseOpenFlagsAsync(examId, over))
        {
            await notifier.FlagChangedAsync(examId, flag);
        }
        return ownEnds.Values.Where(end => end > now).Distinct().Order().ToList();
    }

    public async Task GraceOverAsync(int examId, int rosterId)
    {
        if (registry.GiveUpOn(examId, rosterId) is { } tile)
        {
            await notifier.StudentChangedAsync(examId, tile);
        }
    }
}
