using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace ProctorWeb.E2E.Support;

/// <summary>axe-core's verdict on a page as it is now: every rule it runs by default, minor ones included.</summary>
public static class Axe
{
    // Every rule runs; only violations are detailed (passes and the rest are counted, not listed node by node,
    // which is most of a run's time on a busy page), and the app's pages have no frames to visit.
    private static readonly AxeRunOptions Options = new() { ResultTypes = [ResultType.Violations], Iframes = false };

    /// <summary>One line per element that breaks a rule: rule, impact, what to fix, and where.</summary>
    public static async Task<IReadOnlyList<string>> ProblemsAsync(IPage page)
    {
        var result = await page.RunAxe(Options);
        return result.Violations
            .SelectMany(v => v.Nodes.Select(n => $"{v.Id} ({v.Impact}): {v.Help} at {n.Target} {Shorten(n.Html)}"))
            .ToList();
    }

    private static string Shorten(string html) => html.Length <= 160 ? html : html[..160] + "…";
}
