using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using ProctorWeb.Calls;
using ProctorWeb.Exams;
using ProctorWeb.Realtime;
using ProctorWeb.Tests.Support;
using Xunit.Abstractions;

namespace ProctorWeb.Tests.Realtime;

/// <summary>
/// Every hub method called with wrong types, nulls, oversized strings, unknown ids and other people's ids: each
/// call gets a clear refusal, the caller's connection keeps working, nobody else hears a thing, and nothing is
/// logged as a failure.
/// </summary>
public class HostileInputTests(ITestOutputHelper output)
{
    private static readonly string Long = new('x', 10_000);
    private static readonly string LongSdp = "v=0 " + new string('a', SignalMessage.MaxSdpLength + 1);
    private static readonly object Offer = new { type = "offer", sdp = "v=0 fine" };

    private sealed record Attempt(string Method, object?[] Args);

    [Fact]
    public async Task EveryCallHubMethodRefusesMalformedInputClearlyAndHarmsNoOne()
    {
        await using var calls = await TwoCalls.StartAsync();
        var (app, alice, bob, mallory, victor, theirCall) = (calls.App, calls.Alice, calls.Bob, calls.Mallory, calls.Victor, calls.AliceAndBob);
        var before = Snapshot(alice, bob, victor);
        var v = victor.User.Id;

        var attempts = new List<Attempt>
        {
            new("Ring", [null]), new("Ring", [5]), new("Ring", [new { id = "x" }]), new("Ring", [Long]), new("Ring", []), new("Ring", ["a", "b"]),
            new("Ring", [mallory.User.Id]), new("Ring", [alice.User.Id]), new("Ring", ["no-such-user"]),
            new("Signal", [null, Offer]), new("Signal", [v, null]), new("Signal", [v, "offer"]), new("Signal", [v, 5]), new("Signal", [v, new[] { 1 }]),
            new("Signal", [v, new { type = (string?)null }]), new("Signal", [v, new { type = "offer" }]), new("Signal", [v, new { type = "offer", sdp = LongSdp }]),
            new("Signal", [v, new { type = "bogus", sdp = "v=0" }]), new("Signal", [v, new { type = "candidate" }]),
            new("Signal", [v, new { type = "candidate", candidate = Long }]), new("Signal", [v, new { type = "candidate", candidate = "c", sdpMLineIndex = 1e12 }]),
            new("Signal", [v, new { type = "candidate", candidate = "c", sdpMLineIndex = "zero" }]), new("Signal", [v, new { type = "candidate", candidate = "c", sdpMid = Long }]),
            new("Signal", [alice.User.Id, Offer]), new("Signal", ["no-such-user", Offer]), new("Signal", [Long, Offer]), new("Signal", [v, Offer, "extra"]),
            new("DropTables", []), new("OnConnectedAsync", []),
        };
        foreach (var method in new[] { "Accept", "Decline", "Cancel", "HangUp" })
        {
            attempts.AddRange([new(method, [null]), new(method, [42]), new(method, [""]), new(method, [Long]), new(method, ["no-such-call"]), new(method, [theirCall]), new(method, [])]);
        }

        foreach (var attempt in attempts)
        {
            await AssertRefusedAsync(mallory, attempt);
        }
        // To someone not in a call, unknown people are simply not online: a clear answer, not an error.
        await using var ivy = await app.ConnectNewUserAsync("Ivy");
        var unknown = await ivy.RingAsync("no-such-user");
        Assert.Equal(RingOutcomes.Offline, unknown.Outcome);

        // Mallory's connection still works, and her call is intact.
        await mallory.SignalAsync(v, Signals.Offer("after-all-that"));
        await victor.WaitForSignalAsync("after-all-that");
        // Alice and Bob heard nothing but their own flush.
        await alice.SignalAsync(bob.User.Id, Signals.Offer("flush"));
        await bob.SignalAsync(alice.User.Id, Signals.Answer("flush"));
        await bob.WaitForSignalAsync("flush");
        await alice.WaitForSignalAsync("flush");
        AssertOnlyNew(before, alice, (nameof(ICallClient.Signal), 1));
        AssertOnlyNew(before, bob, (nameof(ICallClient.Signal), 1));
        AssertOnlyNew(before, victor, (nameof(ICallClient.Signal), 1));
        app.Logs.AssertNoFailures();
        output.WriteLine($"Call hub: {attempts.Count + 1} malformed or hostile calls, each refused clearly; the caller's connection kept working and no one else received anything.");
    }

