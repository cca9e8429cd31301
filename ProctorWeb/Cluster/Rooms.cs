using System.Globalization;

namespace ProctorWeb.Cluster;

/// <summary>
/// What one node holds for the whole cluster: each exam's live state (seats, timers) and the calls page's
/// presence. Every hub connection of a room is on its owner, so what lives in memory there is the whole truth.
/// </summary>
public static class Rooms
{
    public const string Calls = "calls";

    private const string ExamPrefix = "exam:";

    public static string Exam(int examId) => ExamPrefix + examId.ToString(CultureInfo.InvariantCulture);

    public static int? ExamId(string room) =>
        room.StartsWith(ExamPrefix, StringComparison.Ordinal)
        && int.TryParse(room.AsSpan(ExamPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;
}

/// <summary>The node that holds a room now.</summary>
/// <param name="Address">host:port the balancer reaches it at; null on a single node.</param>
/// <param name="Incarnation">The owner's process (a node that restarts is a new one): messages for the owner go to it.</param>
public sealed record RoomOwner(string Node, string? Address, bool IsThisNode, string Incarnation = "");

/// <summary>Who holds each room. On one node, always this node; in a cluster, a lease in Redis.</summary>
public interface IRoomOwnership
{
    /// <summary>The room's owner, this node if nobody held it (it then holds it while the room is in use).</summary>
    Task<RoomOwner> ClaimAsync(string room);

    /// <summary>The room's owner now, without claiming it; null if nobody holds it.</summary>
    Task<RoomOwner?> OwnerAsync(string room);
}

/// <summary>Something that keeps a room in use on this node (open connections, a running exam clock).</summary>
public interface IRoomUse
{
    bool InUse(string room);
}

/// <summary>What this node does when it no longer holds a room it held: another node has it now.</summary>
public interface IRoomLoss
{
    void Lost(string room);
}

/// <summary>What the new owner of a room does when its previous owner vanished without letting go (it died).</summary>
public interface IRoomTakeover
{
    Task TakenOverAsync(string room, string previousNode, DateTime lastSeenUtc, DateTime takenUtc);
}

/// <summary>One node: it holds everything.</summary>
public sealed class SingleNode : IRoomOwnership
{
    private static readonly RoomOwner Me = new(Environment.MachineName, null, true);

    public Task<RoomOwner> ClaimAsync(string room) => Task.FromResult(Me);

    public Task<RoomOwner?> OwnerAsync(string room) => Task.FromResult<RoomOwner?>(Me);
}
