using Microsoft.Playwright;
using ProctorWeb.E2E.Support;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace ProctorWeb.E2E.Exams;

/// <summary>
/// Every page a teacher or a student opens, in each language, on a 390 px phone: nothing makes the page scroll
/// sideways, and axe-core finds no accessibility problem in any state, minor ones included.
/// </summary>
public class PageTourTests(ITestOutputHelper output) : BrowserTest(output)
{
    private const int PhoneWidth = 390;

    private static async Task<string?> OverflowAsync(IPage page) => await page.EvaluateAsync<string?>("""
        () => {
            const width = document.documentElement.clientWidth;
            if (document.documentElement.scrollWidth <= width) return null;
            // The outermost elements that stick out: their parent fits, or scrolls them inside itself.
            const sticksOut = e => e.getBoundingClientRect().right > width + 1;
            const clips = e => ['auto', 'scroll', 'hidden'].includes(getComputedStyle(e).overflowX);
            const wide = [...document.querySelectorAll('body *')].filter(e => sticksOut(e) && getComputedStyle(e).position !== 'fixed'
                    && !e.parentElement.closest('.table-scroll') && (!sticksOut(e.parentElement) || clips(e.parentElement)))
                .map(e => `${e.tagName.toLowerCase()}${e.id ? '#' + e.id : ''}${e.className && typeof e.className === 'string' ? '.' + e.className.trim().split(/\s+/).join('.') : ''} (right ${Math.round(e.getBoundingClientRect().right)})`);
            return `scroll width ${document.documentElement.scrollWidth} > ${width}: ${wide.slice(0, 6).join(', ')}`;
        }
        """);

    /// <summary>Buttons, links, fields and labels in view whose middle another element covers (a sticky bar, a panel).</summary>
    private static async Task<string?> CoveredAsync(IPage page) => await page.EvaluateAsync<string?>("""
        () => {
            const covered = [];
            for (const e of document.querySelectorAll('main a, main button, main input, main select, main textarea, main label, header a, header button')) {
                const r = e.getBoundingClientRect();
                // Not drawn at all (display none, inside a closed <details>, invisible): nothing to cover.
                if (r.width === 0 || r.height === 0 || !e.checkVisibility({ visibilityProperty: true, opacityProperty: true })) continue;
                const x = r.left + r.width / 2, y = r.top + r.height / 2;
                if (x < 0 || y < 0 || x >= innerWidth || y >= innerHeight) continue;
                const top = document.elementFromPoint(x, y);
                if (top && top !== e && !e.contains(top) && !top.contains(e) && !(e.control && (top === e.control || e.control.contains(top)))) {
                    covered.push(`${e.tagName.toLowerCase()} "${(e.textContent || e.getAttribute('aria-label') || '').trim().slice(0, 40)}" under ${top.tagName.toLowerCase()}${top.className && typeof top.className === 'string' ? '.' + top.className.trim().split(/\s+/).join('.') : ''}`);
                }
            }
            return covered.length ? covered.slice(0, 6).join(', ') : null;
        }
        """);

