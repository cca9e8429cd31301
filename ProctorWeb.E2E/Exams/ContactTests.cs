using Microsoft.Playwright;
using ProctorWeb.E2E.Support;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace ProctorWeb.E2E.Exams;

public class ContactTests(ITestOutputHelper output) : BrowserTest(output)
{
    private const int PhoneHeight = 844;

    private static Task<int> TonesAsync(IPage page) => page.EvaluateAsync<int>("() => window.__probe.tones");

    /// <summary>Where the element is on the screen now: it must be in view without scrolling back up.</summary>
    private static async Task AssertInViewAsync(ILocator element)
    {
        var box = await element.BoundingBoxAsync() ?? throw new Xunit.Sdk.XunitException("The element is not shown.");
        Assert.InRange(box.Y, 0, PhoneHeight - box.Height);
    }

    [Fact]
    public async Task ARaisedHandShowsOnTheProctorsTileAndTheirAnswerByMessageOrTalkComesToTheTopOfTheStudentsPhone()
    {
        var owner = await App.CreateUserAsync("Tess");
        var (examId, links) = await App.CreateExamAsync(owner, DateTime.UtcNow.AddMinutes(-1), 30, "Ada");
        var proctor = await ExamSteps.OpenMonitorAsync((n, c) => LaunchAsync(n, c), App, owner, examId);
        var ada = await LaunchAsync("Ada", FakeCamera.Red);
        await ada.Page.SetViewportSizeAsync(390, PhoneHeight);
        await ExamSteps.JoinRunningExamAsync(ada, links[0]);
        var tile = ExamSteps.Tile(proctor.Page, "Ada");
        await Expect(tile).ToContainTextAsync("Live");

        // Ada raises her hand; the time from her click to the proctor's tile is measured on both pages' clocks.
        await proctor.Page.EvaluateAsync("""
            () => {
                const hand = [...document.querySelectorAll('#grid .tile')].find(t => t.getAttribute('aria-label') === 'Ada').querySelector('.hand');
                new MutationObserver((_, observer) => {
                    if (!hand.hidden) { window.__handAt = performance.timeOrigin + performance.now(); observer.disconnect(); }
                }).observe(hand, { attributes: true });
            }
            """);
        var raise = ada.Page.GetByRole(AriaRole.Button, new() { Name = "Raise your hand" });
        await raise.EvaluateAsync("button => button.addEventListener('click', () => { window.__raisedAt = performance.timeOrigin + performance.now(); }, { once: true })");
        var tonesBefore = await TonesAsync(proctor.Page);
        await raise.ClickAsync();

        await Expect(tile.GetByText("✋ Hand raised at")).ToBeVisibleAsync();
        var latency = await proctor.Page.EvaluateAsync<double>("() => window.__handAt") - await ada.Page.EvaluateAsync<double>("() => window.__raisedAt");
        // Measured and reported, not enforced: this machine is shared and its timing noisy.
        Output.WriteLine($"Student's click on Raise your hand to the proctor's tile: {latency:0} ms");
        Assert.True(latency > 0, "The hand showed before the student raised it.");
        await Expect(proctor.Status).ToHaveTextAsync("Ada raised a hand.");
        Assert.True(await TonesAsync(proctor.Page) > tonesBefore, "The proctor's page made no sound for the raised hand.");
        await Expect(ada.Page.GetByRole(AriaRole.Button, new() { Name = "Lower your hand" })).ToHaveAttributeAsync("aria-pressed", "true");

        // Ada writes too; the proctor replies from her tile.
        await ada.Page.GetByLabel("Message your proctors").FillAsync("May I use a calculator?");
        await ada.Page.GetByRole(AriaRole.Button, new() { Name = "Send", Exact = true }).ClickAsync();
        await Expect(ada.Page.GetByText("Sent to your proctors.")).ToBeVisibleAsync();
        await Expect(tile.GetByLabel("Ada's latest message")).ToHaveTextAsync("“May I use a calculator?”");
        await Expect(proctor.Page.GetByRole(AriaRole.Region, new() { Name = "From students" })).ToContainTextAsync("Ada: May I use a calculator?");
        await tile.GetByRole(AriaRole.Button, new() { Name = "Reply to Ada" }).ClickAsync();
        await Expect(proctor.Page.GetByLabel("To", new() { Exact = true }).Locator("option:checked")).ToHaveTextAsync("Ada");
        await Expect(proctor.Page.GetByLabel("Message", new() { Exact = true })).ToBeFocusedAsync();

        // Ada has scrolled down to her scratch pad on the phone when the answer comes.
        await ada.Page.GetByLabel("Scratch pad (not saved, not seen by proctors)").ScrollIntoViewIfNeededAsync();
        Assert.True(await ada.Page.EvaluateAsync<double>("() => window.scrollY") > 0, "The phone page did not need scrolling: the check below would prove nothing.");
        var adaTonesBefore = await TonesAsync(ada.Page);
        await proctor.Page.GetByLabel("Message", new() { Exact = true }).FillAsync("Yes, the one on your desk.");
        await proctor.Page.GetByRole(AriaRole.Button, new() { Name = "Send", Exact = true }).ClickAsync();

        var news = ada.Page.Locator("#proctor-contact .message-news");
        await Expect(news).ToHaveTextAsync("Tess: Yes, the one on your desk.");
        await Expect(news).ToHaveAttributeAsync("aria-live", "assertive");
        await AssertInViewAsync(news);
        Assert.True(await TonesAsync(ada.Page) > adaTonesBefore, "The student's page made no sound for the proctor's message.");
        // The answer lowered the hand on both pages.
        await Expect(ada.Page.GetByRole(AriaRole.Button, new() { Name = "Raise your hand" })).ToHaveAttributeAsync("aria-pressed", "false");
        await Expect(tile.GetByText("✋ Hand raised at")).ToBeHiddenAsync();

        // Raised again, answered by talking: the top of the phone says who is talking.
        await ada.Page.GetByRole(AriaRole.Button, new() { Name = "Raise your hand" }).ClickAsync();
        await Expect(tile.GetByText("✋ Hand raised at")).ToBeVisibleAsync();
        await tile.GetByRole(AriaRole.Button, new() { Name = "Talk to Ada" }).ClickAsync();
        var talkNews = ada.Page.Locator("#proctor-contact .talk-news");
        await Expect(talkNews).ToHaveTextAsync("Tess, your proctor, is talking to you.");
        await AssertInViewAsync(talkNews);
        await Expect(tile.GetByText("✋ Hand raised at")).ToBeHiddenAsync();
        await Expect(ada.Page.GetByRole(AriaRole.Button, new() { Name = "Raise your hand" })).ToHaveAttributeAsync("aria-pressed", "false");
        await tile.GetByRole(AriaRole.Button, new() { Name = "Stop talking to Ada" }).ClickAsync();
        await Expect(talkNews).ToBeEmptyAsync();

        // With the sound turned off, a raised hand still shows but makes no sound.
        await proctor.Page.GetByLabel("Sound when a hand goes up or a student writes").UncheckAsync();
        var tonesMuted = await TonesAsync(proctor.Page);
        await ada.Page.GetByRole(AriaRole.Button, new() { Name = "Raise your hand" }).ClickAsync();
        await Expect(tile.GetByText("✋ Hand raised at")).ToBeVisibleAsync();
        await tile.GetByRole(AriaRole.Button, new() { Name = "Lower hand for Ada" }).ClickAsync();
        await Expect(ada.Page.GetByRole(AriaRole.Button, new() { Name = "Raise your hand" })).ToHaveAttributeAsync("aria-pressed", "false");
        Assert.Equal(tonesMuted, await TonesAsync(proctor.Page));

        // A reloaded monitor still shows what Ada wrote, on her tile and in the list, and remembers the sound is off.
        await proctor.Page.ReloadAsync();
        await Expect(tile.GetByLabel("Ada's latest message")).ToHaveTextAsync("“May I use a calculator?”");
        await Expect(proctor.Page.GetByRole(AriaRole.Region, new() { Name = "From students" })).ToContainTextAsync("Ada: May I use a calculator?");
        await Expect(proctor.Page.GetByLabel("Sound when a hand goes up or a student writes")).Not.ToBeCheckedAsync();
        proctor.AssertNoErrors();
        ada.AssertNoErrors();
    }
}
