using ProctorWeb.E2E.Support;
using Xunit.Abstractions;

namespace ProctorWeb.E2E.Exams;

/// <summary>
/// A class's grid is taller than the proctor's screen: a tile out of view has its student stop sending that proctor
/// its camera (see tileViewing.js), and the video comes back once the tile is in view again.
/// </summary>
public class TileViewingTests(ITestOutputHelper output) : BrowserTest(output)
{
    /// <summary>Whether each of the student's connected peers sends its camera (the encoding's <c>active</c>).</summary>
    private const string CameraSending = """
        () => window.__probe.peers.filter(pc => pc.connectionState === 'connected')
            .flatMap(pc => pc.getSenders().filter(s => s.track?.kind === 'video').map(s => s.getParameters().encodings[0]?.active !== false))
        """;

    [Fact]
    public async Task ATileScrolledOutOfTheProctorsViewIsPausedAtTheStudentAndPlaysAgainOnceBackInView()
    {
        var (proctor, ada) = await ExamSteps.OneStudentWatchedAsync((n, c) => LaunchAsync(n, c), App);
        var tile = ExamSteps.TileVideo(proctor.Page, "Ada");
        await Person.ExpectVideoOfColourAsync(tile, FakeCamera.Red, "Ada's tile");

        // A window too short to reach the grid: the tile is below it, beyond the margin kept for scrolling.
        await proctor.Page.SetViewportSizeAsync(1200, 120);
        await Eventually.TrueAsync(async () => (await ada.Page.EvaluateAsync<bool[]>(CameraSending)) is [false], "Ada's camera to the proctor to pause");
        var pausedAt = await Person.PresentedFramesAsync(tile);
        await Task.Delay(1500);
        Assert.InRange(await Person.PresentedFramesAsync(tile), pausedAt, pausedAt + 1);

        await proctor.Page.SetViewportSizeAsync(1200, 900);
        await Eventually.TrueAsync(async () => (await ada.Page.EvaluateAsync<bool[]>(CameraSending)) is [true], "Ada's camera to the proctor to play again");
        await Person.ExpectVideoOfColourAsync(tile, FakeCamera.Red, "Ada's tile back in view");
        proctor.AssertNoErrors();
        ada.AssertNoErrors();
    }
}
