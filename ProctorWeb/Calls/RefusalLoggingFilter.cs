using Microsoft.AspNetCore.SignalR;

namespace ProctorWeb.Calls;

/// <summary>
/// Logs every refused hub call with who tried what, so abuse is visible without crashing anything, and every
/// real failure of a hub method as an error. SignalR's own line for both is an error with a stack trace, so
/// that one line is switched off (see <see cref="QuietFrameworkInvocationErrors"/>) and this filter speaks instead.
/// </summary>
public sealed class RefusalLoggingFilter(ILogger<RefusalLoggingFilter> logger) : IHubFilter
{
    public const string DispatcherCategory = "Microsoft.AspNetCore.SignalR.Internal.DefaultHubDispatcher";

    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext context, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        try
        {
            return await next(context);
        }
        catch (HubException ex)
        {
            logger.LogWarning("Refused {Hub}.{Method} from user {User}: {Reason}",
                context.Hub.GetType().Name, context.HubMethodName, context.Context.UserIdentifier ?? "(anonymous)", ex.Message);
            throw;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !context.Context.ConnectionAborted.IsCancellationRequested)
        {
            logger.LogError(ex, "{Hub}.{Method} failed for user {User}",
                context.Hub.GetType().Name, context.HubMethodName, context.Context.UserIdentifier ?? "(anonymous)");
            throw;
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