    [Fact]
    public async Task EveryExamHubMethodRefusesMalformedInputClearlyAndHarmsNoOne()
    {
        await using var exams = await TwoExams.StartAsync();
        var (ada, proctor) = (exams.Ada, exams.ProctorA);
        string Id(HubClient student) => student.RosterId().ToString(CultureInfo.InvariantCulture);
        var bystanders = new[] { exams.Bob, exams.Cara, exams.Dan, exams.ProctorB };
        var before = Snapshot(bystanders);
        var goodFlag = new { clientId = "f1", kind = "copy", startedAtUtc = DateTime.UtcNow };

        var asStudent = new List<Attempt>
        {
            new("JoinAsStudent", []), new("JoinAsStudent", ["extra"]), new("Ready", [1]),
            new("ReportFlag", [null]), new("ReportFlag", ["copy"]), new("ReportFlag", [5]), new("ReportFlag", [new { clientId = (string?)null, kind = "copy", startedAtUtc = DateTime.UtcNow }]),
            new("ReportFlag", [new { clientId = Long, kind = "copy", startedAtUtc = DateTime.UtcNow }]), new("ReportFlag", [new { clientId = "f2", kind = "bogus", startedAtUtc = DateTime.UtcNow }]),
            new("ReportFlag", [new { clientId = "f3", kind = (string?)null, startedAtUtc = DateTime.UtcNow }]), new("ReportFlag", [new { clientId = "f4", kind = "copy", startedAtUtc = "yesterday" }]),
            new("ReportFlag", [new { clientId = "f5", kind = "copy", startedAtUtc = DateTime.UtcNow, endedAtUtc = 12 }]), new("ReportFlag", [goodFlag, "extra"]),
            new("Watch", [exams.ExamA]), new("Watch", ["abc"]), new("Watch", [null]), new("Watch", [1e20]),
            new("Signal", [exams.ProctorB.ConnectionId, Offer]), new("Signal", [null, Offer]), new("Signal", [proctor.ConnectionId, null]),
            new("Signal", [proctor.ConnectionId, new { type = "offer", sdp = LongSdp }]), new("Signal", [proctor.ConnectionId, "offer"]), new("Signal", [Long, Offer]),
            new("SetQuality", [Id(exams.Bob), "low"]), new("Talk", [Id(exams.Bob), true]), new("SendMessage", [Id(exams.Bob), "hi"]), new("Announce", ["hi"]),
            new("RaiseHand", ["yes"]), new("RaiseHand", [null]), new("RaiseHand", []), new("LowerHand", [Id(ada)]), new("LowerHand", [Id(exams.Bob)]),
            new("WriteToProctors", [null]), new("WriteToProctors", ["   "]), new("WriteToProctors", [Long]), new("WriteToProctors", [new { text = "hi" }]), new("WriteToProctors", []),
            new("DropTables", []),
        };
        var asProctor = new List<Attempt>
        {
            new("Watch", [exams.ExamB]), new("Watch", [999_999]), new("Watch", [exams.ExamA]), new("Watch", [-1]),
            new("JoinAsStudent", []), new("Ready", []), new("ReportFlag", [goodFlag]),
            new("SetQuality", [Id(ada), "ultra"]), new("SetQuality", [Id(ada), null]), new("SetQuality", [Id(ada), 5]), new("SetQuality", ["999999", "low"]),
            new("SetQuality", [Id(exams.Dan), "low"]), new("SetQuality", ["-1", "low"]), new("SetQuality", ["99999999999999999999", "low"]), new("SetQuality", [Id(exams.Cara), "low"]),
            new("SetQuality", [Long, "low"]), new("Talk", [Id(ada), "yes"]), new("Talk", [Id(exams.Dan), true]), new("Talk", [null, true]), new("Talk", [Id(ada), null]),
            new("SendMessage", [Id(ada), null]), new("SendMessage", [Id(ada), "   "]), new("SendMessage", [Id(ada), Long]), new("SendMessage", [Id(exams.Dan), "hi"]),
            new("SendMessage", ["abc", "hi"]), new("SendMessage", [Id(ada), new { text = "hi" }]),
            new("Announce", [null]), new("Announce", [""]), new("Announce", [Long]), new("Announce", [5]), new("Announce", []),
            new("RaiseHand", [true]), new("WriteToProctors", ["hi"]), new("LowerHand", [Id(exams.Dan)]), new("LowerHand", ["abc"]), new("LowerHand", [null]), new("LowerHand", []),
            new("Signal", [Id(exams.Dan), Offer]), new("Signal", ["abc", Offer]), new("Signal", [Id(exams.Cara), Offer]), new("Signal", [Id(ada), new { type = "candidate", candidate = Long }]),
        };

        foreach (var attempt in asStudent)
        {
            await AssertRefusedAsync(ada, attempt);
        }
        foreach (var attempt in asProctor)
        {
            await AssertRefusedAsync(proctor, attempt);
        }

        // Both connections still work.
        await ada.SignalAsync(proctor.ConnectionId, Signals.Offer("still-fine"));
        await proctor.WaitForSignalAsync("still-fine");
        await proctor.InvokeAsync(nameof(ExamHub.SendMessage), Id(ada), "still here");
        await ada.WaitForMessageAsync(m => m.Text == "still here");
        // Ada heard nothing from the refused calls before that message.
        Assert.DoesNotContain(ada.EverythingReceivedSoFar(), m => m.Target is nameof(IExamClient.QualityRequested) or nameof(IExamClient.ProctorTalking));
        Assert.Single(ada.MessagesSoFar());
        // Bob's flush is an announcement to the whole exam, so Cara gets it too.
        await exams.FlushAsync(exams.Bob);
        await exams.Cara.WaitForMessageAsync();
        await exams.FlushAsync(exams.Dan);
        await exams.FlushAsync(exams.ProctorB);
        AssertOnlyNew(before, exams.Bob, (nameof(IExamClient.Message), 1));
        AssertOnlyNew(before, exams.Cara, (nameof(IExamClient.Message), 1));
        AssertOnlyNew(before, exams.Dan, (nameof(IExamClient.Message), 1));
        AssertOnlyNew(before, exams.ProctorB, (nameof(IExamClient.Signal), 1));
        exams.App.Logs.AssertNoFailures();
        output.WriteLine($"Exam hub: {asStudent.Count + asProctor.Count} malformed or hostile calls ({asStudent.Count} as a student, {asProctor.Count} as a proctor), each refused clearly; both connections kept working and no one else received anything.");
    }

