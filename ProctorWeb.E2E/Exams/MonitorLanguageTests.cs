using Microsoft.Playwright;
using ProctorWeb.E2E.Support;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace ProctorWeb.E2E.Exams;

public class MonitorLanguageTests(ITestOutputHelper output) : BrowserTest(output)
{
    private const string LanguageCookie = ".ProctorWeb.Language";

    [Fact]
    public async Task AChineseProctorReadsAFlagInChineseOnTheTileAndHearsItAndArrowKeysKeepTheirTileWhileTheGridReorders()
    {
        var owner = await App.CreateUserAsync("Tess");
        var (examId, links) = await App.CreateExamAsync(owner, DateTime.UtcNow.AddMinutes(-1), 30, "Ada", "Ben");
        var proctor = await LaunchAsync("Tess", FakeCamera.Yellow, locale: "zh-CN");
        // Signing in is another area's page, so it is done in English (the header's choice, a cookie); the monitor
        // then reads in the browser's own language, Chinese.
        await SetLanguageAsync(proctor, "en");
        await proctor.Page.GotoAsync(App.Url("/Account/Login"));
        await proctor.Page.GetByLabel("Email").FillAsync(owner.Email);
        await proctor.Page.GetByLabel("Password").FillAsync(TestUser.Password);
        await proctor.Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(proctor.Page.GetByText("Signed in as Tess")).ToBeVisibleAsync();
        await proctor.Context.ClearCookiesAsync(new() { Name = LanguageCookie });
        await proctor.Page.GotoAsync(App.Url($"/Exams/{examId}/Monitor"));
        var page = proctor.Page;
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "zh-CN");
        var grid = page.GetByRole(AriaRole.List, new() { Name = "学生" });
        var ada = grid.GetByRole(AriaRole.Listitem, new() { Name = "Ada", Exact = true });
        var benTile = grid.GetByRole(AriaRole.Listitem, new() { Name = "Ben", Exact = true });
        await Expect(ada).ToContainTextAsync("未加入");

        var ben = await LaunchAsync("Ben", FakeCamera.Red);
        await ExamSteps.JoinRunningExamAsync(ben, links[1]);
        await Expect(benTile).ToContainTextAsync("在线");
        await Expect(benTile.GetByRole(AriaRole.Button, new() { Name = "与 Ben 通话" })).ToBeVisibleAsync();

        // By name, Ada's tile comes first and is the one Tab lands on; the arrow key goes on to Ben's.
        await Expect(ada).ToHaveAttributeAsync("tabindex", "0");
        await ada.FocusAsync();
        await page.Keyboard.PressAsync("ArrowRight");
        await Expect(benTile).ToBeFocusedAsync();
        await Expect(benTile).ToHaveAttributeAsync("tabindex", "0");
        await Expect(ada).ToHaveAttributeAsync("tabindex", "-1");

        // Ben leaves the exam page: his open flag takes his tile to the top of the grid, his focus with it.
        await ExamSteps.SwitchToAnotherTabAsync(ben);

        await Expect(page.GetByRole(AriaRole.List, new() { Name = "Ben 的标记" })).ToContainTextAsync("离开了考试页面");
        await Expect(page.Locator("#announcements")).ToContainTextAsync("Ben：离开了考试页面");
        await Expect(grid.GetByRole(AriaRole.Listitem).First).ToHaveAttributeAsync("aria-label", "Ben");
        await Expect(benTile).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("ArrowRight");
        await Expect(ada).ToBeFocusedAsync();
        proctor.AssertNoErrors();
    }

    private Task SetLanguageAsync(Person person, string culture) =>
        person.Context.AddCookiesAsync([new Cookie { Name = LanguageCookie, Value = $"c={culture}|uic={culture}", Url = App.Url("/") }]);
}
