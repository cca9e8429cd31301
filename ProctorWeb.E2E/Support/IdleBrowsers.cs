using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace ProctorWeb.E2E.Support;

/// <summary>
/// Chromiums that a finished test left, kept by their command line for the next test that needs the same
/// devices. Launching one takes nearly two seconds here, and a test launches several; each person still gets
/// a fresh browser context (no cookies, storage, cache, permissions or routes of anyone before them), and a
/// browser that died or that a test disconnected is never handed out again.
/// </summary>
public static class IdleBrowsers
{
    private static readonly ConcurrentDictionary<string, ConcurrentBag<IBrowser>> Idle = new();
    private static readonly Lazy<Task<IPlaywright>> Driver = new(Microsoft.Playwright.Playwright.CreateAsync);

    /// <summary>The run's one Playwright driver (starting one took most of a second per test); it ends with the run.</summary>
    public static Task<IPlaywright> PlaywrightAsync() => Driver.Value;

    public static async Task<IBrowser> TakeAsync(IPlaywright playwright, BrowserTypeLaunchOptions options)
    {
        var bag = Idle.GetOrAdd(KeyOf(options), _ => []);
        while (bag.TryTake(out var browser))
        {
            if (browser.IsConnected && browser.Contexts.Count == 0)
            {
                return browser;
            }
            await CloseQuietlyAsync(browser);
        }
        var launched = await playwright.Chromium.LaunchAsync(options);
        // Remembered on the browser itself, so it goes back to the bag it came from.
        Keys.AddOrUpdate(launched, KeyOf(options));
        return launched;
    }

    /// <summary>Closes the person's context; the browser waits for the next test, or closes if it is unwell.</summary>
    public static async Task ReturnAsync(IBrowser browser, IBrowserContext context)
    {
        await context.CloseAsync();
        if (browser.IsConnected && browser.Contexts.Count == 0 && Keys.TryGetValue(browser, out var key))
        {
            Idle.GetOrAdd(key, _ => []).Add(browser);
            return;
        }
        await CloseQuietlyAsync(browser);
    }

    private static async Task CloseQuietlyAsync(IBrowser browser)
    {
        try
        {
            await browser.CloseAsync();
        }
        catch (PlaywrightException)
        {
            // Already gone with its process: nothing left to close.
        }
    }

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<IBrowser, string> Keys = new();

    private static string KeyOf(BrowserTypeLaunchOptions options) =>
        string.Join('\n', [options.ExecutablePath ?? "", .. options.Args ?? []]);
}
