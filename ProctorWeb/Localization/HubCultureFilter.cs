using System.Globalization;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.SignalR;

namespace ProctorWeb.Localization;

/// <summary>
/// A hub call runs in the language its connection was opened in (the page's), so a refusal reads in the
/// caller's words. The connection's request went through request localization; its invocations do not.
/// </summary>
public sealed class HubCultureFilter : IHubFilter
{
    public ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        UseCultureOf(invocationContext.Context);
        return next(invocationContext);
    }

    public Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        UseCultureOf(context.Context);
        return next(context);
    }

    public Task OnDisconnectedAsync(HubLifetimeContext context, Exception? exception, Func<HubLifetimeContext, Exception?, Task> next)
    {
        UseCultureOf(context.Context);
        return next(context, exception);
    }

    private static void UseCultureOf(HubCallerContext connection)
    {
        var culture = connection.GetHttpContext()?.Features.Get<IRequestCultureFeature>()?.RequestCulture;
        if (culture is not null)
        {
            CultureInfo.CurrentCulture = culture.Culture;
            CultureInfo.CurrentUICulture = culture.UICulture;
        }
    }
}
