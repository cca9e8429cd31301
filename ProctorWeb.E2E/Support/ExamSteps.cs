using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ProctorWeb.E2E.Support;

/// <summary>Steps of the exam journeys that several tests share.</summary>
public static class ExamSteps
{
    /// <summary>
    /// Opens the personal link, agrees to monitoring and waits for the device check to pass; with
    /// <paramref name="waitForContinue"/> false, only for its checks (further steps, such as the ID check, may remain).
    /// </summary>
    public static async Task PassDeviceCheckAsync(Person student, string link, bool waitForContinue = true, IPage? tab = null, Words? words = null)
    {
        var page = tab ?? student.Page;
        words ??= Words.English;
        await page.GotoAsync(link);
        await page.GetByLabel(words["I understand and agree to be monitored during this exam"]).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = words["Continue to the device check"] }).ClickAsync();
        if (waitForContinue)
        {
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = words["Continue to the exam"] })).ToBeEnabledAsync();
        }
        else
        {
            await Expect(page.GetByText(words["Video can travel over your connection."])).ToBeVisibleAsync();
        }
    }

    /// <summary>Consent, the device check, both ID photos taken from the live camera and sent, then on to the exam.</summary>
    public static async Task PassIdCheckAsync(Person student, string link)
    {
        await ExamSteps.PassDeviceCheckAsync(student, link, waitForContinue: false);
        var page = student.Page;
        // Continue waits for the photos: the device check alone is not enough.
        await Expect(page.GetByText("Take the photo of your face first.")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Continue to the exam" })).ToBeDisabledAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Take the photo of my face" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Take the photo of my ID card" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Send both photos" }).ClickAsync();
        await Expect(page.GetByText("Your photos were sent.")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue to the exam" }).ClickAsync();
    }

    /// <summary>The whole way from the link into a running exam.</summary>
    public static async Task JoinRunningExamAsync(Person student, string link, IPage? tab = null)
    {
        var page = tab ?? student.Page;
        await PassDeviceCheckAsync(student, link, tab: page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue to the exam" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Exam in progress" })).ToBeVisibleAsync();
    }

    public static async Task<Person> OpenMonitorAsync(Func<string, Rgb, Task<Person>> launch, AppServer app, TestUser teacher, int examId)
    {
        var person = await launch(teacher.DisplayName, FakeCamera.Yellow);
        await person.SignInAsync(teacher);
        await person.Page.GotoAsync(app.Url($"/Exams/{examId}/Monitor"));
        await Expect(person.Page.GetByRole(AriaRole.List, new() { Name = "Students" })).ToBeVisibleAsync();
        return person;
    }

    /// <summary>A running exam with one student, Ada, whose teacher Tess watches the monitor; returns once Ada is in the exam.</summary>
    public static async Task<(Person Proctor, Person Student)> OneStudentWatchedAsync(Func<string, Rgb, Task<Person>> launch, AppServer app)
    {
        var teacher = await app.CreateUserAsync("Tess");
        var (examId, links) = await app.CreateExamAsync(teacher, DateTime.UtcNow.AddMinutes(-1), 30, "Ada");
        var proctor = await OpenMonitorAsync(launch, app, teacher, examId);
        var student = await launch("Ada", FakeCamera.Red);
        await JoinRunningExamAsync(student, links[0]);
        await Expect(Tile(proctor.Page, "Ada")).ToContainTextAsync("Live");
        return (proctor, student);
    }

    /// <summary>The student's camera on their tile (beside it may be their screen).</summary>
    public static ILocator TileVideo(IPage monitor, string name) => Tile(monitor, name).GetByLabel($"{name}'s camera", new() { Exact = true });

    /// <summary>
    /// The student switches to another tab. Headless pages all pretend to have focus unless told
    /// otherwise, so focus emulation is turned off first; returns the other tab.
    /// </summary>
    public static async Task<IPage> SwitchToAnotherTabAsync(Person student)
    {
        var cdp = await student.Context.NewCDPSessionAsync(student.Page);
        await cdp.SendAsync("Emulation.setFocusEmulationEnabled", new Dictionary<string, object> { ["enabled"] = false });
        var otherTab = await student.OpenAnotherTabAsync();
        await otherTab.BringToFrontAsync();
        return otherTab;
    }

    public static ILocator Tile(IPage monitor, string name, Words? words = null) =>
        monitor.GetByRole(AriaRole.List, new() { Name = (words ?? Words.English)["Students"] }).GetByRole(AriaRole.Listitem, new() { Name = name, Exact = true });

    public static ILocator Badges(IPage monitor, string name, Words? words = null) =>
        monitor.GetByRole(AriaRole.List, new() { Name = (words ?? Words.English)["Flags of {name}", ("name", name)] });
}
