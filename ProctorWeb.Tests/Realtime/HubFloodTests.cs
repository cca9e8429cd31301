using System.Diagnostics;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Logging;
using ProctorWeb.Calls;
using ProctorWeb.Exams;
using ProctorWeb.Realtime;
using ProctorWeb.Tests.Support;
using Xunit.Abstractions;

namespace ProctorWeb.Tests.Realtime;

public class HubFloodTests(ITestOutputHelper output)
{
    private const int FloodSize = 5_000;
    private const int Exchanged = 100;

    [Fact]
    public async Task AConnectionFloodingIceCandidatesIsRefusedThenClosedWhileACallBesideItLosesNothing()
    {
        await using var calls = await TwoCalls.StartAsync();
        var (app, alice, bob, mallory, victor) = (calls.App, calls.Alice, calls.Bob, calls.Mallory, calls.Victor);

        var clock = Stopwatch.StartNew();
        var flood = Enumerable.Range(0, FloodSize).Select(i => mallory.SignalAsync(victor.User.Id, Signals.Candidate($"flood-{i}"))).ToList();
        var slowest = TimeSpan.Zero;
        for (var i = 0; i < Exchanged; i++)
        {
            var sent = Stopwatch.StartNew();
            await alice.SignalAsync(bob.User.Id, Signals.Candidate($"alice-{i}"));
            await bob.SignalAsync(alice.User.Id, Signals.Candidate($"bob-{i}"));
            slowest = sent.Elapsed > slowest ? sent.Elapsed : slowest;
        }
        await Task.WhenAll(flood.Select(t => t.ContinueWith(_ => { }, TaskScheduler.Default)));
        var floodTime = clock.Elapsed;

        var accepted = flood.Count(t => t.IsCompletedSuccessfully);
        var refused = flood.Count(t => t.Exception?.InnerException is HubException e && e.Message.EndsWith(HubRateLimitFilter.TooManyMessages, StringComparison.Ordinal));
        // The client cancels the calls still waiting for an answer when the server closes the connection.
        var dropped = flood.Count(t => t.IsCanceled || t.IsFaulted && t.Exception?.InnerException is not HubException);
        output.WriteLine($"Flood: {FloodSize} Signal calls in {floodTime.TotalMilliseconds:0} ms: {accepted} accepted, {refused} refused (\"{HubRateLimitFilter.TooManyMessages}\"), " +
            $"{dropped} unanswered because the server closed the connection. Meanwhile {2 * Exchanged} calls between Alice and Bob all arrived; the slowest round took {slowest.TotalMilliseconds:0} ms.");

        // The flooder got the default burst (200) and a little refill, then refusals, then was cut off. The scene's
        // own calls on Mallory's connection (placing and accepting the call) spent a few of the 200 before the flood.
        Assert.InRange(accepted, 190, 200 + 50 * (int)Math.Ceiling(floodTime.TotalSeconds + 1));
        // Refusals are forgiven at the permitted rate, so the closing point comes a little after 500.
        Assert.InRange(refused, 1, 500 + 50 * (int)Math.Ceiling(floodTime.TotalSeconds + 1));
        Assert.Equal(FloodSize, accepted + refused + dropped);
        await mallory.Closed.WaitAsync(HubClient.DefaultTimeout);
        Assert.Contains(app.Logs.Entries, e => e.Level == LogLevel.Warning && e.Message.StartsWith("Closing CallHub connection", StringComparison.Ordinal));
        // Alice and Bob, at their own pace beside it, lost nothing and were refused nothing.
        await bob.WaitForSignalAsync(s => s.Message == Signals.Candidate($"alice-{Exchanged - 1}"));
        await alice.WaitForSignalAsync(s => s.Message == Signals.Candidate($"bob-{Exchanged - 1}"));
        Assert.Equal(Enumerable.Range(0, Exchanged).Select(i => $"alice-{i}"), Markers(bob, "alice-"));
        Assert.Equal(Enumerable.Range(0, Exchanged).Select(i => $"bob-{i}"), Markers(alice, "bob-"));
        // Victor got what was accepted and no more than the rate allows (a completion or two may be lost as the connection is cut).
        await victor.WaitForCallEndedAsync(calls.MalloryAndVictor);
        Assert.InRange(victor.SignalsSoFar().Count, accepted, 200 + 50 * (int)Math.Ceiling(floodTime.TotalSeconds + 1));
        app.Logs.AssertNoFailures();
    }

    [Fact]
    public async Task AStudentFloodingTheExamHubIsRefusedAndItsProctorKeepsWorking()
    {
        await using var exams = await TwoExams.StartAsync();
        var ada = exams.Ada;

        var flood = Enumerable.Range(0, 1_000).Select(_ => ada.ReadyAsync()).ToList();
        await Task.WhenAll(flood.Select(t => t.ContinueWith(_ => { }, TaskScheduler.Default)));

        var refused = flood.Count(t => t.Exception?.InnerException is HubException e && e.Message.EndsWith(HubRateLimitFilter.TooManyMessages, StringComparison.Ordinal));
        output.WriteLine($"Exam hub flood: 1000 Ready calls, {flood.Count(t => t.IsCompletedSuccessfully)} accepted, {refused} refused, the rest unanswered as the server closed the connection.");
        Assert.True(refused > 0, "Nothing was refused.");
        await ada.Closed.WaitAsync(HubClient.DefaultTimeout);
        // Another connection of the same exam is unaffected: the proctor still reaches Bob at once.
        await exams.ProctorA.InvokeAsync(nameof(ExamHub.SendMessage), exams.Bob.User.Id, "still here");
        await exams.Bob.WaitForMessageAsync(m => m.Text == "still here");
        exams.App.Logs.AssertNoFailures();
    }

    private static List<string> Markers(HubClient client, string prefix) =>
        client.SignalsSoFar()
            .Select(s => s.Message.Candidate!.Split(' ')[^1])
            .Where(m => m.StartsWith(prefix, StringComparison.Ordinal))
            .ToList();
}
