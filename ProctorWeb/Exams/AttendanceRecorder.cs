using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using ProctorWeb.Data;

namespace ProctorWeb.Exams;

/// <summary>
/// Writes attendance (joined, rejoined, left, finished) behind the hub: events are queued with the moment
/// they happened and one writer stores them in batches, each batch in one transaction. SQLite takes one writer
/// at a time and its driver waits for a busy lock by sleeping a thread, so a join burst that wrote from every
/// hub call kept threads asleep and starved the pool; now no hub call waits for an attendance write.
/// </summary>
public sealed class AttendanceRecorder(IServiceScopeFactory scopes, TimeProvider time, ILogger<AttendanceRecorder> logger) : BackgroundService
{
    // Large enough for every student of a big exam to join at once; beyond it callers wait rather than drop events.
    private const int Capacity = 10_000;
    private const int MaxBatch = 500;

    private readonly Channel<Item> _queue = Channel.CreateBounded<Item>(new BoundedChannelOptions(Capacity) { SingleReader = true });

    /// <param name="Kind">Null for a join: joined or rejoined is decided when written, from what is stored by then.</param>
    /// <param name="Written">Set on a marker that only waits for everything queued before it.</param>
    private sealed record Item(int RosterEntryId, string? Kind, DateTime AtUtc, TaskCompletionSource? Written = null, string? Detail = null, string? ActorId = null);

    /// <summary>Queues a join, stored as rejoined if the student has any attendance before it.</summary>
    public ValueTask RecordJoinAsync(int rosterEntryId) => EnqueueAsync(new Item(rosterEntryId, null, Now));

    /// <param name="detail">Why, where a person decided it.</param>
    /// <param name="actorId">The proctor who decided it.</param>
    public ValueTask RecordAsync(int rosterEntryId, string kind, string? detail = null, string? actorId = null) =>
        EnqueueAsync(new Item(rosterEntryId, kind, Now, Detail: detail, ActorId: actorId));

    /// <summary>Completes once every event queued before the call is stored, or logged as lost; for readers that must see them.</summary>
    public async Task WrittenAsync()
    {
        var marker = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (await TryEnqueueAsync(new Item(0, null, default, marker)))
        {
            await marker.Task;
        }
    }

    private async ValueTask EnqueueAsync(Item item)
    {
        if (!await TryEnqueueAsync(item))
        {
            // Only after shutdown has drained the queue, when a late disconnect can still report a leave.
            logger.LogError("Could not record {Kind} for roster entry {RosterEntryId} at {AtUtc:O}: the app is stopping", item.Kind ?? AttendanceKinds.Joined, item.RosterEntryId, item.AtUtc);
        }
    }

    private async ValueTask<bool> TryEnqueueAsync(Item item)
    {
        if (_queue.Writer.TryWrite(item))
        {
            return true;
        }
        try
        {
            await _queue.Writer.WriteAsync(item);
            return true;
        }
        catch (ChannelClosedException)
        {
            return false;
        }
    }

    // Not stoppingToken: on stop the queue is closed and drained (see StopAsync), not abandoned.
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var events = new List<Item>(MaxBatch);
        var markers = new List<TaskCompletionSource>();
        while (await _queue.Reader.WaitToReadAsync(CancellationToken.None))
        {
            while (events.Count < MaxBatch && _queue.Reader.TryRead(out var item))
            {
                if (item.Written is { } marker)
                {
                    markers.Add(marker);
                }
                else
                {
                    events.Add(item);
                }
            }
            await WriteAsync(events);
            markers.ForEach(m => m.TrySetResult());
            events.Clear();
            markers.Clear();
        }
    }

    /// <summary>The server has stopped taking connections by now (it stops first), so the queue holds everything there is.</summary>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _queue.Writer.TryComplete();
        await base.StopAsync(cancellationToken);
        if (ExecuteTask is { IsCompleted: false })
        {
            logger.LogError("Shutdown gave up waiting for attendance to be written; about {Count} events were still queued", _queue.Reader.Count);
        }
    }

    private async Task WriteAsync(List<Item> events)
    {
        if (events.Count == 0)
        {
            return;
        }
        try
        {
            await SaveAsync(events);
        }
        catch (Exception ex) when (events.Count > 1)
        {
            // One bad event (a roster entry deleted meanwhile) must not cost the others: write them one at a time.
            logger.LogWarning(ex, "Writing {Count} attendance events at once failed; writing them one by one", events.Count);
            foreach (var item in events)
            {
                await WriteOneAsync(item);
            }
        }
        catch (Exception ex)
        {
            LogLost(ex, events[0]);
        }
    }

    private async Task WriteOneAsync(Item item)
    {
        try
        {
            await SaveAsync([item]);
        }
        catch (Exception ex)
        {
            LogLost(ex, item);
        }
    }

    private void LogLost(Exception ex, Item item) =>
        logger.LogError(ex, "Could not record {Kind} for roster entry {RosterEntryId} at {AtUtc:O}", item.Kind ?? AttendanceKinds.Joined, item.RosterEntryId, item.AtUtc);

    private async Task SaveAsync(IReadOnlyList<Item> events)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var joining = events.Where(e => e.Kind is null).Select(e => e.RosterEntryId).Distinct().ToList();
        // One query for the batch: whoever has any attendance already comes back, not for the first time.
        var attended = joining.Count == 0
            ? []
            : (await db.Attendance.Where(a => joining.Contains(a.RosterEntryId)).Select(a => a.RosterEntryId).Distinct().ToListAsync()).ToHashSet();
        foreach (var e in events)
        {
            var kind = e.Kind ?? (attended.Contains(e.RosterEntryId) ? AttendanceKinds.Rejoined : AttendanceKinds.Joined);
            attended.Add(e.RosterEntryId);
            db.Attendance.Add(new AttendanceEvent { RosterEntryId = e.RosterEntryId, Kind = kind, AtUtc = e.AtUtc, Detail = e.Detail, ActorId = e.ActorId });
        }
        await db.SaveChangesAsync();
    }

    private DateTime Now => time.GetUtcNow().UtcDateTime;
}
