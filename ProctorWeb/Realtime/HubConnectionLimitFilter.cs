using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using ProctorWeb.Exams;
using ProctorWeb.Text;

namespace ProctorWeb.Realtime;

/// <summary>
/// At most <see cref="HubRateLimitOptions.ConnectionsPerUser"/> open hub connections per person, over every hub:
/// each one holds server memory and a socket, and a script opening thousands under one account must not take
/// them from everyone else. A person is their account, or a student their invitation.
/// </summary>
public sealed class HubConnectionLimitFilter(IOptions<HubRateLimitOptions> options, ILogger<HubConnectionLimitFilter> logger, IStringLocalizer<LiveText> T) : IHubFilter
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, int> _perPerson = new();
    // Which connections were counted, so only those are uncounted, whether or not SignalR reports a refused one's end.
    private readonly Dictionary<string, string> _counted = new();

    /// <summary>The refusal, in the connecting page's language (the culture filter runs first).</summary>
    public string TooMany => T["You have {0} pages of this site open already, the most one person may. Close some of them and reload this one.", options.Value.ConnectionsPerUser];

    public async Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        var connection = context.Context;
        if (Person(connection) is { } person)
        {
            lock (_gate)
            {
                var open = _perPerson.GetValueOrDefault(person);
                if (open >= options.Value.ConnectionsPerUser)
                {
                    logger.LogWarning("Refused {Hub} connection {ConnectionId} of {Person}: {Open} open already",
                        context.Hub.GetType().Name, connection.ConnectionId, person, open);
                    throw new HubException(TooMany);
                }
                _perPerson[person] = open + 1;
                _counted[connection.ConnectionId] = person;
            }
        }
        try
        {
            await next(context);
        }
        catch
        {
            Uncount(connection.ConnectionId);
            throw;
        }
    }

    public async Task OnDisconnectedAsync(HubLifetimeContext context, Exception? exception, Func<HubLifetimeContext, Exception?, Task> next)
    {
        Uncount(context.Context.ConnectionId);
        await next(context, exception);
    }

    private void Uncount(string connectionId)
    {
        lock (_gate)
        {
            if (!_counted.Remove(connectionId, out var person))
            {
                return;
            }
            if (_perPerson[person] <= 1)
            {
                _perPerson.Remove(person);
            }
            else
            {
                _perPerson[person]--;
            }
        }
    }

    private static string? Person(HubCallerContext connection) =>
        connection.UserIdentifier is { Length: > 0 } user ? $"user {user}"
        : connection.User.RosterEntryId() is { } rosterId ? $"student {rosterId}"
        : null;
}
