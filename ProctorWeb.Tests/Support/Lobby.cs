using ProctorWeb.Calls;

namespace ProctorWeb.Tests.Support;

/// <summary>Small steps that most call tests take, kept in one place so each test reads as its scenario.</summary>
public static class Lobby
{
    /// <summary>
    /// Waits until every client's presence list shows all of them. Until then a Ring may find the
    /// callee "offline": the handshake reply comes before the hub's OnConnectedAsync has run.
    /// </summary>
    public static async Task EveryoneSeesEveryoneAsync(params HubClient[] clients)
    {
        var ids = clients.Select(c => c.User.Id).ToHashSet();
        foreach (var client in clients)
        {
            await client.WaitForOnlineUsersAsync(users => ids.IsSubsetOf(users.Select(u => u.Id)));
        }
    }

    /// <summary>Waits for a presence list that satisfies <paramref name="match"/>.</summary>
    public static Task<IReadOnlyList<OnlineUser>> WaitForOnlineUsersAsync(this HubClient client, Func<IReadOnlyList<OnlineUser>, bool> match) =>
        client.WaitForAsync(nameof(ICallClient.OnlineUsers), match);

    public static Task<RingResult> RingAsync(this HubClient caller, string userId) =>
        caller.InvokeAsync<RingResult>(nameof(CallHub.Ring), userId);

    /// <summary>Rings and returns the call's id once the callee has been told.</summary>
    public static async Task<string> RingAsync(HubClient caller, HubClient callee)
    {
        var result = await caller.RingAsync(callee.User.Id);
        Assert.Equal(RingOutcomes.Ringing, result.Outcome);
        var callId = result.CallId!;
        await callee.WaitForAsync<IncomingCall>(nameof(ICallClient.IncomingCall), call => call.CallId == callId);
        return callId;
    }

    /// <summary>Rings and accepts, and returns once both sides have been told the call started.</summary>
    public static async Task<string> StartCallAsync(HubClient caller, HubClient callee)
    {
        var callId = await RingAsync(caller, callee);
        await callee.InvokeAsync(nameof(CallHub.Accept), callId);
        await caller.WaitForCallStartedAsync(callId);
        await callee.WaitForCallStartedAsync(callId);
        return callId;
    }

    public static Task<CallStarted> WaitForCallStartedAsync(this HubClient client, string callId) =>
        client.WaitForAsync<CallStarted>(nameof(ICallClient.CallStarted), call => call.CallId == callId);

    public static Task<CallEnded> WaitForCallEndedAsync(this HubClient client, string callId, TimeSpan? timeout = null) =>
        client.WaitForAsync<CallEnded>(nameof(ICallClient.CallEnded), ended => ended.CallId == callId, timeout);

    public static string? StatusOf(this IReadOnlyList<OnlineUser> users, HubClient client) =>
        users.SingleOrDefault(u => u.Id == client.User.Id)?.Status;
}
