using Microsoft.Extensions.Options;

namespace ProctorWeb.Exams.Live;

/// <summary>
/// The timers of live exams: each exam's start and end, from the first time anyone joins it until its end
/// has fired (the end also closes flags of students who already left), and each dropped student's grace
/// time to come back, and the later ends of students with extra minutes. When one is due, <see cref="ExamPhases"/>
/// says what happens.
/// </summary>
public sealed class ExamClock(ExamPhases phases, IOptions<ExamOptions> options, TimeProvider time, ILogger<ExamClock> logger) : IDisposable
{
    private readonly Lock _gate = new();
    private readonly Dictionary<int, Schedule> _exams = new();
    private readonly Dictionary<(int ExamId, int RosterId), ITimer> _graces = new();
    // Ends after the exam's own, one timer per moment however many students share it.
    private readonly Dictionary<(int ExamId, DateTime DueUtc), ITimer> _laterEnds = new();

    private sealed record Schedule(ExamWindow Window, ITimer Start, ITimer End);

    // A proctor may open the monitor weeks ahead, but a timer cannot wait past about 49 days, and nothing happens
    // before students can join (half an hour ahead): an exam this far off gets its timers when somebody comes nearer the time.
    private static readonly TimeSpan Horizon = TimeSpan.FromDays(7);

    /// <summary>Keeps time for the exam from now on; idempotent, and a changed window moves its timers.</summary>
    public void Track(LiveExam exam)
    {
        lock (_gate)
        {
            if (_exams.TryGetValue(exam.Id, out var schedule) && schedule.Window == exam.Window)
            {
                return;
            }
            Replace(exam);
        }
    }

    /// <summary>New times for an exam the clock keeps; one nobody has joined yet gets its timers when somebody does.</summary>
    public void Reschedule(LiveExam exam)
    {
        lock (_gate)
        {
            if (_exams.ContainsKey(exam.Id))
            {
                Replace(exam);
            }
        }
    }

    /// <summary>Drops the exam's timers: its end has been dealt with already.</summary>
    public void Stop(int examId)
    {
        lock (_gate)
        {
            if (_exams.Remove(examId, out var schedule))
            {
                schedule.Start.Dispose();
                schedule.End.Dispose();
            }
            foreach (var key in _laterEnds.Keys.Where(k => k.ExamId == examId).ToList())
            {
                _laterEnds.Remove(key, out var timer);
                timer!.Dispose();
            }
        }
    }

    /// <summary>
    /// Ends the exam again at each of these moments, for the students with extra minutes whose end it is. A moment
    /// that turns out to end nobody (the minutes changed meanwhile) does no harm.
    /// </summary>
    public void EndLater(int examId, IEnumerable<DateTime> dues)
    {
        lock (_gate)
        {
            foreach (var due in dues)
            {
                var key = (examId, due);
                if (!_laterEnds.ContainsKey(key))
                {
                    _laterEnds[key] = At(due, async () =>
                    {
                        lock (_gate)
                        {
                            _laterEnds.Remove(key, out var timer);
                            timer?.Dispose();
                        }
                        EndLater(examId, await phases.EndedAsync(examId));
                    });
                }
            }
        }
    }

    /// <summary>Whether any timer of the exam runs here (its start or end, a later end, a student's grace).</summary>
    public bool IsTracking(int examId)
    {
        lock (_gate)
        {
            return _exams.ContainsKey(examId) || _laterEnds.Keys.Any(k => k.ExamId == examId) || _graces.Keys.Any(k => k.ExamId == examId);
        }
    }

    /// <summary>Every timer of the exam goes: another node keeps its time now.</summary>
    public void Forget(int examId)
    {
        Stop(examId);
        lock (_gate)
        {
            foreach (var key in _graces.Keys.Where(k => k.ExamId == examId).ToList())
            {
                _graces.Remove(key, out var timer);
                timer!.Dispose();
            }
        }
    }

    /// <summary>Gives a student whose connection dropped a while to come back before proctors see them as gone.</summary>
    public void ExpectBack(int examId, int rosterId)
    {
        var key = (examId, rosterId);
        lock (_gate)
        {
            _graces.Remove(key, out var previous);
            previous?.Dispose();
            _graces[key] = time.CreateTimer(_ => _ = RunAsync(() =>
            {
                lock (_gate)
                {
                    _graces.Remove(key, out var timer);
                    timer?.Dispose();
                }
                return phases.GraceOverAsync(examId, rosterId);
            }), null, TimeSpan.FromSeconds(options.Value.ReconnectGraceSeconds), Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>The student is back (or gone for good): their grace timer goes.</summary>
    public void Returned(int examId, int rosterId)
    {
        lock (_gate)
        {
            _graces.Remove((examId, rosterId), out var timer);
            timer?.Dispose();
        }
    }

    private void Replace(LiveExam exam)
    {
        if (_exams.Remove(exam.Id, out var old))
        {
            old.Start.Dispose();
            old.End.Dispose();
        }
        var window = exam.Window;
        if (window.StartsAtUtc - time.GetUtcNow().UtcDateTime > Horizon)
        {
            return;
        }
        Schedule? schedule = null;
        var start = At(window.StartsAtUtc, () => phases.StartedAsync(exam.Id));
        var end = At(window.EndsAtUtc, async () =>
        {
            lock (_gate)
            {
                // Forgotten only if not moved meanwhile: a reschedule replaced this schedule with its own.
                if (_exams.TryGetValue(exam.Id, out var current) && current == schedule)
                {
                    _exams.Remove(exam.Id);
                    current.Start.Dispose();
                    current.End.Dispose();
                }
            }
            EndLater(exam.Id, await phases.EndedAsync(exam.Id));
        });
        schedule = new Schedule(window, start, end);
        _exams[exam.Id] = schedule;
    }

    /// <summary>A moment already past still fires, at once: an exam moved to end earlier ends now.</summary>
    private ITimer At(DateTime dueUtc, Func<Task> action)
    {
        var due = dueUtc - time.GetUtcNow().UtcDateTime;
        return time.CreateTimer(_ => _ = RunAsync(action), null, due > TimeSpan.Zero ? due : TimeSpan.Zero, Timeout.InfiniteTimeSpan);
    }

    private async Task RunAsync(Func<Task> action)
    {
        try
        {
            await action();
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "An exam clock change failed");
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            foreach (var schedule in _exams.Values)
            {
                schedule.Start.Dispose();
                schedule.End.Dispose();
            }
            foreach (var timer in _graces.Values.Concat(_laterEnds.Values))
            {
                timer.Dispose();
            }
            _exams.Clear();
            _graces.Clear();
            _laterEnds.Clear();
        }
    }
}
