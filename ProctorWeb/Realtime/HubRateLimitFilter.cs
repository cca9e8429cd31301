using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using ProctorWeb.Text;

namespace ProctorWeb.Realtime;

/// <summary>
/// A token bucket per connection, for every hub: calls beyond the rate are refused before any hub code runs,
/// and a connection that keeps on far beyond it is closed, so one flooding tab costs the server little and
/// delays no one else's messages.
/// </summary>
public sealed class HubRateLimitFilter(IOptions<HubRateLimitOptions> options, TimeProvider time, ILogger<HubRateLimitFilter> logger, IStringLocalizer<LiveText> T) : IHubFilter
{
    /// <summary>The refusal in English; the caller reads it in their page's language.</summary>
    public const string TooManyMessages = "Too many messages: slow down.";

    // Not async: an allowed call, which is nearly every call, hands the invocation on without a state machine of its own.
    public ValueTask<object?> InvokeMethodAsync(HubInvocationContext context, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        var connection = context.Context;
        // Items belongs to this connection, and its calls run one at a time (SignalR's default), so no lock is needed to create it.
        if (connection.Items.TryGetValue(typeof(HubTokenBucket), out var stored) is false || stored is not HubTokenBucket bucket)
        {
            bucket = new HubTokenBucket(options.Value);
            connection.Items[typeof(HubTokenBucket)] = bucket;
        }
        var verdict = bucket.Take(Now);
        if (verdict == HubTokenBucket.Verdict.Allowed)
        {
            return next(context);
        }
        Refuse(context, verdict);
        throw new HubException(T["Too many messages: slow down."]);
    }

    private void Refuse(HubInvocationContext context, HubTokenBucket.Verdict verdict)
    {
        var connection = context.Context;
        switch (verdict)
        {
            case HubTokenBucket.Verdict.FirstRefusal:
                logger.LogWarning("Throttling {Hub} connection {ConnectionId} of user {User}: more than {Rate} calls per second",
                    context.Hub.GetType().Name, connection.ConnectionId, connection.UserIdentifier ?? "(none)", options.Value.PermitsPerSecond);
                break;
            case HubTokenBucket.Verdict.Close:
                logger.LogWarning("Closing {Hub} connection {ConnectionId} of user {User}: it went on after {Refusals} refused calls",
                    context.Hub.GetType().Name, connection.ConnectionId, connection.UserIdentifier ?? "(none)", options.Value.CloseAfterRefusals);
                connection.Abort();
                break;
        }
    }

    private TimeSpan Now => TimeSpan.FromSeconds(time.GetTimestamp() / (double)time.TimestampFrequency);
}

/// <summary>
/// Tokens refill at the permitted rate up to the burst; each call takes one. Refusals are remembered and
/// forgiven at the same rate, so a client that merely runs a little fast is only slowed, while one that keeps
/// sending far more than it may reaches the closing point quickly.
/// </summary>
public sealed class HubTokenBucket(HubRateLimitOptions options)
{
    public enum Verdict
    {
        Allowed,
        /// <summary>Refused, after a quiet spell: worth one log line.</summary>
        FirstRefusal,
        Refused,
        /// <summary>Refused, and the connection should be closed. Said once.</summary>
        Close,
    }

    private readonly Lock _gate = new();
    private double _tokens = options.Burst;
    private double _refusals;
    private bool _closed;
    private TimeSpan? _last;

    /// <param name="now">A monotonic time; only differences matter.</param>
    public Verdict Take(TimeSpan now)
    {
        lock (_gate)
        {
            var elapsed = _last is { } last && now > last ? (now - last).TotalSeconds : 0;
            _last = now;
            _tokens = Math.Min(options.Burst, _tokens + elapsed * options.PermitsPerSecond);
            _refusals = Math.Max(0, _refusals - elapsed * options.PermitsPerSecond);
            if (_tokens >= 1)
            {
                _tokens -= 1;
                return Verdict.Allowed;
            }
            var first = _refusals < 1;
            _refusals += 1;
            if (_refusals >= options.CloseAfterRefusals && !_closed)
            {
                _closed = true;
                return Verdict.Close;
            }
            return first ? Verdict.FirstRefusal : Verdict.Refused;
        }
    }
}
