using Microsoft.Playwright;
using ProctorWeb.E2E.Support;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace ProctorWeb.E2E.Exams;

public class RosterLinksTests(ITestOutputHelper output) : BrowserTest(output)
{
    [Fact]
    public async Task CopyAllLinksPutsEveryStudentsNameAndLinkOnTheClipboardOnePerLine()
    {
        var owner = await App.CreateUserAsync("Tess");
        var (examId, links) = await App.CreateExamAsync(owner, DateTime.UtcNow.AddHours(1), 60, "Ada", "Ben");
        var teacher = await LaunchAsync("Tess", FakeCamera.Green);
        // Reading the clipboard back needs the permission a person would grant; writing it needs only the click.
        await teacher.Context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"], new() { Origin = App.BaseUrl });
        await teacher.SignInAsync(owner);
        await teacher.Page.GotoAsync(App.Url($"/Exams/{examId}"));

        await teacher.Page.GetByRole(AriaRole.Button, new() { Name = "Copy all links" }).ClickAsync();

        await Expect(teacher.Page.GetByText("Copied 2 links.")).ToBeVisibleAsync();
        var clipboard = await teacher.Page.EvaluateAsync<string>("() => navigator.clipboard.readText()");
        Assert.Equal($"Ada\t{links[0]}\nBen\t{links[1]}\n", clipboard);
        teacher.AssertNoErrors();
    }
}
