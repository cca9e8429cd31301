using Microsoft.Playwright;
using ProctorWeb.Data;
using ProctorWeb.E2E.Support;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace ProctorWeb.E2E.Exams;

public class AdmissionJourneyTests(ITestOutputHelper output) : BrowserTest(output)
{
    /// <summary>The centre pixel of a loaded photo on the page, once it has loaded.</summary>
    private static async Task<Rgb> PhotoColourAsync(IPage page, string alt)
    {
        var image = page.GetByRole(AriaRole.Img, new() { Name = alt });
        await Expect(image).ToBeVisibleAsync();
        await page.WaitForFunctionAsync("image => image.complete && image.naturalWidth > 0", await image.ElementHandleAsync());
        var rgb = await image.EvaluateAsync<int[]>("""
            image => {
                const canvas = document.createElement('canvas');
                canvas.width = image.naturalWidth;
                canvas.height = image.naturalHeight;
                const context = canvas.getContext('2d');
                context.drawImage(image, 0, 0);
                return [...context.getImageData(canvas.width / 2, canvas.height / 2, 1, 1).data.slice(0, 3)];
            }
            """);
        return new Rgb(rgb[0], rgb[1], rgb[2]);
    }

    [Fact]
    public async Task AProctorSeesAWaitingStudentsPhotosAndCameraThenAdmitsOneAndTurnsAnotherAwayWithAReason()
    {
        var teacher = await App.CreateUserAsync("Tess");
        var (examId, links) = await App.CreateExamAsync(teacher, DateTime.UtcNow.AddMinutes(-1), 30, "Ada", "Ben");
        await App.ConfigureExamAsync(examId, e => { e.RequireIdCheck = true; e.Admission = AdmissionMode.ByProctor; });
        var proctor = await ExamSteps.OpenMonitorAsync((n, c) => LaunchAsync(n, c), App, teacher, examId);
        var monitor = proctor.Page;

        var ada = await LaunchAsync("Ada", FakeCamera.Red);
        await ExamSteps.PassIdCheckAsync(ada, links[0]);

        await Expect(ada.Page.GetByRole(AriaRole.Heading, new() { Name = "Waiting to be admitted" })).ToBeVisibleAsync();
        var adaTile = ExamSteps.Tile(monitor, "Ada");
        await Expect(adaTile).ToContainTextAsync("Awaiting admission");
        // Waiting, and already on camera for the proctor; both photos are hers, from her red camera.
        await Person.ExpectVideoOfColourAsync(ExamSteps.TileVideo(monitor, "Ada"), FakeCamera.Red, "Ada's camera while she waits");
        Assert.True(FakeCamera.Red.Resembles(await PhotoColourAsync(monitor, "Ada: photo of their face")), "Ada's face photo is not from her camera");
        Assert.True(FakeCamera.Red.Resembles(await PhotoColourAsync(monitor, "Ada: photo of their ID card")), "Ada's ID card photo is not from her camera");

        await adaTile.GetByRole(AriaRole.Button, new() { Name = "Admit Ada" }).ClickAsync();

        await Expect(ada.Page.GetByRole(AriaRole.Heading, new() { Name = "Exam in progress" })).ToBeVisibleAsync();
        await Expect(adaTile).ToContainTextAsync("Live");

        var ben = await LaunchAsync("Ben", FakeCamera.Blue);
        await ExamSteps.PassIdCheckAsync(ben, links[1]);
        var benTile = ExamSteps.Tile(monitor, "Ben");
        await Expect(benTile).ToContainTextAsync("Awaiting admission");
        await benTile.GetByRole(AriaRole.Button, new() { Name = "Turn away Ben" }).ClickAsync();
        await benTile.GetByLabel("Why Ben is turned away (they see it)").FillAsync("Please show your own ID card.");
        await benTile.GetByRole(AriaRole.Button, new() { Name = "Send the reason to Ben" }).ClickAsync();

        await Expect(ben.Page.GetByText("A proctor did not admit you to this exam: Please show your own ID card.")).ToBeVisibleAsync();
        await Expect(benTile).ToContainTextAsync("Not admitted");
        // Turned away, Ben's camera and microphone are off.
        await Eventually.TrueAsync(async () => (await ben.LocalTrackStatesAsync()).All(state => state == "ended"), "Ben's tracks to stop");
    }
}
