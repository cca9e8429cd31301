using Microsoft.AspNetCore.SignalR;

namespace ProctorWeb.Calls;

/// <summary>Logs every refused hub call with who tried what, so abuse is visible without crashing anything.</summary>
public sealed class RefusalLoggingFilter(ILogger<RefusalLoggingFilter> logger) : IHubFilter
{
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
    }
}
