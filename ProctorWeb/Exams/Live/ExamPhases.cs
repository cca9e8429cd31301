using ProctorWeb.Data;

namespace ProctorWeb.Exams.Live;

/// <summary>What happens when the exam clock strikes: the start, the end, and a dropped student's grace running out.</summary>
public sealed class ExamPhases(IExamRegistry registry, ExamNotifier notifier, AttendanceRecorder attendance, ExamRecorder records)
{
    public Task StartedAsync(int examId) => notifier.PhaseChangedAsync(registry.Start(examId));

    /// <summary>Every seated student finishes; flags still open (also of students who left) end with the exam.</summary>
    public async Task EndedAsync(int examId, DateTime endedAtUtc)
    {
        var finished = registry.End(examId);
        foreach (var update in finished)
        {
            await attendance.RecordAsync(update.Student.RosterId, AttendanceKinds.Finished);
        }
        await notifier.PhaseChangedAsync(finished);
        foreach (var flag in await records.CloseOpenFlagsAsync(examId, rosterId: null, endedAtUtc))
        {
            await notifier.FlagChangedAsync(examId, flag);
        }
    }

    public async Task GraceOverAsync(int examId, int rosterId)
    {
        if (registry.GiveUpOn(examId, rosterId) is { } tile)
        {
            await notifier.StudentChangedAsync(examId, tile);
        }
    }
}
