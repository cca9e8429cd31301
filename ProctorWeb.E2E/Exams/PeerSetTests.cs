using System.Text.Json;
using ProctorWeb.E2E.Support;
using Xunit.Abstractions;

namespace ProctorWeb.E2E.Exams;

/// <summary>The monitor's and the exam room's set of peers by remote id, in real Chromium with stand-in peers.</summary>
public class PeerSetTests(ITestOutputHelper output) : BrowserTest(output)
{
    [Fact]
    public async Task APeerIsMadeOncePerIdAndClosedOnceAfterItsHookHasRun()
    {
        var result = await RunWithModuleAsync<JsonElement>("peerSet.js", """
            const log = [];
            const peers = m.createPeerSet(
                id => { log.push(`create ${id}`); return { id, close() { log.push(`close ${id}`); } }; },
                { onClose: id => log.push(`hook ${id} (still held: ${peers.has(id)})`) });
            const first = peers.open(7);
            const sameAgain = peers.open(7) === first && peers.get(7) === first;
            peers.open(8);
            peers.close(7);
            peers.close(7);                      // already gone: nothing happens
            const reopened = peers.open(7) !== first;
            peers.closeAll();
            return { log, sameAgain, reopened, left: [...peers.values()].length };
            """);
        Assert.True(result.GetProperty("sameAgain").GetBoolean());
        Assert.True(result.GetProperty("reopened").GetBoolean());
        Assert.Equal(0, result.GetProperty("left").GetInt32());
        Assert.Equal(
            ["create 7", "create 8", "hook 7 (still held: true)", "close 7", "create 7",
             "hook 8 (still held: true)", "close 8", "hook 7 (still held: true)", "close 7"],
            result.GetProperty("log").EnumerateArray().Select(e => e.GetString()));
    }
}
