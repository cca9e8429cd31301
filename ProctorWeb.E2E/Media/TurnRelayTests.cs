using Microsoft.Playwright;
using ProctorWeb.E2E.Support;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace ProctorWeb.E2E.Media;

/// <summary>A student and a proctor allowed to connect only through a real coturn, with the right shared secret.</summary>
public class TurnRelayTests(TurnServer turn, ITestOutputHelper output) : BrowserTest(output), IClassFixture<TurnServer>
{
    protected override IDictionary<string, string?> Settings => turn.AppSettings(turn.Secret);

    [Fact]
    public async Task WithRelayOnlyAStudentReachesTheProctorThroughTheTurnServer()
    {
        var (proctor, student) = await ExamSteps.OneStudentWatchedAsync((n, c) => LaunchAsync(n, c), App);

        await Person.ExpectVideoOfColourAsync(ExamSteps.TileVideo(proctor.Page, "Ada"), FakeCamera.Red, "Ada's tile through the relay");

        foreach (var person in new[] { proctor, student })
        {
            var types = await SelectedCandidateTypesAsync(person);
            Output.WriteLine($"{person.Name}'s selected candidate pair (local/remote): {string.Join(", ", types)}");
            Assert.All(types, t => Assert.StartsWith("relay/", t));
        }
        proctor.AssertNoErrors();
        student.AssertNoErrors();
    }

    private async Task<string[]> SelectedCandidateTypesAsync(Person person)
    {
        string[] types = [];
        await Eventually.TrueAsync(async () =>
        {
            types = await person.Page.EvaluateAsync<string[]>(MediaProbe.SelectedCandidateTypes);
            return types.Length > 0;
        }, $"{person.Name}'s connection to select a candidate pair (coturn log:\n{turn.LogTail()})");
        return types;
    }
}

/// <summary>The same, but the app signs credentials with a secret coturn does not share.</summary>
public class TurnRefusalTests(TurnServer turn, ITestOutputHelper output) : BrowserTest(output), IClassFixture<TurnServer>
{
    private const string Refused = "The relay server refused the connection. Ask your administrator to check the TURN settings.";

    protected override IDictionary<string, string?> Settings => turn.AppSettings("not-" + turn.Secret);

    [Fact]
    public async Task WhenTheRelayRefusesTheCredentialsBothPagesSaySoAndNoFramesArrive()
    {
        var (proctor, student) = await ExamSteps.OneStudentWatchedAsync((n, c) => LaunchAsync(n, c), App);

        await Expect(student.Page.GetByRole(AriaRole.Status)).ToContainTextAsync(Refused);
        await Expect(proctor.Page.GetByRole(AriaRole.Status)).ToContainTextAsync($"Ada: {Refused}");

        Assert.Equal(0, (await proctor.InboundAsync()).FramesDecoded);
        var states = await proctor.PeerConnectionStatesAsync();
        Output.WriteLine($"The proctor's peer connection states: {string.Join(", ", states)}");
        Assert.DoesNotContain("connected", states);
    }
}
