using System.Text.Json;
using ProctorWeb.E2E.Support;
using Xunit.Abstractions;

namespace ProctorWeb.E2E.Calls;

/// <summary>What the hub connection writes to the browser's console, in real Chromium with SignalR's own log levels.</summary>
public class SignalingLogTests(ITestOutputHelper output) : BrowserTest(output)
{
    [Fact]
    public async Task ADropThePageReconnectsFromIsAWarningWhileOtherErrorsStayErrorsAndChatterIsLeftOut()
    {
        var result = await RunWithModuleAsync<JsonElement>("signaling.js", """
            const script = document.createElement('script');
            script.src = '/lib/microsoft-signalr/dist/browser/signalr.min.js';
            await new Promise((resolve, reject) => { script.onload = resolve; script.onerror = reject; document.head.append(script); });
            const { LogLevel } = globalThis.signalR;
            const written = [];
            const console = globalThis.console;
            const [error, warn] = [console.error, console.warn];
            console.error = message => written.push(`error ${message}`);
            console.warn = message => written.push(`warn ${message}`);
            try {
                const logger = m.handledDropsAsWarnings(LogLevel);
                logger.log(LogLevel.Error, "Connection disconnected with error 'Error: Server returned an error on close: Connection closed with an error.'.");
                logger.log(LogLevel.Error, 'Failed to start the connection: Error: Unauthorized');
                logger.log(LogLevel.Warning, 'Timeout from HTTP request.');
                logger.log(LogLevel.Information, 'WebSocket connected to ws://localhost/hubs/exams.');
            } finally {
                console.error = error;
                console.warn = warn;
            }
            return written;
            """);
        Assert.Equal(
            [
                "warn [SignalR] Connection disconnected with error 'Error: Server returned an error on close: Connection closed with an error.'.",
                "error [SignalR] Failed to start the connection: Error: Unauthorized",
                "warn [SignalR] Timeout from HTTP request.",
            ],
            result.EnumerateArray().Select(e => e.GetString()));
    }
}
