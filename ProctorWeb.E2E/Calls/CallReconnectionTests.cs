using ProctorWeb.E2E.Support;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace ProctorWeb.E2E.Calls;

public class CallReconnectionTests(ITestOutputHelper output) : BrowserTest(output)
{
    // Short, so that waiting out the grace stays quick.
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Calls:ReconnectGraceSeconds"] = "8" };

    [Fact]
    public async Task ACallerWhoseNetworkDropsBrieflyComesBackToTheSameCall()
    {
        var (alice, _) = await SignedInOnCallsAsync("Alice", FakeCamera.Red);
        var (bob, _) = await SignedInOnCallsAsync("Bob", FakeCamera.Blue);
        await CallSteps.ConnectAsync(alice, bob);

        await bob.Context.SetOfflineAsync(true);
        await Expect(alice.Status).ToHaveTextAsync("Bob lost their connection; waiting for them to come back…", new() { Timeout = 15_000 });
        await bob.Context.SetOfflineAsync(false);

        await Expect(alice.Status).ToHaveTextAsync("Bob is back.", new() { Timeout = 15_000 });
        await Expect(bob.Status).ToHaveTextAsync("Reconnected.");
        await alice.ExpectRemoteMediaFlowingAsync();
        await bob.ExpectRemoteMediaFlowingAsync();
        await Eventually.TrueAsync(async () => FakeCamera.Blue.Resembles(await alice.RemoteCentreColourAsync()), "Alice to still see Bob");
        alice.AssertNoErrors();
    }

    [Fact]
    public async Task ACallerWhoStaysAwayTooLongEndsTheCallAndBothCamerasGoOff()
    {
        var (alice, _) = await SignedInOnCallsAsync("Alice", FakeCamera.Red);
        var (bob, _) = await SignedInOnCallsAsync("Bob", FakeCamera.Blue);
        await CallSteps.ConnectAsync(alice, bob);

        await bob.Context.SetOfflineAsync(true);

        await Expect(alice.Status).ToHaveTextAsync("Bob left: the call ended.", new() { Timeout = 25_000 });
        Assert.All(await alice.LocalTrackStatesAsync(), state => Assert.Equal("ended", state));
        await Expect(alice.CallButton("Bob")).ToHaveCountAsync(0);
        // Back online, Bob's page learns the call is over and releases his camera.
        await bob.Context.SetOfflineAsync(false);
        await Expect(bob.Status).ToHaveTextAsync("The connection dropped for too long, so the call ended. Call again.", new() { Timeout = 15_000 });
        Assert.All(await bob.LocalTrackStatesAsync(), state => Assert.Equal("ended", state));
        await Expect(alice.CallButton("Bob")).ToHaveCountAsync(1);
    }
}
