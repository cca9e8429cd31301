using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using ProctorWeb.Realtime;
using ProctorWeb.Text;

namespace ProctorWeb.Exams;

/// <summary>
/// New flags per student of an exam (a roster entry is one student in one exam). The hub's own throttle counts
/// per connection, so a page that reconnected could raise a fresh burst each time; this one survives reconnects.
/// </summary>
public sealed class FlagBudget(IOptions<ExamOptions> options, TimeProvider time, IStringLocalizer<RoomText> T)
{
    public const string TooMany = "Too many flags from this exam page at once: the rest are kept and sent as the limit allows.";

    private readonly KeyedBudget<int> _flags = new(options.Value.FlagBurst, TimeSpan.FromMinutes((double)options.Value.FlagBurst / options.Value.FlagsPerMinute), time);

    public bool TryTake(int rosterId) => _flags.TryTake(rosterId, out _);

    /// <summary><see cref="TooMany"/> in the current language: the hub call that was refused is the student's own.</summary>
    public string TooManyInWords => T[TooMany];
}
