using Microsoft.Extensions.Options;
using ProctorWeb.Realtime;

namespace ProctorWeb.Exams;

/// <summary>
/// New flags per student of an exam (a roster entry is one student in one exam). The hub's own throttle counts
/// per connection, so a page that reconnected could raise a fresh burst each time; this one survives reconnects.
/// </summary>
public sealed class FlagBudget(IOptions<ExamOptions> options, TimeProvider time)
{
    public const string TooMany = "Too many flags from this exam page at once: the rest are kept and sent as the limit allows.";

    private readonly KeyedBudget<int> _flags = new(options.Value.FlagBurst, TimeSpan.FromMinutes((double)options.Value.FlagBurst / options.Value.FlagsPerMinute), time);

    public bool TryTake(int rosterId) => _flags.TryTake(rosterId, out _);
}
