using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Localization;
using ProctorWeb.Realtime;
using ProctorWeb.Text;

namespace ProctorWeb.Cluster;

/// <summary>
/// Lets a hub connection into a room only on the node that holds it. The balancer sends a room's connections to its
/// owner; one that arrives elsewhere anyway (the owner changed while it connected) is refused and dropped, and its
/// page reconnects through the balancer to the owner, so an exam is never served by two nodes at once.
/// </summary>
public sealed class RoomGate(IRoomOwnership rooms, OpenConnections connections, IStringLocalizer<LiveText> T)
{
    public async Task EnterAsync(HubCallerContext caller, string room)
    {
        if (!(await rooms.ClaimAsync(room)).IsThisNode)
        {
            _ = DropSoonAsync(caller);
            throw new HubException(T["Another server holds this page's exam or calls now; the page reconnects to it."]);
        }
        connections.EnterRoom(caller.ConnectionId, room);
    }

    // After the refusal has left: an abort drops what the transport has not sent yet.
    private static async Task DropSoonAsync(HubCallerContext caller)
    {
        await Task.Delay(OpenConnections.CloseAfter);
        caller.Abort();
    }
}
