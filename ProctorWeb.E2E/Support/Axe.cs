using System.Reflection;
using Microsoft.Playwright;

namespace ProctorWeb.E2E.Support;

/// <summary>axe-core's verdict on a page as it is now: every rule it runs by default, minor ones included.</summary>
/// <remarks>
/// axe runs in the page itself, put there once per document. Deque.AxeCore.Playwright's RunAxe evaluated the whole
/// axe-core source twice per call and opened a blank page (a new browser context) to merge the partial results that
/// cross-origin frames need; the app's pages have no frames, so that cost three to five seconds a state on this
/// machine and changed no verdict. The axe-core copy is the one that package ships (its version pinned with it).
/// </remarks>
public static class Axe
{
    private static readonly Lazy<string> Source = new(() =>
    {
        var assembly = typeof(Deque.AxeCore.Commons.AxeResult).Assembly;
        using var stream = assembly.GetManifestResourceStream("Deque.AxeCore.Commons.Resources.axe.min.js")
            ?? throw new InvalidOperationException("axe.min.js is not in Deque.AxeCore.Commons any more.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

    // Every rule runs; only violations are detailed (passes and the rest are counted, not listed node by node,
    // which is most of a run's time on a busy page).
    private const string Run = """
        async () => {
            const result = await window.axe.run(document, { resultTypes: ['violations'], iframes: false });
            const shorten = html => html.length <= 160 ? html : html.slice(0, 160) + '…';
            return result.violations.flatMap(v => v.nodes.map(n => `${v.id} (${v.impact}): ${v.help} at ${JSON.stringify(n.target)} ${shorten(n.html)}`));
        }
        """;

    /// <summary>One line per element that breaks a rule: rule, impact, what to fix, and where.</summary>
    public static async Task<IReadOnlyList<string>> ProblemsAsync(IPage page)
    {
        // Evaluated, not a script tag: the app's Content-Security-Policy refuses inline scripts, as it should.
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe?.run === 'function'"))
        {
            await page.EvaluateAsync(Source.Value);
        }
        return await page.EvaluateAsync<string[]>(Run);
    }
}
