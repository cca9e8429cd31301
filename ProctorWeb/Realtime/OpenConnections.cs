using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;
using ProctorWeb.Accounts;
using ProctorWeb.Exams;

namespace ProctorWeb.Realtime;

/// <summary>
/// Every open hub connection of this process, on either hub, with whose it is (an account, or a student's
/// invitation), so that access taken away is taken from open connections too: a signed-out user, a removed
/// co-proctor or student. SignalR checks who someone is only when a connection opens; closing the connection
/// is how a revocation reaches one already open. An aborted connection closes without a reconnect, and its
/// hub's disconnect handler frees its seat as for any other.
/// </summary>
public sealed class OpenConnections
{
    private sealed record Entry(HubCallerContext Context, string? UserId, int? RosterId);

    private readonly ConcurrentDictionary<string, Entry> _open = new();

    public int Count => _open.Count;

    /// <summary>Closes every connection of this account (both hubs, every tab).</summary>
    public int AbortAccount(string userId) => AbortWhere(e => e.UserId == userId);

    /// <summary>Closes every connection that came with this student's invitation cookie, joined or not.</summary>
    public int AbortStudent(int rosterId) => AbortWhere(e => e.RosterId == rosterId);

    public void Abort(string connectionId)
    {
        if (_open.TryGetValue(connectionId, out var entry))
        {
            entry.Context.Abort();
        }
    }

    // A scan rather than an index per key: revocations are rare, connections a few thousand at most.
    private int AbortWhere(Func<Entry, bool> which)
    {
        var aborted = 0;
        foreach (var entry in _open.Values.Where(which))
        {
            entry.Context.Abort();
            aborted++;
        }
        return aborted;
    }

    /// <summary>Keeps the list: a connection is in it from before its hub's OnConnectedAsync until after its OnDisconnectedAsync.</summary>
    public sealed class Tracking(OpenConnections connections) : IHubFilter
    {
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
