using Microsoft.Playwright;
using ProctorWeb.E2E.Support;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace ProctorWeb.E2E.Calls;

public class MediaErrorTests(ITestOutputHelper output) : BrowserTest(output)
{
    [Fact]
    public async Task ABlockedCameraSaysHowToAllowItAndRetryJoinsTheCall()
    {
        var (alice, _) = await SignedInOnCallsAsync("Alice", FakeCamera.Red);
        var (bob, _) = await SignedInOnCallsAsync("Bob", FakeCamera.Blue);
        await bob.Page.EvaluateAsync("() => { window.__probe.failNext = 'NotAllowedError'; }");

        await alice.CallButton("Bob").ClickAsync();
        await bob.Page.GetByRole(AriaRole.Button, new() { Name = "Accept" }).ClickAsync();

        var alert = bob.Page.GetByRole(AriaRole.Alert);
        await Expect(alert).ToContainTextAsync("Camera and microphone access is blocked. Allow it for this site");
        await alert.GetByRole(AriaRole.Button, new() { Name = "Try camera and microphone again" }).ClickAsync();

        await Expect(alert).ToBeHiddenAsync();
        await alice.ExpectRemoteMediaFlowingAsync();
        await Eventually.TrueAsync(async () => FakeCamera.Blue.Resembles(await alice.RemoteCentreColourAsync()), "Alice to see Bob's camera after the retry");
        alice.AssertNoErrors();
        bob.AssertNoErrors();
    }

    [Fact]
    public async Task AMissingCameraSaysSoWhileTheOtherSideStillSends()
    {
        var (alice, _) = await SignedInOnCallsAsync("Alice", FakeCamera.Red);
        var (bob, _) = await SignedInOnCallsAsync("Bob", FakeCamera.Blue);
        await alice.Page.EvaluateAsync("() => { window.__probe.failNext = 'NotFoundError'; }");

        await alice.CallButton("Bob").ClickAsync();
        await bob.Page.GetByRole(AriaRole.Button, new() { Name = "Accept" }).ClickAsync();

        await Expect(alice.Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("No camera or microphone was found. Plug one in");
        // The other side still sends: Alice sees Bob even while her own camera failed.
        await alice.ExpectRemoteMediaFlowingAsync();
        alice.AssertNoErrors();
    }

    [Fact]
    public async Task EachDeviceErrorGetsItsOwnAdvice()
    {
        // The alert shows these words as the two journeys above show theirs; one page says them all.
        var advice = await RunWithModuleAsync<Dictionary<string, string>>("video.js", """
            const names = ['NotAllowedError', 'SecurityError', 'NotFoundError', 'OverconstrainedError', 'NotReadableError', 'AbortError', 'TypeError'];
            return Object.fromEntries(names.map(name => [name, m.describeMediaError(new DOMException('the device said no', name))]));
            """);

        Assert.StartsWith("Camera and microphone access is blocked. Allow it for this site", advice["NotAllowedError"]);
        Assert.Equal(advice["NotAllowedError"], advice["SecurityError"]);
        Assert.StartsWith("No camera or microphone was found. Plug one in", advice["NotFoundError"]);
        Assert.Equal(advice["NotFoundError"], advice["OverconstrainedError"]);
        Assert.StartsWith("Your camera or microphone is busy or failed to start. Close other apps or tabs", advice["NotReadableError"]);
        Assert.Equal(advice["NotReadableError"], advice["AbortError"]);
        // An error with no advice of its own still says what the browser said.
        Assert.Equal("The camera or microphone could not be opened (the device said no). Check your devices, then try again.", advice["TypeError"]);
    }

    [Fact]
    public async Task APageOnPlainHttpAwayFromLocalhostExplainsThatCamerasNeedASecurePage()
    {
        var person = await LaunchAsync("Dana", FakeCamera.Green);
        // Serve the real app under a made-up http host: the browser treats that origin as insecure.
        await person.Page.RouteAsync("http://proctorweb.test/**", async route =>
        {
            var response = await route.FetchAsync(new() { Url = route.Request.Url.Replace("http://proctorweb.test", App.BaseUrl) });
            await route.FulfillAsync(new() { Response = response });
        });
        await person.Page.GotoAsync("http://proctorweb.test/");

        var advice = await person.Page.EvaluateAsync<string>("""
            async () => {
                const video = await import('/js/video.js');
                try { await video.openCameraAndMicrophone(); return 'opened'; }
                catch (error) { return video.describeMediaError(error); }
            }
            """);

        Assert.False(await person.Page.EvaluateAsync<bool>("() => window.isSecureContext"));
        Assert.StartsWith("Camera and microphone only work on a secure page. Open this site over https", advice);
        Assert.Empty(await person.LocalTrackStatesAsync());
    }
}
