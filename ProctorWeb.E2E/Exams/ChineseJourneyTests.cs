using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using ProctorWeb.E2E.Support;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace ProctorWeb.E2E.Exams;

/// <summary>The whole way through in Simplified Chinese: every word a browser asks for comes from the app's zh-CN resources.</summary>
public class ChineseJourneyTests(ITestOutputHelper output) : BrowserTest(output)
{
    [Fact]
    public async Task ATeacherSchedulesInChineseAStudentJoinsAndIsFlaggedAndTheProctorSeesTheBadgeInChinese()
    {
        var teacherUser = await App.CreateUserAsync("Tess");
        var teacher = await LaunchAsync("Tess", FakeCamera.Yellow, locale: "zh-CN");
        var words = teacher.Words;
        var page = teacher.Page;
        var problems = new List<string>();
        async Task CheckAsync(IPage on, string what)
        {
            Assert.Equal("zh-CN", await on.GetAttributeAsync("html", "lang"));
            problems.AddRange((await Axe.ProblemsAsync(on)).Select(p => $"{what}: {p}"));
        }

        await teacher.SignInAsync(teacherUser);
        await Expect(page).ToHaveURLAsync(new Regex("/Exams$"));
        await CheckAsync(page, "my exams");
        await page.GetByRole(AriaRole.Link, new() { Name = words["Schedule an exam"] }).ClickAsync();
        await page.GetByLabel(words["Title"]).FillAsync("代数期末考试");
        await page.GetByLabel(words["Starts at"]).FillAsync(DateTime.Now.ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture));
        await page.GetByLabel(words["Duration (minutes)"]).FillAsync("60");
        await CheckAsync(page, "the schedule form");
        await page.GetByRole(AriaRole.Button, new() { Name = words["Schedule exam"] }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "代数期末考试" })).ToBeVisibleAsync();

        await page.GetByLabel(words["Paste students, one \"name, email\" per line"]).FillAsync("Ada Lovelace，ada@school.test");
        await page.GetByRole(AriaRole.Button, new() { Name = words["Add these students"] }).ClickAsync();
        var link = page.GetByRole(AriaRole.Textbox, new() { Name = words["Link for {0}", ("name", "Ada Lovelace")] });
        await Expect(link).ToHaveValueAsync(new Regex("/Join/"));
        await CheckAsync(page, "the exam's page with a student");
        var adaLink = await link.InputValueAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = words["Open the monitor"] }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.List, new() { Name = words["Students"] })).ToBeVisibleAsync();

        var ada = await LaunchAsync("Ada", FakeCamera.Red, locale: "zh-CN");
        await ExamSteps.PassDeviceCheckAsync(ada, adaLink, words: words);
        await CheckAsync(ada.Page, "the device check");
        await ada.Page.GetByRole(AriaRole.Button, new() { Name = words["Continue to the exam"] }).ClickAsync();
        await Expect(ada.Page.GetByRole(AriaRole.Heading, new() { Name = words["Exam in progress"] })).ToBeVisibleAsync();
        await CheckAsync(ada.Page, "the exam room");
        var tile = ExamSteps.Tile(page, "Ada Lovelace", words);
        await Expect(tile).ToContainTextAsync(words["Live"]);

        await ExamSteps.SwitchToAnotherTabAsync(ada);

        var label = words["Left the exam page"];
        Assert.NotEqual("Left the exam page", label);
        await Expect(ExamSteps.Badges(page, "Ada Lovelace", words)).ToContainTextAsync(label);
        await Expect(page.Locator("#announcements")).ToContainTextAsync(label);
        await CheckAsync(page, "the monitor with a flag");
        var screenshots = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "screenshots")).FullName;
        await page.ScreenshotAsync(new() { Path = Path.Combine(screenshots, "monitor.zh-CN.png") });

        Assert.True(problems.Count == 0, $"{problems.Count} accessibility problems:\n{string.Join("\n", problems)}");
        teacher.AssertNoErrors();
    }
}
