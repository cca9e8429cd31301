using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace ProctorWeb.Cluster;

/// <summary>
/// The owner map in Redis: a room is held by a lease (its key with an expiry) that only its holder renews, a
/// third of the lease at a time, while the room is in use here. A node that dies stops renewing, the lease runs
/// out, and the next connection routed for the room claims it elsewhere. A node that comes back starts with a new
/// incarnation and holds nothing, so no room is ever split between two nodes. A stalled node that finds its
/// lease taken lets go of the room's connections, which reconnect to the new owner.
/// </summary>
public sealed class RedisRooms(IConnectionMultiplexer redis, IOptions<ClusterOptions> options, IServiceProvider services, ILogger<RedisRooms> logger)
    : BackgroundService, IRoomOwnership
{
    /// <summary>A room claimed for a connection that has not arrived yet is held this long for it.</summary>
    private static readonly TimeSpan ClaimedAwaitingUse = TimeSpan.FromSeconds(15);

    /// <summary>How long the last renewal of a room is remembered: a takeover within it records the gap.</summary>
    private static readonly TimeSpan SeenKept = TimeSpan.FromDays(1);

    // Claims only a room nobody holds, and hands back when its previous holder was last seen renewing it.
    private const string ClaimScript = """
        local v = redis.call('GET', KEYS[1])
        if v then return {v, ''} end
        local seen = redis.call('GET', KEYS[2])
        if not seen then seen = '' end
        redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
        redis.call('SET', KEYS[2], ARGV[1] .. '@' .. ARGV[3], 'PX', ARGV[4])
        return {ARGV[1], seen}
        """;

    private const string RenewScript = """
        if redis.call('GET', KEYS[1]) == ARGV[1] then
          redis.call('PEXPIRE', KEYS[1], ARGV[2])
          redis.call('SET', KEYS[2], ARGV[1] .. '@' .. ARGV[3], 'PX', ARGV[4])
          return 1
        end
        return 0
        """;

    // A clean goodbye forgets the last sighting too: the next owner has no gap to record.
    private const string ReleaseScript = """
        if redis.call('GET', KEYS[1]) == ARGV[1] then
          redis.call('DEL', KEYS[1], KEYS[2])
          return 1
        end
        return 0
        """;

    private readonly ClusterOptions _options = options.Value;
    private readonly string _me = $"{options.Value.Node}|{options.Value.Address}|{Guid.NewGuid():N}";
    private readonly ConcurrentDictionary<string, long> _held = new();
    private long _lastRenewedAt = Stopwatch.GetTimestamp();

    private TimeSpan Lease => TimeSpan.FromSeconds(_options.LeaseSeconds);

    /// <summary>This process's value in the owner map (node, address and a per-start guid): its incarnation.</summary>
    public string Me => _me;

    public IReadOnlyCollection<string> Held => _held.Keys.ToList();

    public async Task<RoomOwner> ClaimAsync(string room)
    {
        var result = (RedisResult[])(await Database.ScriptEvaluateAsync(ClaimScript, [OwnerKey(room), SeenKey(room)],
            [_me, (long)Lease.TotalMilliseconds, NowMs(), (long)SeenKept.TotalMilliseconds]))!;
        var owner = (string)result[0]!;
        if (owner == _me)
        {
            _held.TryAdd(room, Stopwatch.GetTimestamp());
            var seen = (string)result[1]!;
            if (seen.Length > 0 && Sighting(seen) is { } previous && previous.Value != _me)
            {
                _ = TakeOverAsync(room, previous.Value, previous.AtUtc);
            }
        }
        return OwnerOf(owner);
    }

    public async Task<RoomOwner?> OwnerAsync(string room)
    {
        var owner = await Database.StringGetAsync(OwnerKey(room));
        return owner.IsNullOrEmpty ? null : OwnerOf(owner!);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Lease / 3);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await RenewAsync();
                _lastRenewedAt = Stopwatch.GetTimestamp();
            }
            catch (Exception e) when (e is RedisException or TimeoutException)
            {
                logger.LogWarning(e, "Renewing this node's rooms in Redis failed.");
                // Past the lease another node may hold them: serving them on here could split an exam.
                if (Stopwatch.GetElapsedTime(_lastRenewedAt) > Lease)
                {
                    foreach (var room in _held.Keys)
                    {
                        LetGo(room);
                    }
                }
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        // A clean stop hands every room over at once instead of after the lease.
        try
        {
            foreach (var room in _held.Keys)
            {
                await Database.ScriptEvaluateAsync(ReleaseScript, [OwnerKey(room), SeenKey(room)], [_me]);
            }
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            logger.LogWarning(e, "Handing this node's rooms back to Redis at stop failed; their leases run out instead.");
        }
    }

    private async Task RenewAsync()
    {
        var uses = services.GetServices<IRoomUse>().ToList();
        foreach (var (room, claimedAt) in _held)
        {
            if (!uses.Any(u => u.InUse(room)) && Stopwatch.GetElapsedTime(claimedAt) > ClaimedAwaitingUse)
            {
                _held.TryRemove(room, out _);
                await Database.ScriptEvaluateAsync(ReleaseScript, [OwnerKey(room), SeenKey(room)], [_me]);
                continue;
            }
            var renewed = (long)await Database.ScriptEvaluateAsync(RenewScript, [OwnerKey(room), SeenKey(room)],
                [_me, (long)Lease.TotalMilliseconds, NowMs(), (long)SeenKept.TotalMilliseconds]);
            if (renewed == 0)
            {
                logger.LogWarning("Room {Room} is held by another node now; its connections here reconnect there.", room);
                LetGo(room);
            }
        }
    }

    private void LetGo(string room)
    {
        _held.TryRemove(room, out _);
        foreach (var loss in services.GetServices<IRoomLoss>())
        {
            loss.Lost(room);
        }
    }

    private async Task TakeOverAsync(string room, string previous, DateTime lastSeenUtc)
    {
        var previousNode = previous.Split('|')[0];
        logger.LogWarning("Room {Room} taken over from node {Node}, last seen {LastSeen:O}.", room, previousNode, lastSeenUtc);
        try
        {
            foreach (var takeover in services.GetServices<IRoomTakeover>())
            {
                await takeover.TakenOverAsync(room, previousNode, lastSeenUtc, DateTime.UtcNow);
            }
        }
        catch (Exception e)
        {
            logger.LogError(e, "Recording the takeover of room {Room} failed.", room);
        }
    }

    private RoomOwner OwnerOf(string value)
    {
        var parts = value.Split('|');
        return new RoomOwner(parts[0], parts.Length > 1 ? parts[1] : null, value == _me, value);
    }

    private static (string Value, DateTime AtUtc)? Sighting(string seen)
    {
        var at = seen.LastIndexOf('@');
        return at > 0 && long.TryParse(seen.AsSpan(at + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var ms)
            ? (seen[..at], DateTimeOffset.FromUnixTimeMilliseconds(ms).UtcDateTime)
            : null;
    }

    private IDatabase Database => redis.GetDatabase();

    private static RedisKey OwnerKey(string room) => $"proctorweb:owner:{room}";

    private static RedisKey SeenKey(string room) => $"proctorweb:seen:{room}";

    private static long NowMs() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
}
