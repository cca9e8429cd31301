using Microsoft.AspNetCore.SignalR;

namespace ProctorWeb.Realtime;

/// <summary>
/// Logs every refused hub call with who tried what, so abuse is visible without crashing anything, and every
/// real failure of a hub method as an error. SignalR's own line for both is an error with a stack trace, so
/// that one line is switched off (see <see cref="QuietFrameworkInvocationErrors"/>) and this filter speaks instead.
/// </summary>
public sealed class RefusalLoggingFilter(ILogger<RefusalLoggingFilter> logger) : IHubFilter
{
    public const string DispatcherCategory = "Microsoft.AspNetCore.SignalR.Internal.DefaultHubDispatcher";

    // Not async on the way in: a call that completes at once (a relayed signal does) costs no state machine here.
    // Hub methods that are not async throw before they return a task, so both ways out are watched.
    public ValueTask<object?> InvokeMethodAsync(HubInvocationContext context, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        ValueTask<object?> invocation;
        try
        {
            invocation = next(context);
        }
        catch (Exception ex)
        {
            Log(context, ex);
            throw;
        }
        return invocation.IsCompletedSuccessfully ? invocation : AwaitAsync(context, invocation);
    }

    private async ValueTask<object?> AwaitAsync(HubInvocationContext context, ValueTask<object?> invocation)
    {
        try
        {
            return await invocation;
        }
        catch (Exception ex)
        {
            Log(context, ex);
            throw;
        }
    }

    private void Log(HubInvocationContext context, Exception exception)
    {
        if (exception is HubException)
        {
            logger.LogWarning("Refused {Hub}.{Method} from user {User}: {Reason}",
                context.Hub.GetType().Name, context.HubMethodName, context.Context.UserIdentifier ?? "(anonymous)", exception.Message);
        }
        else if (exception is not OperationCanceledException || !context.Context.ConnectionAborted.IsCancellationRequested)
        {
            logger.LogError(exception, "{Hub}.{Method} failed for user {User}",
                context.Hub.GetType().Name, context.HubMethodName, context.Context.UserIdentifier ?? "(anonymous)");
        }
    }

    /// <summary>
    /// SignalR logs every exception out of a hub method at Error (DefaultHubDispatcher, "Failed to invoke hub method"),
    /// including the HubExceptions that are our deliberate answers to bad requests; a student clicking twice would page
    /// whoever watches errors. Its warnings and criticals still pass; its errors come from the filter above instead.
    /// </summary>
    public static void QuietFrameworkInvocationErrors(LoggerFilterOptions options) =>
        options.AddFilter(DispatcherCategory, level => level is LogLevel.Warning or LogLevel.Critical);
}
