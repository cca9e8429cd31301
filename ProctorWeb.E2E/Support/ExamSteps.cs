using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ProctorWeb.E2E.Support;

/// <summary>Steps of the exam journeys that several tests share.</summary>
public static class ExamSteps
{
    /// <summary>Opens the personal link, agrees to monitoring and waits for the device check to pass.</summary>
    public static async Task PassDeviceCheckAsync(Person student, string link)
    {
        var page = student.Page;
        await page.GotoAsync(link);
        await page.GetByLabel("I understand and agree").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue to the device check" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Continue to the exam" })).ToBeEnabledAsync();
    }

    /// <summary>The whole way from the link into a running exam.</summary>
    public static async Task JoinRunningExamAsync(Person student, string link)
    {
        await PassDeviceCheckAsync(student, link);
        await student.Page.GetByRole(AriaRole.Button, new() { Name = "Continue to the exam" }).ClickAsync();
        await Expect(student.Page.GetByRole(AriaRole.Heading, new() { Name = "Exam in progress" })).ToBeVisibleAsync();
    }

    public static async Task<Person> OpenMonitorAsync(Func<string, Rgb, Task<Person>> launch, AppServer app, TestUser teacher, int examId)
    {
        var person = await launch(teacher.DisplayName, FakeCamera.Yellow);
        await person.SignInAsync(teacher);
        await person.Page.GotoAsync(app.Url($"/Exams/{examId}/Monitor"));
        await Expect(person.Page.GetByRole(AriaRole.List, new() { Name = "Students" })).ToBeVisibleAsync();
        return person;
    }

    public static ILocator Tile(IPage monitor, string name) =>
        monitor.GetByRole(AriaRole.List, new() { Name = "Students" }).GetByRole(AriaRole.Listitem, new() { Name = name, Exact = true });

    public static ILocator Badges(IPage monitor, string name) =>
        monitor.GetByRole(AriaRole.List, new() { Name = $"Flags of {name}" });
}
