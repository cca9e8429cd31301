using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace ProctorWeb.E2E.Support;

/// <summary>axe-core's verdict on a page as it is now: every rule it runs by default, minor ones included.</summary>
public static class Axe
{
    /// <summary>One line per element that breaks a rule: rule, impact, what to fix, and where.</summary>
    public static async Task<IReadOnlyList<string>> ProblemsAsync(IPage page)
    {
        var result = await page.RunAxe();
        return result.Violations
            .SelectMany(v => v.Nodes.Select(n => $"{v.Id} ({v.Impact}): {v.Help} at {n.Target} {Shorten(n.Html)}"))
            .ToList();
    }

    private static string Shorten(string html) => html.Length <= 160 ? html : html[..160] + "…";
}
