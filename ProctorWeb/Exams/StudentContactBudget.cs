using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using ProctorWeb.Realtime;
using ProctorWeb.Text;

namespace ProctorWeb.Exams;

/// <summary>
/// Messages and raised hands per student of an exam: each one reaches every proctor (and may sound on their monitors),
/// so a page that sends them in a loop must not drown the others' out. Kept by roster entry, so reconnecting does not refill it.
/// </summary>
public sealed class StudentContactBudget(IOptions<ExamOptions> options, TimeProvider time, IStringLocalizer<RoomText> T)
{
    public const string TooMany = "You have sent many messages in a short time. Wait a minute, then send again: your proctors have the ones before.";

    private readonly KeyedBudget<int> _contacts = new(options.Value.StudentMessageBurst,
        TimeSpan.FromMinutes((double)options.Value.StudentMessageBurst / options.Value.StudentMessagesPerMinute), time);

    /// <exception cref="HubException">The student's budget is spent for now: said to the student, in their page's language.</exception>
    public void Take(int rosterId)
    {
        if (!_contacts.TryTake(rosterId, out _))
        {
            throw new HubException(T[TooMany]);
        }
    }
}
