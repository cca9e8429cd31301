using Microsoft.Playwright;
using ProctorWeb.E2E.Support;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace ProctorWeb.E2E.Exams;

/// <summary>
/// Face checks through the real pages: fake cameras playing photos of real faces (scripts/face-fixtures.sh),
/// the real models in the student's Chromium, flags on the proctor's tile and in the database.
/// </summary>
public class FaceFlagJourneyTests(ITestOutputHelper output) : BrowserTest(output)
{
    private static readonly string[] FaceKinds = ["no-face", "several-faces", "turned-away", "different-person"];

    // Four students' Chromiums checking faces on two busy cores can take longer per check than a real computer
    // would be allowed (500 ms): these journeys are about the flags, and the slow-device rule has tests of its own.
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Flags:FaceCheckSlowMilliseconds"] = "10000" };

    [Fact]
    public async Task NoFaceTwoFacesAndAFaceInProfileEachReachTheTileAndTheRecordAndAStudentWhoseModelsCannotLoadIsShownAsUnchecked()
    {
        var owner = await App.CreateUserAsync("Tess");
        var (examId, links) = await App.CreateExamAsync(owner, DateTime.UtcNow.AddMinutes(-1), 30, exam => exam.FaceChecks = true, "Ada", "Ben", "Cleo", "Dan");
        var proctor = await ExamSteps.OpenMonitorAsync((n, c) => LaunchAsync(n, c), App, owner, examId);
        // Three seconds of Ada's face, then three of the empty wall behind her, again and again.
        var ada = await LaunchAsync("Ada", FakeCamera.Red, cameraFile: await FaceFixtures.FileAsync("face-then-away"));
        // Ben's network drops the face models: his checks cannot start, and his proctors must know.
        var ben = await LaunchAsync("Ben", FakeCamera.Blue, cameraFile: await FaceFixtures.FileAsync("no-face-wall"));
        await ben.Context.RouteAsync("**/lib/vladmandic-human/models/**", route => route.AbortAsync());
        // Someone sits beside Cleo; Dan looks away, his head in profile.
        var cleo = await LaunchAsync("Cleo", FakeCamera.Green, cameraFile: await FaceFixtures.FileAsync("two-faces"));
        var dan = await LaunchAsync("Dan", FakeCamera.Yellow, cameraFile: await FaceFixtures.FileAsync("face-profile"));
        // Four students at four computers join at once, as a class does.
        await Task.WhenAll(
            ExamSteps.JoinRunningExamAsync(ada, links[0]), ExamSteps.JoinRunningExamAsync(ben, links[1]),
            ExamSteps.JoinRunningExamAsync(cleo, links[2]), ExamSteps.JoinRunningExamAsync(dan, links[3]));

        await Expect(ExamSteps.Tile(proctor.Page, "Ben")).ToContainTextAsync("Face checks unavailable on this device (the face model could not load)", new() { Timeout = 30_000 });

        // The models load in four browsers at once on two cores first: the first flag may take a while.
        await Expect(ExamSteps.Badges(proctor.Page, "Ada")).ToContainTextAsync("No face in view", new() { Timeout = 60_000 });
        await Expect(ada.Page.GetByText("Your proctors were notified: No face in view.")).ToBeVisibleAsync();
        await Eventually.TrueAsync(async () => (await App.FlagsOfAsync("Ada")).Any(f => f.Kind == "no-face" && f.EndedAtUtc is not null), "Ada's face to be back", TimeSpan.FromSeconds(30));

        // One face, looking at the camera, whenever she is there; no ID photo, so no check of who she is.
        Assert.DoesNotContain(await App.FlagsOfAsync("Ada"), f => f.Kind is "several-faces" or "turned-away" or "different-person");
        ada.AssertNoErrors();

        await Expect(ExamSteps.Badges(proctor.Page, "Cleo")).ToContainTextAsync("More than one face");
        await Expect(ExamSteps.Badges(proctor.Page, "Dan")).ToContainTextAsync("Face turned away");
        Assert.Equal(["several-faces"], (await App.FlagsOfAsync("Cleo")).Select(f => f.Kind).Where(FaceKinds.Contains));
        Assert.Equal(["turned-away"], (await App.FlagsOfAsync("Dan")).Select(f => f.Kind).Where(FaceKinds.Contains));
        // A wall in front of a camera that is not checked is not a flag: Ben carries on unchecked, not accused.
        Assert.DoesNotContain(await App.FlagsOfAsync("Ben"), f => FaceKinds.Contains(f.Kind));
        await Expect(ben.Page.GetByRole(AriaRole.Heading, new() { Name = "Exam in progress" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task TheFacePhotoOfTheIdCheckIsWhoeverSitsTheExamComparedWithAndOnlyAnotherPersonIsFlagged()
    {
        var owner = await App.CreateUserAsync("Tess");
        var (examId, links) = await App.CreateExamAsync(owner, DateTime.UtcNow.AddMinutes(-1), 30, exam =>
        {
            exam.FaceChecks = true;
            exam.RequireIdCheck = true;
        }, "Ada", "Ben");
        var proctor = await ExamSteps.OpenMonitorAsync((n, c) => LaunchAsync(n, c), App, owner, examId);
        // Ada sits the whole exam herself. Ben's camera shows one person for six seconds, then another for six:
        // whichever of them is in his face photo, the other sits down within six seconds of the exam's start.
        var ada = await LaunchAsync("Ada", FakeCamera.Red, cameraFile: await FaceFixtures.FileAsync("one-face"));
        var ben = await LaunchAsync("Ben", FakeCamera.Blue, cameraFile: await FaceFixtures.FileAsync("person-changes"));
        await Task.WhenAll(ExamSteps.PassIdCheckAsync(ada, links[0]), ExamSteps.PassIdCheckAsync(ben, links[1]));
        await Expect(ada.Page.GetByRole(AriaRole.Heading, new() { Name = "Exam in progress" })).ToBeVisibleAsync();
        await Expect(ben.Page.GetByRole(AriaRole.Heading, new() { Name = "Exam in progress" })).ToBeVisibleAsync();

        await Expect(ExamSteps.Badges(proctor.Page, "Ben")).ToContainTextAsync("A different person", new() { Timeout = 60_000 });
        await Expect(ben.Page.GetByText("Your proctors were notified: A different person.")).ToBeVisibleAsync();
        Assert.Contains(await App.FlagsOfAsync("Ben"), f => f.Kind == "different-person");

        // Ada's checks ran as long as Ben's did (the proctor's badge for him took at least one description of
        // each face): the person in her photo never raised a face flag.
        await Expect(ExamSteps.Tile(proctor.Page, "Ada")).ToContainTextAsync("Live");
        Assert.DoesNotContain(await App.FlagsOfAsync("Ada"), f => FaceKinds.Contains(f.Kind));
        ada.AssertNoErrors();
        ben.AssertNoErrors();
    }
}
