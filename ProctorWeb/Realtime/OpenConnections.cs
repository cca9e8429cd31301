using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Localization;
using ProctorWeb.Accounts;
using ProctorWeb.Text;
using ProctorWeb.Exams;

namespace ProctorWeb.Realtime;

/// <summary>
/// Every open hub connection of this process, on either hub, with whose it is (an account, or a student's
/// invitation), so that access taken away is taken from open connections too: a signed-out user, a removed
/// co-proctor or student. SignalR checks who someone is only when a connection opens; revoking is how a change
/// reaches one already open. A revoked connection's calls are refused at once, and the server closes it (without
/// a reconnect) a moment later; its hub's disconnect handler then frees its seat as for any other.
/// </summary>
public sealed class OpenConnections : ProctorWeb.Cluster.IRoomUse
{
    /// <summary>
    /// How long a revoked connection stays open: what was sent just before (the reason a student was sent away, "the
    /// exam is over") must leave the server first, and an abort drops whatever the transport has not sent yet. Real
    /// time, not the app's clock: it waits for the network, not for anything an exam schedules.
    /// </summary>
    public static readonly TimeSpan CloseAfter = TimeSpan.FromMilliseconds(300);

    private sealed class Entry(HubCallerContext context, string? userId, int? rosterId)
    {
        public HubCallerContext Context { get; } = context;
        public string? UserId { get; } = userId;
        public int? RosterId { get; } = rosterId;
        public volatile bool Revoked;
        // The exam or the calls page this connection is part of (Cluster.Rooms), once it joined.
        public volatile string? Room;
    }

    /// <summary>
    /// Raised for an account's or a student's revocation asked for here (not for one applied from another node),
    /// so that a cluster can take it to every other node's connections.
    /// </summary>
    public event Action<Revocation>? Revoked;

    private readonly ConcurrentDictionary<string, Entry> _open = new();

    /// <summary>Every connection of this account (both hubs, every tab), on every node.</summary>
    public int RevokeAccount(string userId) => RevokeEverywhere(new Revocation(userId, null));

    /// <summary>Every connection that came with this student's invitation cookie, joined or not, on every node.</summary>
    public int RevokeStudent(int rosterId) => RevokeEverywhere(new Revocation(null, rosterId));

    /// <summary>A revocation another node asked for, applied to this node's connections.</summary>
    public int RevokeHere(Revocation revocation) =>
        revocation.UserId is { } userId ? RevokeWhere(e => e.UserId == userId)
        : revocation.RosterId is { } rosterId ? RevokeWhere(e => e.RosterId == rosterId)
        : 0;

    /// <summary>The connection is now part of this room (an exam it joined or watches, the calls page).</summary>
    public void EnterRoom(string connectionId, string room)
    {
        if (_open.TryGetValue(connectionId, out var entry))
        {
            entry.Room = room;
        }
    }

    public bool InUse(string room) => _open.Values.Any(e => e.Room == room);

    /// <summary>
    /// Drops every connection of the room at once, as if this node had gone: their pages reconnect through the
    /// balancer to the room's new owner. Not a revocation: they may do everything again there.
    /// </summary>
    public void CloseRoom(string room)
    {
        foreach (var entry in _open.Values.Where(e => e.Room == room))
        {
            entry.Context.Abort();
        }
    }

    private int RevokeEverywhere(Revocation revocation)
    {
        var revoked = RevokeHere(revocation);
        Revoked?.Invoke(revocation);
        return revoked;
    }

    public void Revoke(string connectionId)
    {
        if (_open.TryGetValue(connectionId, out var entry))
        {
            Revoke(entry);
        }
    }

    // A scan rather than an index per key: revocations are rare, connections a few thousand at most.
    private int RevokeWhere(Func<Entry, bool> which)
    {
        var revoked = 0;
        foreach (var entry in _open.Values.Where(which))
        {
            Revoke(entry);
            revoked++;
        }
        return revoked;
    }

    private static void Revoke(Entry entry)
    {
        if (entry.Revoked)
        {
            return;
        }
        entry.Revoked = true;
        _ = CloseSoonAsync(entry.Context);
    }

    private static async Task CloseSoonAsync(HubCallerContext context)
    {
        await Task.Delay(CloseAfter);
        context.Abort();
    }

    /// <summary>
    /// Keeps the list (a connection is in it from before its hub's OnConnectedAsync until after its OnDisconnectedAsync)
    /// and refuses every call of a revoked connection.
    /// </summary>
    public sealed class Tracking(OpenConnections connections, IStringLocalizer<LiveText> T) : IHubFilter
    {
        public ValueTask<object?> InvokeMethodAsync(HubInvocationContext context, Func<HubInvocationContext, ValueTask<object?>> next) =>
            connections._open.TryGetValue(context.Context.ConnectionId, out var entry) && entry.Revoked
                ? throw new HubException(T["Your access has ended: this page may do nothing more."])
                : next(context);

        public async Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
        {
            var caller = context.Context;
            var user = caller.User;
            connections._open[caller.ConnectionId] = new Entry(caller, user.HasAccount() ? caller.UserIdentifier : null, user.RosterEntryId());
            await next(context);
        }

        public async Task OnDisconnectedAsync(HubLifetimeContext context, Exception? exception, Func<HubLifetimeContext, Exception?, Task> next)
        {
            try
            {
                await next(context, exception);
            }
            finally
            {
                connections._open.TryRemove(context.Context.ConnectionId, out _);
            }
        }
    }
}

/// <summary>An account's (UserId) or a student's invitation's (RosterId) connections lose their access.</summary>
public sealed record Revocation(string? UserId, int? RosterId);
