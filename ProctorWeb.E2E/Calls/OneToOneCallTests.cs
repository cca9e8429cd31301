using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using ProctorWeb.E2E.Support;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace ProctorWeb.E2E.Calls;

public class OneToOneCallTests(ITestOutputHelper output) : BrowserTest(output)
{
    [Fact]
    public async Task TwoPeopleWhoRegisteredSeeAndHearEachOthersCameraInACall()
    {
        var alice = await LaunchAsync("Alice", FakeCamera.Red);
        var bob = await LaunchAsync("Bob", FakeCamera.Blue);
        await RegisterAsync(alice, "alice@school.test");
        await RegisterAsync(bob, "bob@school.test");

        await Expect(alice.Page.GetByRole(AriaRole.Listitem).Filter(new() { HasText = "Bob" })).ToContainTextAsync("Available");
        await alice.CallButton("Bob").ClickAsync();
        await Expect(alice.Page.GetByText("Ringing Bob…")).ToBeVisibleAsync();
        await Expect(bob.Page.GetByText("Alice is calling you.")).ToBeVisibleAsync();

        await alice.RemoteVideo.EvaluateAsync(MediaProbe.WatchFirstFrame);
        await bob.RemoteVideo.EvaluateAsync(MediaProbe.WatchFirstFrame);
        var acceptedAt = await bob.Page.EvaluateAsync<double>("() => performance.timeOrigin + performance.now()");
        await bob.Page.GetByRole(AriaRole.Button, new() { Name = "Accept" }).ClickAsync();

        await Expect(alice.Page.GetByRole(AriaRole.Heading, new() { Name = "In a call with Bob" })).ToBeVisibleAsync();
        await Expect(bob.Page.GetByRole(AriaRole.Heading, new() { Name = "In a call with Alice" })).ToBeVisibleAsync();
        await alice.ExpectRemoteMediaFlowingAsync();
        await bob.ExpectRemoteMediaFlowingAsync();

        var aliceFirstFrame = await alice.Page.EvaluateAsync<double>("() => window.__firstFrameAt");
        var bobFirstFrame = await bob.Page.EvaluateAsync<double>("() => window.__firstFrameAt");
        Output.WriteLine($"Accept click to first remote frame: Alice {aliceFirstFrame - acceptedAt:0} ms, Bob {bobFirstFrame - acceptedAt:0} ms");

        // Each side sees the other's camera, not its own.
        await Eventually.TrueAsync(async () => FakeCamera.Blue.Resembles(await alice.RemoteCentreColourAsync()), "Alice to see Bob's blue camera");
        await Eventually.TrueAsync(async () => FakeCamera.Red.Resembles(await bob.RemoteCentreColourAsync()), "Bob to see Alice's red camera");
        // The own preview is muted; the other person's video plays with sound.
        Assert.True(await alice.Page.Locator("#local-video").EvaluateAsync<bool>("v => v.muted"));
        Assert.False(await alice.RemoteVideo.EvaluateAsync<bool>("v => v.muted"));
        await Expect(bob.Page.GetByRole(AriaRole.Listitem).Filter(new() { HasText = "Alice" })).ToContainTextAsync("In a call");

        var screenshots = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(screenshots);
        await bob.Page.ScreenshotAsync(new() { Path = Path.Combine(screenshots, "call.png") });

        alice.AssertNoErrors();
        bob.AssertNoErrors();
    }

    [Fact]
    public async Task DecliningByKeyboardTellsTheCallerAndLeavesBothAvailable()
    {
        var (alice, _) = await SignedInOnCallsAsync("Alice", FakeCamera.Red);
        var (bob, _) = await SignedInOnCallsAsync("Bob", FakeCamera.Blue);

        await alice.CallButton("Bob").ClickAsync();
        // The ringing call takes Bob's focus to Accept; Tab and Enter decline.
        await Expect(bob.Page.GetByRole(AriaRole.Button, new() { Name = "Accept" })).ToBeFocusedAsync();
        await bob.Page.Keyboard.PressAsync("Tab");
        await Expect(bob.Page.GetByRole(AriaRole.Button, new() { Name = "Decline" })).ToBeFocusedAsync();
        await bob.Page.Keyboard.PressAsync("Enter");
        await Expect(bob.Page.Locator("#incoming")).ToBeHiddenAsync();

        await Expect(alice.Status).ToHaveTextAsync("Bob declined the call.");
        await Expect(bob.Status).ToHaveTextAsync("You declined the call.");
        await Expect(alice.Page.GetByRole(AriaRole.Listitem).Filter(new() { HasText = "Bob" })).ToContainTextAsync("Available");
        await Expect(bob.Page.GetByRole(AriaRole.Listitem).Filter(new() { HasText = "Alice" })).ToContainTextAsync("Available");
        Assert.Empty(await alice.LocalTrackStatesAsync());
        Assert.Empty(await bob.LocalTrackStatesAsync());
        alice.AssertNoErrors();
        bob.AssertNoErrors();
    }

