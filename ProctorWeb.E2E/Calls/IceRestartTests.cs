using ProctorWeb.E2E.Support;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace ProctorWeb.E2E.Calls;

/// <summary>
/// A broken media path cannot be made on one machine without tearing down the network, so the
/// peer connection is told it failed (its state is overridden on the real object) and everything
/// after that, the ICE restart and the renegotiation with the other browser, is real.
/// </summary>
public class IceRestartTests(ITestOutputHelper output) : BrowserTest(output)
{
    /// <summary>The path breaks once: the next read says "failed", later reads tell the truth again.</summary>
    private const string FailOnce = """
        () => {
            const pc = window.__probe.peers.at(-1);
            Object.defineProperty(pc, 'connectionState', { configurable: true, get() { delete pc.connectionState; return 'failed'; } });
            pc.dispatchEvent(new Event('connectionstatechange'));
        }
        """;

    /// <summary>The path stays broken: every read says "failed", whatever the restarts do.</summary>
    private const string FailForGood = """
        () => {
            const pc = window.__probe.peers.at(-1);
            Object.defineProperty(pc, 'connectionState', { configurable: true, get: () => 'failed' });
            pc.dispatchEvent(new Event('connectionstatechange'));
        }
        """;

    private const string RemoteUfrag = "() => /a=ice-ufrag:(\\S+)/.exec(window.__probe.peers.at(-1).remoteDescription.sdp)[1]";

    [Fact]
    public async Task AFailedMediaPathIsRepairedWithAnIceRestartBeforeAnyoneIsToldItFailed()
    {
        var (alice, _) = await SignedInOnCallsAsync("Alice", FakeCamera.Red);
        var (bob, _) = await SignedInOnCallsAsync("Bob", FakeCamera.Blue);
        await CallSteps.ConnectAsync(alice, bob);
        var bobsViewOfAlice = await bob.Page.EvaluateAsync<string>(RemoteUfrag);

        // On a quiet machine the repair can finish before a poll sees the notice, so every text the status shows is kept.
        await alice.Page.EvaluateAsync("""
            () => {
                const status = document.querySelector('[role=status]');
                window.__statusSeen = [];
                new MutationObserver(() => window.__statusSeen.push(status.textContent)).observe(status, { childList: true, characterData: true, subtree: true });
            }
            """);
        await alice.Page.EvaluateAsync(FailOnce);

        await alice.Page.WaitForFunctionAsync("text => window.__statusSeen.includes(text)", "The connection to Bob is unstable: trying to repair it…");
        // The restart is real: Bob receives an offer with fresh ICE credentials from Alice, and the call goes on.
        await Eventually.TrueAsync(async () => await bob.Page.EvaluateAsync<string>(RemoteUfrag) != bobsViewOfAlice, "Bob to get Alice's restarted ICE credentials");
        await Expect(alice.Status).ToHaveTextAsync("");
        await alice.ExpectRemoteMediaFlowingAsync();
        await bob.ExpectRemoteMediaFlowingAsync();
    }

    [Fact]
    public async Task AMediaPathThatStaysBrokenAfterTwoRestartsIsReportedAsFailed()
    {
        var (alice, _) = await SignedInOnCallsAsync("Alice", FakeCamera.Red);
        var (bob, _) = await SignedInOnCallsAsync("Bob", FakeCamera.Blue);
        await CallSteps.ConnectAsync(alice, bob);

        // Three failures in a row (the browser may add its own events in between; they read "failed" too).
        for (var failure = 1; failure <= 3; failure++)
        {
            await alice.Page.EvaluateAsync(FailForGood);
        }

        await Expect(alice.Status).ToHaveTextAsync("The connection to Bob failed. Hang up and call again.");
        Assert.True(await alice.Page.EvaluateAsync<bool>("() => window.__probe.peers.at(-1).localDescription.sdp.includes('a=ice-ufrag')"));
    }
}
