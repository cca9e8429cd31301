using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Localization;
using ProctorWeb.Accounts;
using ProctorWeb.Cluster;
using ProctorWeb.Realtime;
using ProctorWeb.Text;

namespace ProctorWeb.Calls;

/// <summary>Signaling for one-to-one calls between signed-in users. State lives in <see cref="CallCoordinator"/>.</summary>
[Authorize]
public sealed class CallHub(CallCoordinator calls, RoomGate rooms, IStringLocalizer<LiveText> T) : Hub<ICallClient>
{
    public const string Path = "/hubs/calls";

    private string Me => Context.UserIdentifier ?? throw new HubException(T["Sign in to make calls."]);

    // Presence is one list: every calls page is connected to the node holding it.
    public override async Task OnConnectedAsync()
    {
        await rooms.EnterAsync(Context, Rooms.Calls);
        await calls.ConnectAsync(Me, Context.User.DisplayName(), Context.ConnectionId, Context.Abort);
    }

    // An exception means the connection died rather than closed: the tab may come back to its call.
    public override Task OnDisconnectedAsync(Exception? exception) => calls.DisconnectAsync(Me, Context.ConnectionId, unexpected: exception is not null);

    /// <summary>After a reconnect: true if the call this tab was in still goes on.</summary>
    public bool Resume(string callId) => calls.IsInCall(Me, Context.ConnectionId, HubArguments.Id(callId, T));

    public Task<RingResult> Ring(string userId) => calls.RingAsync(Me, Context.ConnectionId, HubArguments.Id(userId, T));

    public Task Accept(string callId) => calls.AcceptAsync(Me, Context.ConnectionId, HubArguments.Id(callId, T));

    public Task Decline(string callId) => calls.DeclineAsync(Me, Context.ConnectionId, HubArguments.Id(callId, T));

    public Task Cancel(string callId) => calls.CancelAsync(Me, Context.ConnectionId, HubArguments.Id(callId, T));

    public Task HangUp(string callId) => calls.HangUpAsync(Me, Context.ConnectionId, HubArguments.Id(callId, T));

    /// <summary>Pages send this without a completion; a refusal is pushed back as SignalRefused.</summary>
    public async Task Signal(string to, SignalMessage message)
    {
        try
        {
            await calls.SignalAsync(Me, Context.ConnectionId, HubArguments.Id(to, T), message ?? throw new HubException(T["A signaling message is required."]));
        }
        catch (HubException refused)
        {
            await SignalRefusals.AnswerAsync(Clients.Caller, to, refused);
        }
    }

}