    [Fact]
    public async Task CallingSomeoneAlreadyInACallSaysAtOnceThatTheyAreBusy()
    {
        var (alice, _) = await SignedInOnCallsAsync("Alice", FakeCamera.Red);
        var (bob, _) = await SignedInOnCallsAsync("Bob", FakeCamera.Blue);
        var (carol, _) = await SignedInOnCallsAsync("Carol", FakeCamera.Green);
        await ConnectAsync(alice, bob);

        await Expect(carol.Page.GetByRole(AriaRole.Listitem).Filter(new() { HasText = "Bob" })).ToContainTextAsync("In a call");
        await carol.CallButton("Bob").ClickAsync();

        await Expect(carol.Status).ToHaveTextAsync("Bob is busy in another call.");
        await Expect(bob.Page.GetByText("Carol is calling you.")).ToBeHiddenAsync();
        await bob.ExpectRemoteMediaFlowingAsync();
        carol.AssertNoErrors();
    }

    [Fact]
    public async Task HangingUpStopsEveryLocalTrackOnBothSidesAndASecondCallCarriesOnlyNewStreams()
    {
        var (alice, _) = await SignedInOnCallsAsync("Alice", FakeCamera.Red);
        var (bob, _) = await SignedInOnCallsAsync("Bob", FakeCamera.Blue);
        await ConnectAsync(alice, bob);
        var firstRemoteTracks = await RemoteTrackIdsAsync(alice);

        await alice.Page.GetByRole(AriaRole.Button, new() { Name = "Hang up" }).ClickAsync();

        await Expect(alice.Status).ToHaveTextAsync("You hung up.");
        await Expect(bob.Status).ToHaveTextAsync("Alice hung up.");
        foreach (var person in new[] { alice, bob })
        {
            Assert.All(await person.LocalTrackStatesAsync(), state => Assert.Equal("ended", state));
            Assert.All(await person.PeerConnectionStatesAsync(), state => Assert.Equal("closed", state));
            await Expect(person.Page.GetByRole(AriaRole.Region, new() { Name = "Call" })).ToBeHiddenAsync();
        }
        await Expect(bob.Page.GetByRole(AriaRole.Listitem).Filter(new() { HasText = "Alice" })).ToContainTextAsync("Available");

        await ConnectAsync(bob, alice);
        var secondRemoteTracks = await RemoteTrackIdsAsync(alice);
        Assert.Equal(2, secondRemoteTracks.Length);
        Assert.Empty(secondRemoteTracks.Intersect(firstRemoteTracks));
        Assert.Equal(["live", "live"], await alice.Page.Locator("#remote-video").EvaluateAsync<string[]>("v => v.srcObject.getTracks().map(t => t.readyState)"));
        // Only the second call's own camera is live; the first call's tracks stay ended.
        Assert.Equal(2, (await alice.LocalTrackStatesAsync()).Count(s => s == "live"));
        await Eventually.TrueAsync(async () => FakeCamera.Blue.Resembles(await alice.RemoteCentreColourAsync()), "Alice to see Bob again");
        alice.AssertNoErrors();
        bob.AssertNoErrors();
    }

    [Fact]
    public async Task ClosingTheTabMidCallEndsTheCallForTheOtherSideAndTheList()
    {
        var (alice, _) = await SignedInOnCallsAsync("Alice", FakeCamera.Red);
        var (bob, _) = await SignedInOnCallsAsync("Bob", FakeCamera.Blue);
        await ConnectAsync(alice, bob);

        await bob.Page.CloseAsync();

        await Expect(alice.Status).ToHaveTextAsync("Bob left: the call ended.", new() { Timeout = 5_000 });
        Assert.All(await alice.LocalTrackStatesAsync(), state => Assert.Equal("ended", state));
        await Expect(alice.CallButton("Bob")).ToHaveCountAsync(0);
        await Expect(alice.Page.GetByText("Nobody else is online right now.")).ToBeVisibleAsync();
        alice.AssertNoErrors();
    }

