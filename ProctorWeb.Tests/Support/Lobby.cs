using System.Text.Json;

namespace ProctorWeb.Tests.Support;

/// <summary>Small steps that most call tests take, kept in one place so each test reads as its scenario.</summary>
public static class Lobby
{
    /// <summary>
    /// Waits until every client's presence list shows all of them. Until then a Ring may find the
    /// callee "offline": the handshake reply comes before the hub's OnConnectedAsync has run.
    /// </summary>
    public static async Task EveryoneSeesEveryoneAsync(params HubTestClient[] clients)
    {
        var ids = clients.Select(c => c.User.Id).ToHashSet();
        foreach (var client in clients)
        {
            await client.WaitForOnlineUsersAsync(users => ids.IsSubsetOf(users.Select(u => u.Id)));
        }
    }

    public static async Task<string> RingAsync(HubTestClient caller, HubTestClient callee)
    {
        var result = await caller.InvokeAsync<JsonElement>("Ring", callee.User.Id);
        Assert.Equal("ringing", result.GetProperty("outcome").GetString());
        var callId = result.GetProperty("callId").GetString()!;
        await callee.WaitForAsync("IncomingCall", a => a[0].GetProperty("callId").GetString() == callId);
        return callId;
    }

    /// <summary>Rings and accepts, and returns once both sides have been told the call started.</summary>
    public static async Task<string> StartCallAsync(HubTestClient caller, HubTestClient callee)
    {
        var callId = await RingAsync(caller, callee);
        await callee.InvokeAsync("Accept", callId);
        await caller.WaitForAsync("CallStarted", a => a[0].GetProperty("callId").GetString() == callId);
        await callee.WaitForAsync("CallStarted", a => a[0].GetProperty("callId").GetString() == callId);
        return callId;
    }

    public static Task<JsonElement[]> WaitForCallEndedAsync(this HubTestClient client, string callId, TimeSpan? timeout = null) =>
        client.WaitForAsync("CallEnded", a => a[0].GetProperty("callId").GetString() == callId, timeout);

    public static string Reason(this JsonElement[] callEnded) => callEnded[0].GetProperty("reason").GetString()!;

    public static string? StatusOf(this IReadOnlyList<(string Id, string Name, string Status)> users, HubTestClient client) =>
        users.SingleOrDefault(u => u.Id == client.User.Id).Status;
}
