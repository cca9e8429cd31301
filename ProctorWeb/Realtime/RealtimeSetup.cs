using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ProctorWeb.Realtime;

/// <summary>SignalR itself, shared by every hub: limits, keep-alive, filters, and the clock that timers read.</summary>
public static class RealtimeSetup
{
    /// <summary>Largest hub message accepted; an SDP with many candidates stays far below it.</summary>
    public const int MaximumHubMessageBytes = 64 * 1024;

    public static IServiceCollection AddRealtime(this IServiceCollection services)
    {
        // Ring timeouts, reconnect graces and exam start and end all read this one clock; tests replace it.
        services.TryAddSingleton(TimeProvider.System);
        // Refusals (throttled, too many pages, access ended) are in the caller's words; AddLocalization adds only what is missing.
        services.AddLocalization();
        // Words sent to one connection because of another's call are written in the reader's language.
        services.TryAddSingleton<ProctorWeb.Localization.ConnectionLanguages>();
        services.TryAddSingleton<ProctorWeb.Localization.ServerText>();
        services.AddOptions<HubRateLimitOptions>().BindConfiguration(HubRateLimitOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.Configure<LoggerFilterOptions>(RefusalLoggingFilter.QuietFrameworkInvocationErrors);
        services.AddSignalR(o =>
        {
            o.MaximumReceiveMessageSize = MaximumHubMessageBytes;
            // A tab whose network vanished sends no close frame; with the browser pinging every
            // 2 s (signaling.js), 6 s of silence means it is gone and its call or exam seat is freed.
            o.KeepAliveInterval = TimeSpan.FromSeconds(2);
            o.ClientTimeoutInterval = TimeSpan.FromSeconds(6);
        });
        // Every hub, throttling first: a flood is refused before any hub code runs or any refusal is logged.
        // One instance of each serves every call (neither keeps state: a connection's bucket lives in its Items).
        // Added by type instead, SignalR would build both anew for each call, relayed signals included.
        services.AddSingleton<HubRateLimitFilter>();
        services.AddSingleton<RefusalLoggingFilter>();
        // This one keeps state (open connections per person), so it must be one instance for every hub.
        services.AddSingleton<HubConnectionLimitFilter>();
        // Who holds each exam and the calls page: this node, unless AddCluster puts the owner map in Redis.
        services.TryAddSingleton<ProctorWeb.Cluster.IRoomOwnership, ProctorWeb.Cluster.SingleNode>();
        services.TryAddSingleton<ProctorWeb.Cluster.RoomGate>();
        // Who each open connection belongs to, so revoked access closes it (OpenConnections).
        services.AddSingleton<OpenConnections>();
        services.AddSingleton<OpenConnections.Tracking>();
        services.AddOptions<HubOptions>().Configure<HubRateLimitFilter, RefusalLoggingFilter, HubConnectionLimitFilter, OpenConnections.Tracking>((o, throttling, refusals, connections, tracking) =>
        {
            o.AddFilter(connections);
            o.AddFilter(throttling);
            o.AddFilter(refusals);
            o.AddFilter(tracking);
        });
        return services;
    }
}
