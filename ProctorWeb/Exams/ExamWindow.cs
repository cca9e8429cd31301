using ProctorWeb.Data;

namespace ProctorWeb.Exams;

public enum ExamPhase
{
    NotOpenYet,
    Waiting,
    Running,
    Over,
}

/// <summary>When an exam's links open, when it starts and ends (for everyone, or for one student), and who may still join.</summary>
public readonly record struct ExamWindow(DateTime OpensAtUtc, DateTime StartsAtUtc, DateTime EndsAtUtc, DateTime LateJoinClosesAtUtc)
{
    /// <param name="extraMinutes">A student's extra time, which moves only the end.</param>
    public static ExamWindow Of(Exam exam, ExamOptions options, int extraMinutes = 0) =>
        new(exam.StartsAtUtc.AddMinutes(-options.OpensMinutesBeforeStart), exam.StartsAtUtc, exam.EndsAtUtcFor(extraMinutes), exam.LateJoinClosesAtUtc);

    public ExamPhase PhaseAt(DateTime nowUtc) =>
        nowUtc < OpensAtUtc ? ExamPhase.NotOpenYet
        : nowUtc < StartsAtUtc ? ExamPhase.Waiting
        : nowUtc < EndsAtUtc ? ExamPhase.Running
        : ExamPhase.Over;

    /// <summary>A student who never joined may join until late joining closes; one who did may come back until the end.</summary>
    public bool MayJoin(DateTime nowUtc, bool joinedBefore) =>
        PhaseAt(nowUtc) switch
        {
            ExamPhase.Waiting => true,
            ExamPhase.Running => joinedBefore || nowUtc < LateJoinClosesAtUtc,
            _ => false,
        };
}