    [Theory]
    [InlineData("en-US")]
    [InlineData("zh-CN")]
    public async Task EveryPageOfATeacherAndOfAStudentFitsAPhoneAndPassesAxeIn(string locale)
    {
        var words = new Words(locale);
        var owner = await App.CreateUserAsync("Tess");
        var (examId, links) = await App.CreateExamAsync(owner, DateTime.UtcNow.AddMinutes(-1), 30, exam => exam.RequireFullscreen = true, "Ada Lovelace", "Ben Okri");
        var teacher = await LaunchAsync("Tess", FakeCamera.Yellow, locale: locale);
        await teacher.Page.SetViewportSizeAsync(PhoneWidth, 844);
        var problems = new List<string>();
        var states = 0;
        async Task CheckAsync(IPage page, string what)
        {
            states++;
            Assert.Equal(words.IsChinese ? "zh-CN" : "en", await page.GetAttributeAsync("html", "lang"));
            if (await OverflowAsync(page) is { } overflow)
            {
                problems.Add($"{what}: wider than a {PhoneWidth} px phone: {overflow}");
            }
            if (await CoveredAsync(page) is { } covered)
            {
                problems.Add($"{what}: covered: {covered}");
            }
            problems.AddRange((await Axe.ProblemsAsync(page)).Select(p => $"{what}: {p}"));
        }

        // The checks can fail: a nameless button and a page wider than the phone are both caught.
        await teacher.Page.GotoAsync(App.Url("/"));
        await teacher.Page.EvaluateAsync("""
            () => {
                const wide = document.createElement('pre');
                wide.textContent = 'x'.repeat(400);
                document.querySelector('main').append(document.createElement('button'), wide);
            }
            """);
        Assert.Contains(await Axe.ProblemsAsync(teacher.Page), p => p.StartsWith("button-name"));
        Assert.NotNull(await OverflowAsync(teacher.Page));
        foreach (var path in new[] { "/", "/Account/Login", "/Account/Register", "/Account/ForgotPassword", "/no-such-page" })
        {
            await teacher.Page.GotoAsync(App.Url(path));
            await CheckAsync(teacher.Page, path);
        }
        await teacher.Page.GotoAsync(App.Url("/Account/Login"));
        await teacher.Page.GetByRole(AriaRole.Button, new() { Name = words["Sign in"], Exact = true }).ClickAsync();
        await Expect(teacher.Page.Locator("[aria-invalid=true]").First).ToBeVisibleAsync();
        await CheckAsync(teacher.Page, "the sign-in page with errors");
        await teacher.SignInAsync(owner);
        foreach (var path in new[] { "/Exams", "/Exams/Schedule", $"/Exams/{examId}", $"/Exams/{examId}/Report", $"/Exams/{examId}/Monitor", "/Calls", "/Account/ChangePassword", "/Account/TwoFactor", "/Account/Delete" })
        {
            await teacher.Page.GotoAsync(App.Url(path));
            await CheckAsync(teacher.Page, path);
        }

        var ada = await LaunchAsync("Ada", FakeCamera.Red, locale: locale);
        await ada.Page.SetViewportSizeAsync(PhoneWidth, 844);
        await ada.Page.GotoAsync(links[0]);
        await CheckAsync(ada.Page, "the join page");
        await ExamSteps.PassDeviceCheckAsync(ada, links[0], words: words);
        await CheckAsync(ada.Page, "the device check");
        await ada.Page.GetByRole(AriaRole.Button, new() { Name = words["Continue to the exam"] }).ClickAsync();
        await Expect(ada.Page.GetByRole(AriaRole.Heading, new() { Name = words["Exam in progress"] })).ToBeVisibleAsync();
        await CheckAsync(ada.Page, "the exam room");
        var tile = ExamSteps.Tile(teacher.Page, "Ada Lovelace", words);
        await teacher.Page.GotoAsync(App.Url($"/Exams/{examId}/Monitor"));
        await Expect(tile).ToContainTextAsync(words["Live"]);
        await CheckAsync(teacher.Page, "the monitor with a live student");
        await tile.GetByRole(AriaRole.Button, new() { Name = words["Talk to {name}", ("name", "Ada Lovelace")] }).ClickAsync();
        await Expect(ada.Page.GetByRole(AriaRole.Heading, new() { Name = words["{name} is talking with you", ("name", "Tess")] })).ToBeVisibleAsync();
        await CheckAsync(ada.Page, "the exam room with the proctor talking");
        // For a person to look at: what a phone shows first while the proctor talks.
        var screenshots = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "screenshots")).FullName;
        await ada.Page.ScreenshotAsync(new() { Path = Path.Combine(screenshots, $"phone-exam-room-talking.{locale}.png") });
        await teacher.Page.ScreenshotAsync(new() { Path = Path.Combine(screenshots, $"phone-monitor.{locale}.png") });
        await CheckAsync(teacher.Page, "the monitor while talking");

        Output.WriteLine($"{states} page states checked in {locale}: {problems.Count} problems.");
        Assert.True(problems.Count == 0, $"{problems.Count} problems in {locale}:\n{string.Join("\n", problems)}");
    }
}
