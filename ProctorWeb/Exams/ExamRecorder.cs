using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using ProctorWeb.Data;

namespace ProctorWeb.Exams;

/// <summary>Writes flags and messages as they happen; a flag is acknowledged to the browser only after it is stored.</summary>
public sealed class ExamRecorder(IServiceScopeFactory scopes, TimeProvider time, FlagBudget budget)
{
    // A browser's clock may be off: times from the future become now, and nothing is older than a day.
    private static readonly TimeSpan OldestBelievable = TimeSpan.FromDays(1);

    public static FlagView View(Flag flag) =>
        new(flag.Id, flag.RosterEntryId, flag.Kind, FlagKinds.Label(flag.Kind), flag.StartedAtUtc, flag.EndedAtUtc, flag.Review);

    public const string Exempt = "You are exempt from that check, so it raises no flag.";

    /// <summary>
    /// Creates the flag, or completes it when the same client id comes again (a retry or its end). A new flag of a kind the
    /// student is exempt from is refused; the end of one stored before the exemption still gets through.
    /// </summary>
    public async Task<FlagView> RecordFlagAsync(int rosterId, FlagReport report, Accommodation? accommodation = null)
    {
        if (report is null || string.IsNullOrWhiteSpace(report.ClientId) || report.ClientId.Length > 64)
        {
            throw new HubException("A flag needs an id of at most 64 characters.");
        }
        if (!FlagKinds.IsKnown(report.Kind))
        {
            throw new HubException("That kind of flag is unknown.");
        }
        var now = time.GetUtcNow().UtcDateTime;
        var started = Clamp(report.StartedAtUtc, now);
        var ended = report.EndedAtUtc is { } end ? Clamp(end, now) : (DateTime?)null;
        if (ended < started)
        {
            ended = started;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var flag = await db.Flags.SingleOrDefaultAsync(f => f.RosterEntryId == rosterId && f.ClientId == report.ClientId);
        if (flag is null)
        {
            if (accommodation?.Exempts(report.Kind) == true)
            {
                throw new HubException(Exempt);
            }
            // Only new flags spend the budget: a retry or the end of a stored flag must always get through.
            if (!budget.TryTake(rosterId))
            {
                throw new HubException(budget.TooManyInWords);
            }
            flag = new Flag { RosterEntryId = rosterId, ClientId = report.ClientId, Kind = report.Kind, StartedAtUtc = started, EndedAtUtc = ended };
            db.Flags.Add(flag);
        }
        else if (flag.Kind != report.Kind)
        {
            throw new HubException("That flag id was already used for another kind of flag.");
        }
        else
        {
            // The first end reported wins: a late retry of the start must not reopen a flag.
            flag.EndedAtUtc ??= ended;
        }
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException) when (flag.Id == 0)
        {
            // Two sends of the same new flag raced; the other one stored it.
            db.ChangeTracker.Clear();
            flag = await db.Flags.AsNoTracking().SingleAsync(f => f.RosterEntryId == rosterId && f.ClientId == report.ClientId);
        }
        return View(flag);
    }

    /// <summary>
    /// Ends every flag still open when one student's exam ends, at that moment: the browser that would have
    /// reported the end has stopped watching. Returns the flags it ended.
    /// </summary>
    public async Task<IReadOnlyList<FlagView>> CloseOpenFlagsAsync(int examId, int rosterId, DateTime endedAtUtc) =>
        await CloseOpenFlagsAsync(examId, new Dictionary<int, DateTime> { [rosterId] = endedAtUtc });

    /// <summary>
    /// The same when the exam ends for several students, each at their own end (extra minutes differ); students
    /// missing from <paramref name="endsByStudent"/> keep their flags open.
    /// </summary>
    public async Task<IReadOnlyList<FlagView>> CloseOpenFlagsAsync(int examId, IReadOnlyDictionary<int, DateTime> endsByStudent)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var open = await db.Flags.Where(f => f.EndedAtUtc == null && f.RosterEntry!.ExamId == examId)
            .Select(f => new { f.Id, f.RosterEntryId }).ToListAsync();
        var ending = open.Where(f => endsByStudent.ContainsKey(f.RosterEntryId)).ToList();
        if (ending.Count == 0)
        {
            return [];
        }
        foreach (var atOneMoment in ending.GroupBy(f => endsByStudent[f.RosterEntryId]))
        {
            await EndStillOpenAsync(db, atOneMoment.Select(f => f.Id).ToList(), atOneMoment.Key);
        }
        return await ViewsAsync(db, ending.Select(f => f.Id).ToList());
    }

    /// <summary>
    /// A student was just exempted from these kinds: a flag of theirs still open ends now, as the page has stopped
    /// watching for it and would never report its end. Returns the flags it ended.
    /// </summary>
    public async Task<IReadOnlyList<FlagView>> CloseOpenFlagsOfKindsAsync(int rosterId, IReadOnlyList<string> kinds, DateTime endedAtUtc)
    {
        if (kinds.Count == 0)
        {
            return [];
        }
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var open = db.Flags.Where(f => f.RosterEntryId == rosterId && f.EndedAtUtc == null && kinds.Contains(f.Kind));
        var ids = await open.Select(f => f.Id).ToListAsync();
        if (ids.Count == 0)
        {
            return [];
        }
        await EndStillOpenAsync(db, ids, endedAtUtc);
        return await ViewsAsync(db, ids);
    }

    // One statement that skips any flag whose end a browser reported meanwhile: the first end stands, as in RecordFlagAsync.
    private static Task EndStillOpenAsync(AppDbContext db, List<long> ids, DateTime endedAtUtc) =>
        db.Flags.Where(f => ids.Contains(f.Id) && f.EndedAtUtc == null)
            .ExecuteUpdateAsync(s => s.SetProperty(f => f.EndedAtUtc, f => f.StartedAtUtc > endedAtUtc ? f.StartedAtUtc : endedAtUtc));

    private static async Task<IReadOnlyList<FlagView>> ViewsAsync(AppDbContext db, List<long> ids) =>
        (await db.Flags.AsNoTracking().Where(f => ids.Contains(f.Id)).OrderBy(f => f.Id).ToListAsync()).Select(View).ToList();

    public Task RecordMessageAsync(int examId, int? rosterId, string authorId, string text) =>
        StoreAsync(new ExamMessage { ExamId = examId, RosterEntryId = rosterId, AuthorId = authorId, Text = text });

    /// <summary>A student's message to the proctors, on their record beside what they were told.</summary>
    public Task<DateTime> RecordStudentMessageAsync(int examId, int rosterId, string text) =>
        StoreAsync(new ExamMessage { ExamId = examId, RosterEntryId = rosterId, FromStudent = true, Text = text });

    private async Task<DateTime> StoreAsync(ExamMessage message)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        message.SentAtUtc = time.GetUtcNow().UtcDateTime;
        db.Messages.Add(message);
        await db.SaveChangesAsync();
        return message.SentAtUtc;
    }

    private static DateTime Clamp(DateTime value, DateTime now)
    {
        var utc = value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : DateTime.SpecifyKind(value, DateTimeKind.Utc);
        return utc > now ? now : utc < now - OldestBelievable ? now - OldestBelievable : utc;
    }
}
