using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Logging;

namespace ProctorWeb.Tests.Support;

/// <summary>One thing the app logged: its level, category, text, exception and the scopes around it.</summary>
public sealed record LogEntry(LogLevel Level, string Category, string Message, Exception? Exception, IReadOnlyList<string> Scopes)
{
    /// <summary>Everything a log sink could write: text, exception and every scope's values.</summary>
    public string AllText => string.Join(" | ", [Message, Exception?.ToString() ?? "", .. Scopes]);

    public override string ToString() => $"{Level} {Category}: {AllText}";
}

/// <summary>
/// An ILoggerProvider that keeps every entry the app's logging rules let through, with its scopes,
/// as a structured sink (JSON console, OpenTelemetry) would receive them.
/// </summary>
public sealed class CapturedLogs : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentQueue<LogEntry> _entries = new();
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public IReadOnlyList<LogEntry> Entries => _entries.ToList();

    /// <summary>Errors, criticals, and anything carrying an exception other than a refusal the caller was told about.</summary>
    public IReadOnlyList<LogEntry> Failures => _entries
        .Where(e => e.Level >= LogLevel.Error || e.Exception is not null and not HubException)
        .ToList();

    public void AssertNoFailures() =>
        Assert.True(Failures.Count == 0, "The app logged failures:" + Environment.NewLine + string.Join(Environment.NewLine, Failures));

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

    private sealed class Logger(CapturedLogs logs, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => logs._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var scopes = new List<string>();
            logs._scopes.ForEachScope((scope, list) =>
            {
                // Structured scopes are written as their key/value pairs, which is what sinks export.
                list.Add(scope is IEnumerable<KeyValuePair<string, object?>> pairs
                    ? string.Join(", ", pairs.Select(p => $"{p.Key}={p.Value}"))
                    : scope?.ToString() ?? "");
            }, scopes);
            var values = state is IEnumerable<KeyValuePair<string, object?>> fields ? string.Join(", ", fields.Select(p => $"{p.Key}={p.Value}")) : "";
            logs._entries.Enqueue(new LogEntry(logLevel, category, $"{formatter(state, exception)} [{values}]", exception, scopes));
        }
    }
}
