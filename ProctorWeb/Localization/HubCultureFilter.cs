using System.Globalization;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.SignalR;

namespace ProctorWeb.Localization;

/// <summary>
/// A hub call runs in the language its connection was opened in (the page's), so a refusal reads in the
/// caller's words. The connection's request went through request localization; its invocations do not.
/// Each connection's language is also kept for words sent to it because of someone else (ConnectionLanguages).
/// </summary>
public sealed class HubCultureFilter(ConnectionLanguages languages) : IHubFilter
{
    public ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        UseCultureOf(invocationContext.Context);
        return next(invocationContext);
    }

    public Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        UseCultureOf(context.Context);
        languages.Opened(context.Context.ConnectionId, CultureInfo.CurrentUICulture);
        return next(context);
    }

    public async Task OnDisconnectedAsync(HubLifetimeContext context, Exception? exception, Func<HubLifetimeContext, Exception?, Task> next)
    {
        UseCultureOf(context.Context);
        try
        {
            await next(context, exception);
        }
        finally
        {
            languages.Closed(context.Context.ConnectionId);
        }
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
