using System.Text.RegularExpressions;
using System.Globalization;
using Microsoft.Playwright;
using ProctorWeb.E2E.Support;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace ProctorWeb.E2E.Exams;

public class ProctoringJourneyTests(ITestOutputHelper output) : BrowserTest(output)
{
    private static readonly (int, int) StudentCamera = (640, 360);

    [Fact]
    public async Task ATeacherSchedulesAnExamAndWatchesThreeStudentsLiveThenTalksToOne()
    {
        // The teacher's browser is in India (UTC+5:30): the start they type is India's time, and the form's proposed
        // start is a whole hour there, not the server's whole hour (a half hour in India).
        const string zone = "Asia/Kolkata";
        var teacherUser = await App.CreateUserAsync("Tess");
        var teacher = await LaunchAsync("Tess", FakeCamera.Yellow, timezoneId: zone);
        await teacher.SignInAsync(teacherUser);
        var page = teacher.Page;

        // A teacher lands on their exams after signing in.
        await Expect(page).ToHaveURLAsync(new Regex("/Exams$"));
        await page.GetByRole(AriaRole.Link, new() { Name = "My exams" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Schedule an exam" }).ClickAsync();
        await Expect(page.GetByLabel("Starts at")).ToHaveValueAsync(new Regex("T[0-9]{2}:00$"));
        await Expect(page.GetByText("Students' links open 30 minutes before the start")).ToBeVisibleAsync();
        await page.GetByLabel("Title").FillAsync("Algebra final");
        await page.GetByLabel("Instructions for students").FillAsync("Show your working.");
        var nowThere = TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow, TimeZoneInfo.FindSystemTimeZoneById(zone));
        await page.GetByLabel("Starts at").FillAsync(nowThere.ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture));
        await page.GetByLabel("Duration (minutes)").FillAsync("60");
        await page.GetByRole(AriaRole.Button, new() { Name = "Schedule exam" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Algebra final" })).ToBeVisibleAsync();

        await page.GetByLabel("Paste students").FillAsync("Ada Lovelace, ada@school.test\nonly a name\nBen Okri, ben@school.test\nCleo Diaz; cleo@school.test");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add these students" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Added 3 students. 1 line was not added:");
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Line 2: “only a name” needs a name and an email");
        await Expect(page.GetByLabel("Paste students")).ToHaveValueAsync("only a name");
        var links = new Dictionary<string, string>();
        foreach (var name in new[] { "Ada Lovelace", "Ben Okri", "Cleo Diaz" })
        {
            links[name] = await page.GetByRole(AriaRole.Textbox, new() { Name = $"Link for {name}" }).InputValueAsync();
        }
        // A QR code is made when its panel opens, and only that one.
        var adaQr = page.GetByRole(AriaRole.Img, new() { Name = "QR code of the link for Ada Lovelace", IncludeHidden = true });
        await page.GetByRole(AriaRole.Row, new() { Name = "Ada Lovelace" }).GetByText("QR code").ClickAsync();
        await Expect(adaQr).ToBeVisibleAsync();
        await page.WaitForFunctionAsync("image => image.complete && image.naturalWidth > 0", await adaQr.ElementHandleAsync());
        Assert.Null(await page.GetByRole(AriaRole.Img, new() { Name = "QR code of the link for Ben Okri", IncludeHidden = true }).GetAttributeAsync("src"));

        await page.GetByRole(AriaRole.Link, new() { Name = "Open the monitor" }).ClickAsync();
        await Expect(page.GetByText("Joined 0 / 3")).ToBeVisibleAsync();

        var ada = await JoinAsync("Ada Lovelace", FakeCamera.Red, links["Ada Lovelace"], page);
        var ben = await JoinAsync("Ben Okri", FakeCamera.Green, links["Ben Okri"], page);
        var cleo = await JoinAsync("Cleo Diaz", FakeCamera.Blue, links["Cleo Diaz"], page);

        await Expect(page.GetByText("Joined 3 / 3")).ToBeVisibleAsync();
        await Person.ExpectVideoOfColourAsync(TileVideo(page, "Ada Lovelace"), FakeCamera.Red, "Ada's tile");
        await Person.ExpectVideoOfColourAsync(TileVideo(page, "Ben Okri"), FakeCamera.Green, "Ben's tile");
        await Person.ExpectVideoOfColourAsync(TileVideo(page, "Cleo Diaz"), FakeCamera.Blue, "Cleo's tile");

        var screenshots = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(screenshots);
        await page.ScreenshotAsync(new() { Path = Path.Combine(screenshots, "monitor.png") });
        await ada.Page.ScreenshotAsync(new() { Path = Path.Combine(screenshots, "exam-room.png"), FullPage = true });

        // Tiles arrive small; enlarging one raises that student's stream, shrinking lowers it again.
        await ExpectTileWidthAsync(page, "Ada Lovelace", 320);
        await page.GetByRole(AriaRole.Button, new() { Name = "Enlarge Ada Lovelace" }).ClickAsync();
        await ExpectTileWidthAsync(page, "Ada Lovelace", 640);
        await ExpectTileWidthAsync(page, "Ben Okri", 320);
        await page.GetByRole(AriaRole.Button, new() { Name = "Shrink Ada Lovelace" }).ClickAsync();
        await ExpectTileWidthAsync(page, "Ada Lovelace", 320);

        // Talking privately: Ada sees and hears the proctor; Ben and Cleo receive nothing of it.
        await page.GetByRole(AriaRole.Button, new() { Name = "Talk to Ada Lovelace" }).ClickAsync();
        await Expect(ada.Page.GetByRole(AriaRole.Heading, new() { Name = "Tess is talking with you" })).ToBeVisibleAsync();
        await Person.ExpectVideoOfColourAsync(ada.Page.GetByLabel("Your proctor", new() { Exact = true }), FakeCamera.Yellow, "the proctor's video at Ada");
        await Eventually.TrueAsync(async () => (await ada.InboundAsync()).AudioPackets > 10, "the proctor's voice to reach Ada");
        foreach (var other in new[] { ben, cleo })
        {
            Assert.Equal((0, 0), await other.InboundAsync());
            await Expect(other.Page.GetByRole(AriaRole.Heading, new() { Name = "Tess is talking with you" })).ToBeHiddenAsync();
        }
        await page.GetByRole(AriaRole.Button, new() { Name = "Stop talking to Ada Lovelace" }).ClickAsync();
        await Expect(ada.Page.GetByRole(AriaRole.Heading, new() { Name = "Tess is talking with you" })).ToBeHiddenAsync();
        Assert.All(await teacher.LocalTrackStatesAsync(), state => Assert.Equal("ended", state));

        // A private message and an announcement.
        await page.GetByLabel("To", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Ben Okri" });
        await page.GetByLabel("Message", new() { Exact = true }).FillAsync("Please face the camera.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send", Exact = true }).ClickAsync();
        await Expect(ben.Page.GetByText("Tess: Please face the camera.")).ToBeVisibleAsync();
        await page.GetByLabel("To", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Everyone (announcement)" });
        await page.GetByLabel("Message", new() { Exact = true }).FillAsync("Ten minutes left.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send", Exact = true }).ClickAsync();
        foreach (var student in new[] { ada, ben, cleo })
        {
            await Expect(student.Page.GetByRole(AriaRole.Region, new() { Name = "Your proctors" }).GetByText("Announcement from Tess: Ten minutes left.")).ToBeVisibleAsync();
        }
        await Expect(ada.Page.GetByText("Please face the camera.")).ToHaveCountAsync(0);

        // One student closes the tab: their tile says so, the others keep playing.
        await cleo.Page.CloseAsync();
        await Expect(Tile(page, "Cleo Diaz")).ToContainTextAsync("Left");
        await Expect(page.GetByText("Joined 2 / 3")).ToBeVisibleAsync();
        await Person.ExpectVideoOfColourAsync(TileVideo(page, "Ada Lovelace"), FakeCamera.Red, "Ada's tile after Cleo left");
        await Person.ExpectVideoOfColourAsync(TileVideo(page, "Ben Okri"), FakeCamera.Green, "Ben's tile after Cleo left");

        teacher.AssertNoErrors();
        ada.AssertNoErrors();
        ben.AssertNoErrors();
    }

    [Fact]
    public async Task AStudentWhoArrivesEarlyWaitsAndEntersTheExamAtTheStartWithoutAReload()
    {
        var owner = await App.CreateUserAsync("Tess");
        // Far enough ahead for any machine to reach the waiting room first; moved closer once Ada waits.
        var (examId, links) = await App.CreateExamAsync(owner, DateTime.UtcNow.AddMinutes(10), 30, "Ada");
        var teacher = await LaunchAsync("Tess", FakeCamera.Yellow);
        await teacher.SignInAsync(owner);
        await teacher.Page.GotoAsync(App.Url($"/Exams/{examId}/Monitor"));

        var ada = await LaunchAsync("Ada", FakeCamera.Red, cameraSize: StudentCamera);
        await ada.Page.GotoAsync(links[0]);
        await ada.Page.GetByLabel("I understand and agree").CheckAsync();
        await ada.Page.GetByRole(AriaRole.Button, new() { Name = "Continue to the device check" }).ClickAsync();
        await ada.Page.GetByRole(AriaRole.Button, new() { Name = "Continue to the exam" }).ClickAsync();
        await Expect(ada.Page.GetByRole(AriaRole.Heading, new() { Name = "Waiting room" })).ToBeVisibleAsync();
        await Expect(Tile(teacher.Page, "Ada")).ToContainTextAsync("Waiting");
        await ada.Page.EvaluateAsync("() => { window.__sameDocument = true; }");
        // The teacher moves the start: the waiting student's page follows without a reload.
        var startsAt = DateTime.UtcNow.AddSeconds(3);
        await App.MoveStartAsync(examId, startsAt);

        await Expect(ada.Page.GetByRole(AriaRole.Heading, new() { Name = "Exam in progress" })).ToBeVisibleAsync();
        Assert.True(DateTime.UtcNow >= startsAt.AddMilliseconds(-500), "The exam room opened before the server's start time.");
        Assert.True(await ada.Page.EvaluateAsync<bool>("() => window.__sameDocument === true"), "The page reloaded.");
        await Person.ExpectVideoOfColourAsync(TileVideo(teacher.Page, "Ada"), FakeCamera.Red, "Ada's tile after the start");
        ada.AssertNoErrors();
        teacher.AssertNoErrors();
    }

    [Fact]
    public async Task TheExamEndsAtTheServersEndTimeAndTheStudentsCameraGoesOff()
    {
        var owner = await App.CreateUserAsync("Tess");
        // Five minutes is the shortest exam; this one started long enough ago to end within a minute.
        var (examId, links) = await App.CreateExamAsync(owner, DateTime.UtcNow.AddMinutes(-4), 5, "Ada");
        var teacher = await LaunchAsync("Tess", FakeCamera.Yellow);
        await teacher.SignInAsync(owner);
        await teacher.Page.GotoAsync(App.Url($"/Exams/{examId}/Monitor"));
        await Expect(teacher.Page.Locator("#exam-clock")).ToContainTextAsync("Ends in");
        var ada = await LaunchAsync("Ada", FakeCamera.Red, cameraSize: StudentCamera);
        // The first camera request fails as if permission were denied; the retry succeeds.
        await ada.Context.AddInitScriptAsync("window.__probe.failNext = 'NotAllowedError';");

        await ada.Page.GotoAsync(links[0]);
        await ada.Page.GetByLabel("I understand and agree").CheckAsync();
        await ada.Page.GetByRole(AriaRole.Button, new() { Name = "Continue to the device check" }).ClickAsync();
        await Expect(ada.Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Camera and microphone access is blocked");
        await Expect(ada.Page.GetByRole(AriaRole.Button, new() { Name = "Continue to the exam" })).ToBeDisabledAsync();
        await ada.Page.GetByRole(AriaRole.Button, new() { Name = "Try again" }).ClickAsync();
        await ada.Page.GetByRole(AriaRole.Button, new() { Name = "Continue to the exam" }).ClickAsync();
        await Expect(ada.Page.GetByRole(AriaRole.Heading, new() { Name = "Exam in progress" })).ToBeVisibleAsync();
        await Person.ExpectVideoOfColourAsync(TileVideo(teacher.Page, "Ada"), FakeCamera.Red, "Ada's tile");

        // Once she is in, the teacher moves the start so that the exam ends in two seconds: the server's timer ends it.
        await App.MoveStartAsync(examId, DateTime.UtcNow.AddMinutes(-5).AddSeconds(2));
        await Expect(ada.Page.GetByRole(AriaRole.Heading, new() { Name = "Exam over" })).ToBeVisibleAsync(new() { Timeout = 30_000 });
        Assert.All(await ada.LocalTrackStatesAsync(), state => Assert.Equal("ended", state));
        Assert.All(await ada.PeerConnectionStatesAsync(), state => Assert.Equal("closed", state));
        await Expect(Tile(teacher.Page, "Ada")).ToContainTextAsync("Finished");
        // The monitor learnt the new end too: it says the exam is over and stops offering what would reach nobody.
        await Expect(teacher.Page.Locator("#exam-clock")).ToHaveTextAsync("Exam over");
        await Expect(teacher.Page.GetByText("This exam is over: students' pages have closed.")).ToBeVisibleAsync();
        await Expect(teacher.Page.GetByRole(AriaRole.Button, new() { Name = "Send" })).ToBeHiddenAsync();
        await Expect(teacher.Page.GetByText("End exam for everyone…")).ToBeHiddenAsync();
        teacher.AssertNoErrors();
    }

    private static Task ExpectTileWidthAsync(IPage monitor, string name, int width) =>
        Eventually.TrueAsync(async () => await TileVideo(monitor, name).EvaluateAsync<int>("v => v.videoWidth") == width, $"{name}'s tile to arrive {width} pixels wide");

    /// <summary>A student opens their link, agrees, passes the device check and joins; measures Join to first frame in the grid.</summary>
    private async Task<Person> JoinAsync(string name, Rgb camera, string link, IPage monitor)
    {
        var student = await LaunchAsync(name, camera, cameraSize: StudentCamera);
        var page = student.Page;
        await page.GotoAsync(link);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your camera and microphone are monitored" })).ToBeVisibleAsync();
        await Expect(page.GetByText("Tess")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue to the device check" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Tick the box to agree");
        await page.GetByLabel("I understand and agree").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue to the device check" }).ClickAsync();

        await Expect(page.GetByText("Your camera works.")).ToBeVisibleAsync();
        await Expect(page.GetByText("We can hear you.")).ToBeVisibleAsync();
        await Expect(page.GetByText("Video can travel over your connection.")).ToBeVisibleAsync();
        await Expect(Tile(monitor, name)).ToContainTextAsync("Checking devices");

        await TileVideo(monitor, name).EvaluateAsync(MediaProbe.WatchFirstFrame);
        var joinedAt = await page.EvaluateAsync<double>("() => performance.timeOrigin + performance.now()");
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue to the exam" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Exam in progress" })).ToBeVisibleAsync();
        await Expect(Tile(monitor, name)).ToContainTextAsync("Live");
        await Eventually.TrueAsync(async () => await monitor.EvaluateAsync<double?>("() => window.__firstFrameAt") is not null, $"{name}'s first frame in the grid");
        var firstFrame = await monitor.EvaluateAsync<double>("() => window.__firstFrameAt");
        Output.WriteLine($"{name}: Join click to first frame in the proctor's grid: {firstFrame - joinedAt:0} ms");
        return student;
    }

    private static ILocator Tile(IPage monitor, string name) => ExamSteps.Tile(monitor, name);

    private static ILocator TileVideo(IPage monitor, string name) => ExamSteps.TileVideo(monitor, name);
}