    [Fact]
    public async Task ANewerTabTakesOverAndTheListShowsNoGhost()
    {
        var (alice, _) = await SignedInOnCallsAsync("Alice", FakeCamera.Red);
        var (bob, _) = await SignedInOnCallsAsync("Bob", FakeCamera.Blue);
        await Expect(bob.CallButton("Alice")).ToBeVisibleAsync();

        var newerTab = await alice.OpenAnotherTabAsync();
        await alice.OpenCallsAsync(newerTab);

        await Expect(alice.Page.GetByRole(AriaRole.Status)).ToContainTextAsync("You opened Calls in another tab");
        await Expect(newerTab.GetByRole(AriaRole.Button, new() { Name = "Call Bob" })).ToBeVisibleAsync();
        await Expect(bob.CallButton("Alice")).ToHaveCountAsync(1);

        // The older tab closing must not take the newer one offline.
        await alice.Page.CloseAsync();
        await bob.CallButton("Alice").ClickAsync();
        await Expect(newerTab.GetByText("Bob is calling you.")).ToBeVisibleAsync();
        alice.AssertNoErrors();
    }

    [Fact]
    public async Task TheCallerCanCancelWhileItRingsAndSigningOutLeavesTheList()
    {
        var (alice, _) = await SignedInOnCallsAsync("Alice", FakeCamera.Red);
        var (bob, _) = await SignedInOnCallsAsync("Bob", FakeCamera.Blue);

        await alice.CallButton("Bob").ClickAsync();
        await Expect(bob.Page.GetByText("Alice is calling you.")).ToBeVisibleAsync();
        await alice.Page.GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();

        await Expect(bob.Status).ToHaveTextAsync("Alice cancelled the call.");
        await Expect(bob.Page.GetByText("Alice is calling you.")).ToBeHiddenAsync();

        await bob.Page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Expect(alice.CallButton("Bob")).ToHaveCountAsync(0);
        alice.AssertNoErrors();
        bob.AssertNoErrors();
    }

    // Teachers are invited by an admin; anyone may register a plain account for calls, with no role to choose.
    private static async Task RegisterAsync(Person person, string email)
    {
        var page = person.Page;
        await page.GotoAsync(person.App.Url("/"));
        await page.GetByRole(AriaRole.Link, new() { Name = "Register" }).ClickAsync();
        await page.GetByLabel("Display name").FillAsync(person.Name);
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(TestUser.Password);
        await page.GetByLabel("Confirm password").FillAsync(TestUser.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Check your email" })).ToBeVisibleAsync();

        // No SMTP server here: the app wrote the confirmation mail to its folder, which stands in for the inbox.
        await page.GotoAsync(ConfirmationLink(person.App, email));
        await Expect(page.GetByText("your email address is confirmed")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "sign in", Exact = true }).ClickAsync();
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(TestUser.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Calls", Exact = true })).ToBeVisibleAsync();
        await Expect(page.GetByText($"Signed in as {person.Name}")).ToBeVisibleAsync();
    }

    private static string ConfirmationLink(AppServer app, string email)
    {
        // Written before the page answered, so it is there by now.
        var mail = Directory.GetFiles(app.MailPath, "*.eml").Select(path => MimeKit.MimeMessage.Load(path))
            .Single(m => m.To.Mailboxes.Any(a => a.Address == email));
        return Regex.Match(mail.TextBody ?? "", @"https?://\S+/Account/ConfirmEmail\S+").Value;
    }

    private static Task ConnectAsync(Person caller, Person callee) => CallSteps.ConnectAsync(caller, callee);

    private static async Task<string[]> RemoteTrackIdsAsync(Person person) =>
        (await person.RemoteVideo.EvaluateAsync<JsonElement>("v => v.srcObject.getTracks().map(t => t.id)"))
            .EnumerateArray().Select(e => e.GetString()!).ToArray();
}
