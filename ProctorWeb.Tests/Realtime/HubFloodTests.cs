using System.Diagnostics;
using Microsoft.Extensions.Logging;
using ProctorWeb.Realtime;
using ProctorWeb.Tests.Support;
using Xunit.Abstractions;

namespace ProctorWeb.Tests.Realtime;

public class HubFloodTests(ITestOutputHelper output)
{
    private const int FloodSize = 5_000;
    private const int Exchanged = 100;

    private static object Candidate(string marker) =>
        new { type = "candidate", candidate = $"candidate:1 1 udp 2122260223 192.0.2.1 9 typ host {marker}", sdpMid = "0", sdpMLineIndex = 0 };

    [Fact]
    public async Task AConnectionFloodingIceCandidatesIsRefusedThenClosedWhileACallBesideItLosesNothing()
    {
        await using var app = new ProctorWebApplication();
        await using var alice = await app.ConnectNewUserAsync("Alice");
        await using var bob = await app.ConnectNewUserAsync("Bob");
        await using var mallory = await app.ConnectNewUserAsync("Mallory");
        await using var victor = await app.ConnectNewUserAsync("Victor");
        await Lobby.EveryoneSeesEveryoneAsync(alice, bob, mallory, victor);
        await Lobby.StartCallAsync(alice, bob);
        await Lobby.StartCallAsync(mallory, victor);

        var clock = Stopwatch.StartNew();
        var flood = Enumerable.Range(0, FloodSize).Select(i => mallory.InvokeAsync("Signal", victor.User.Id, Candidate($"flood-{i}"))).ToList();
        var slowest = TimeSpan.Zero;
        for (var i = 0; i < Exchanged; i++)
        {
            var sent = Stopwatch.StartNew();
            await alice.InvokeAsync("Signal", bob.User.Id, Candidate($"alice-{i}"));
            await bob.InvokeAsync("Signal", alice.User.Id, Candidate($"bob-{i}"));
            slowest = sent.Elapsed > slowest ? sent.Elapsed : slowest;
        }
        await Task.WhenAll(flood.Select(t => t.ContinueWith(_ => { }, TaskScheduler.Default)));
        var floodTime = clock.Elapsed;

        var accepted = flood.Count(t => t.IsCompletedSuccessfully);
        var refused = flood.Count(t => t.Exception?.InnerException is HubErrorException e && e.Message.EndsWith(HubRateLimitFilter.TooManyMessages, StringComparison.Ordinal));
        var dropped = flood.Count(t => t.IsFaulted && t.Exception?.InnerException is not HubErrorException);
        output.WriteLine($"Flood: {FloodSize} Signal calls in {floodTime.TotalMilliseconds:0} ms: {accepted} accepted, {refused} refused (\"{HubRateLimitFilter.TooManyMessages}\"), " +
            $"{dropped} unanswered because the server closed the connection. Meanwhile {2 * Exchanged} calls between Alice and Bob all arrived; the slowest round took {slowest.TotalMilliseconds:0} ms.");

        // The flooder got the default burst (200) and a little refill, then refusals, then was cut off.
        Assert.InRange(accepted, 200, 200 + 50 * (int)Math.Ceiling(floodTime.TotalSeconds + 1));
        // Refusals are forgiven at the permitted rate, so the closing point comes a little after 500.
        Assert.InRange(refused, 1, 500 + 50 * (int)Math.Ceiling(floodTime.TotalSeconds + 1));
        Assert.Equal(FloodSize, accepted + refused + dropped);
        await mallory.Closed.WaitAsync(HubTestClient.DefaultTimeout);
        Assert.Contains(app.Logs.Entries, e => e.Level == LogLevel.Warning && e.Message.StartsWith("Closing CallHub connection", StringComparison.Ordinal));
        // Alice and Bob, at their own pace beside it, lost nothing and were refused nothing.
        await bob.WaitForAsync("Signal", a => a[1].GetRawText().Contains($"alice-{Exchanged - 1}"));
        await alice.WaitForAsync("Signal", a => a[1].GetRawText().Contains($"bob-{Exchanged - 1}"));
        Assert.Equal(Enumerable.Range(0, Exchanged).Select(i => $"alice-{i}"), Markers(bob, "alice-"));
        Assert.Equal(Enumerable.Range(0, Exchanged).Select(i => $"bob-{i}"), Markers(alice, "bob-"));
        // Victor got what was accepted and no more than the rate allows (a completion or two may be lost as the connection is cut).
        await victor.WaitForCallEndedAsync(victor.ReceivedSoFar("CallStarted")[0][0].GetProperty("callId").GetString()!);
        Assert.InRange(victor.ReceivedSoFar("Signal").Count, accepted, 200 + 50 * (int)Math.Ceiling(floodTime.TotalSeconds + 1));
        app.Logs.AssertNoFailures();
    }

    [Fact]
    public async Task AStudentFloodingTheExamHubIsRefusedAndItsProctorKeepsWorking()
    {
        await using var exams = await TwoExams.StartAsync();
        var ada = exams.Ada;

        var flood = Enumerable.Range(0, 1_000).Select(_ => ada.InvokeAsync("Ready")).ToList();
        await Task.WhenAll(flood.Select(t => t.ContinueWith(_ => { }, TaskScheduler.Default)));

        var refused = flood.Count(t => t.Exception?.InnerException is HubErrorException e && e.Message.EndsWith(HubRateLimitFilter.TooManyMessages, StringComparison.Ordinal));
        output.WriteLine($"Exam hub flood: 1000 Ready calls, {flood.Count(t => t.IsCompletedSuccessfully)} accepted, {refused} refused, the rest unanswered as the server closed the connection.");
        Assert.True(refused > 0, "Nothing was refused.");
        await ada.Closed.WaitAsync(HubTestClient.DefaultTimeout);
        // Another connection of the same exam is unaffected: the proctor still reaches Bob at once.
        await exams.ProctorA.InvokeAsync("SendMessage", exams.Bob.RosterId().ToString(), "still here");
        await exams.Bob.WaitForAsync("Message", a => a[0].GetProperty("text").GetString() == "still here");
        exams.App.Logs.AssertNoFailures();
    }

    private static List<string> Markers(HubTestClient client, string prefix) =>
        client.ReceivedSoFar("Signal")
            .Select(a => a[1].GetProperty("candidate").GetString()!.Split(' ')[^1])
            .Where(m => m.StartsWith(prefix, StringComparison.Ordinal))
            .ToList();
}
