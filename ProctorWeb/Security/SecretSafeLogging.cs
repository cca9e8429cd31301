namespace ProctorWeb.Security;

/// <summary>
/// Keeps invitation secrets (the last segment of /Join/{secret}) out of the logs, whatever level an operator turns on.
/// </summary>
public static class SecretSafeLogging
{
    /// <summary>
    /// We cap the framework categories that echo request paths or handler arguments instead of redacting paths:
    /// the path reaches them before any middleware of ours runs (hosting logs it, and puts it in the RequestPath
    /// scope attached to every line of the request, which structured sinks export), and redacting would have to
    /// be redone for every new place a path shows up. Rules in code with a category outrank a configured default,
    /// so "Logging:LogLevel:Default": "Trace" still leaves these capped. The app's own categories are untouched.
    /// </summary>
    public static ILoggingBuilder KeepInvitationSecretsOutOfLogs(this ILoggingBuilder logging)
    {
        // Request starting/finished lines carry the path, and while this logger is enabled at all, hosting opens
        // the RequestPath scope. Off entirely: startup failures still surface as the exception that stops the process.
        logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.None);
        foreach (var category in PathEchoingCategories)
        {
            logging.AddFilter(category, LogLevel.Warning);
        }
        return logging;
    }

    /// <summary>Debug and trace lines here name the request path, route values or handler arguments.</summary>
    private static readonly string[] PathEchoingCategories =
    [
        "Microsoft.AspNetCore.Routing",
        "Microsoft.AspNetCore.Mvc",
        "Microsoft.AspNetCore.StaticFiles",
        "Microsoft.AspNetCore.HttpLogging",
        // A malformed request line is quoted whole, path and all.
        "Microsoft.AspNetCore.Server.Kestrel.BadRequests",
    ];
}
