using Microsoft.Playwright;
using ProctorWeb.E2E.Support;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace ProctorWeb.E2E.Exams;

/// <summary>Every page a teacher or a student opens fits a 390 px phone: nothing makes the page scroll sideways.</summary>
public class PhoneWidthTests(ITestOutputHelper output) : BrowserTest(output)
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

    [Fact]
    public async Task EveryPageOfATeacherAndOfAStudentFitsAPhoneWithoutScrollingSideways()
    {
        var owner = await App.CreateUserAsync("Tess");
        var (examId, links) = await App.CreateExamAsync(owner, DateTime.UtcNow.AddMinutes(-1), 30, exam => exam.RequireFullscreen = true, "Ada Lovelace", "Ben Okri");
        var teacher = await LaunchAsync("Tess", FakeCamera.Yellow);
        await teacher.Page.SetViewportSizeAsync(PhoneWidth, 844);
        var wide = new List<string>();
        async Task CheckAsync(IPage page, string what)
        {
            if (await OverflowAsync(page) is { } overflow)
            {
                wide.Add($"{what}: {overflow}");
            }
        }

        foreach (var path in new[] { "/", "/Account/Login", "/Account/Register", "/Account/ForgotPassword", "/no-such-page" })
        {
            await teacher.Page.GotoAsync(App.Url(path));
            await CheckAsync(teacher.Page, path);
        }
        await teacher.SignInAsync(owner);
        foreach (var path in new[] { "/Exams", "/Exams/Schedule", $"/Exams/{examId}", $"/Exams/{examId}/Report", $"/Exams/{examId}/Monitor", "/Calls", "/Account/ChangePassword", "/Account/TwoFactor", "/Account/Delete" })
        {
            await teacher.Page.GotoAsync(App.Url(path));
            await CheckAsync(teacher.Page, path);
        }

        var ada = await LaunchAsync("Ada", FakeCamera.Red);
        await ada.Page.SetViewportSizeAsync(PhoneWidth, 844);
        await ada.Page.GotoAsync(links[0]);
        await CheckAsync(ada.Page, "the join page");
        await ExamSteps.PassDeviceCheckAsync(ada, links[0]);
        await CheckAsync(ada.Page, "the device check");
        await ada.Page.GetByRole(AriaRole.Button, new() { Name = "Continue to the exam" }).ClickAsync();
        await Expect(ada.Page.GetByRole(AriaRole.Heading, new() { Name = "Exam in progress" })).ToBeVisibleAsync();
        await CheckAsync(ada.Page, "the exam room");
        var tile = ExamSteps.Tile(teacher.Page, "Ada Lovelace");
        await teacher.Page.GotoAsync(App.Url($"/Exams/{examId}/Monitor"));
        await Expect(tile).ToContainTextAsync("Live");
        await CheckAsync(teacher.Page, "the monitor with a live student");
        await tile.GetByRole(AriaRole.Button, new() { Name = "Talk to Ada Lovelace" }).ClickAsync();
        await Expect(ada.Page.GetByRole(AriaRole.Heading, new() { Name = "Tess is talking with you" })).ToBeVisibleAsync();
        await CheckAsync(ada.Page, "the exam room with the proctor talking");
        // For a person to look at: what a phone shows first while the proctor talks.
        var screenshots = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "screenshots")).FullName;
        await ada.Page.ScreenshotAsync(new() { Path = Path.Combine(screenshots, "phone-exam-room-talking.png") });
        await teacher.Page.ScreenshotAsync(new() { Path = Path.Combine(screenshots, "phone-monitor.png") });
        await CheckAsync(teacher.Page, "the monitor while talking");

        Assert.True(wide.Count == 0, $"Pages wider than a {PhoneWidth} px phone:\n{string.Join("\n", wide)}");
    }
}