    [Fact]
    public async Task AMessageOverTheHubSizeLimitClosesOnlyThatConnectionAndLogsNoFailure()
    {
        await using var scene = await ThreeCallers.StartAsync();
        var (alice, bob, carol) = (scene.Alice, scene.Bob, scene.Carol);
        await Lobby.StartCallAsync(alice, bob);

        var refused = await Record.ExceptionAsync(() => carol.RingAsync(new string('x', RealtimeSetup.MaximumHubMessageBytes + 1)));

        Assert.NotNull(refused);
        await carol.Closed.WaitAsync(HubClient.DefaultTimeout);
        await alice.SignalAsync(bob.User.Id, Signals.Offer("unharmed"));
        await bob.WaitForSignalAsync("unharmed");
        scene.App.Logs.AssertNoFailures();
    }

    /// <summary>A HubException's text, or SignalR's own binding or unknown-method error; never a bare "unexpected error", which means a crash.</summary>
    private static async Task AssertRefusedAsync(HubClient client, Attempt attempt)
    {
        var what = $"{attempt.Method}({string.Join(", ", attempt.Args.Select(a => a is string { Length: > 40 } s ? $"<{s.Length} chars>" : JsonSerializer.Serialize(a)))})";
        // The real client writes whatever it is given as JSON, so wrong types, nulls and wrong counts reach the server as a browser could send them.
        var error = await Record.ExceptionAsync(() => client.InvokeAsync(attempt.Method, attempt.Args));
        var refusal = Assert.IsType<HubException>(error, exactMatch: false);
        // SignalR words a HubException as "An unexpected error occurred invoking 'X' on the server. HubException: <our text>";
        // a crash is the same sentence with nothing after it.
        Assert.False(refusal.Message == $"An unexpected error occurred invoking '{attempt.Method}' on the server.", $"{what} crashed.");
        Assert.True(refusal.Message.Contains("HubException: ") || refusal.Message.StartsWith($"Failed to invoke '{attempt.Method}' due to an error on the server.", StringComparison.Ordinal),
            $"{what} was refused unclearly: {refusal.Message}");
    }

    private static Dictionary<HubClient, int> Snapshot(params HubClient[] clients) =>
        clients.ToDictionary(c => c, c => c.EverythingReceivedSoFar().Count);

    /// <summary>Since the snapshot, the client received exactly the given messages (the test's own flush), ignoring presence lists.</summary>
    private static void AssertOnlyNew(Dictionary<HubClient, int> before, HubClient client, params (string Target, int Count)[] expected)
    {
        var added = client.EverythingReceivedSoFar().Skip(before[client]).Where(m => m.Target != nameof(ICallClient.OnlineUsers)).ToList();
        Assert.True(expected.All(e => added.Count(m => m.Target == e.Target) == e.Count) && added.Count == expected.Sum(e => e.Count),
            $"{client.User.DisplayName} received more than the flush: {string.Join("; ", added)}");
    }
}
