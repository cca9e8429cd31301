using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.SignalR;
using ProctorWeb.Calls;
using ProctorWeb.Data;
using ProctorWeb.Exams;
using ProctorWeb.Realtime;
using ProctorWeb.Tests.Support;
using Xunit.Abstractions;
using static ProctorWeb.Tests.Realtime.HubAuthorizationMatrixTests.Outcome;

namespace ProctorWeb.Tests.Realtime;

/// <summary>Connecting to each hub and every public hub method, against every kind of caller, each cell's answer written out in the table.</summary>
public class HubAuthorizationMatrixTests(ITestOutputHelper output)
{
    public enum Outcome
    {
        /// <summary>The call completed.</summary>
        Ok,
        /// <summary>The hub answered with a HubException.</summary>
        Refused,
        /// <summary>The caller cannot connect to this hub at all, so cannot call the method.</summary>
        NoConnection,
    }

    /// <summary>What a cell's action may use: the scene, each caller's open connections, and a bystander call.</summary>
    private sealed class World(ExamCallers scene)
    {
        public ExamCallers Scene { get; } = scene;
        public Dictionary<Caller, HubClient?> Calls { get; } = [];
        public Dictionary<Caller, HubClient?> Exams { get; } = [];
        public HubClient Pat { get; set; } = null!;
        public HubClient Quinn { get; set; } = null!;
        public HubClient Rita { get; set; } = null!;
        public string BystanderCallId { get; set; } = "";
        public string AdaId => Scene.Ada.RosterId.ToString(CultureInfo.InvariantCulture);
        public HubClient OwnerExamConnection => Exams[Caller.Owner]!;
    }

    private sealed record Row(string Target, bool ExamHub, Func<World, Caller, HubClient, Task> Act,
        Outcome Anonymous, Outcome StudentOfThisExam, Outcome StudentOfAnotherExam, Outcome AnotherTeacher, Outcome CoProctor, Outcome Owner, Outcome Admin)
    {
        public Outcome Expected(Caller caller) => caller switch
        {
            Caller.Anonymous => Anonymous,
            Caller.StudentOfThisExam => StudentOfThisExam,
            Caller.StudentOfAnotherExam => StudentOfAnotherExam,
            Caller.AnotherTeacher => AnotherTeacher,
            Caller.CoProctor => CoProctor,
            Caller.Owner => Owner,
            Caller.Admin => Admin,
            _ => throw new ArgumentOutOfRangeException(nameof(caller), caller, "A caller with no column in the table."),
        };
    }

    private static readonly SignalMessage Offer = Signals.Offer("matrix");

    // Columns: anonymous, student of this exam, student of another exam, another teacher, co-proctor, owner, admin.
    // The admin watches no exam (administering accounts is not proctoring): they may connect as any teacher, and each method refuses them.
    // Connecting is its own row; a method row's connection is the caller's, opened once (or fresh, where the method starts a role).
    private static readonly Row[] Table =
    [
        new("connect to /hubs/calls", false, (_, _, _) => Task.CompletedTask, NoConnection, NoConnection, NoConnection, Ok, Ok, Ok, Ok),
        new("CallHub.Ring(someone available)", false, async (w, _, me) =>
        {
            var result = await me.RingAsync(w.Rita.User.Id);
            Assert.Equal(RingOutcomes.Ringing, result.Outcome);
            await me.InvokeAsync(nameof(CallHub.Cancel), result.CallId);
        }, NoConnection, NoConnection, NoConnection, Ok, Ok, Ok, Ok),
        new("CallHub.Accept(someone else's ringing call)", false, (w, _, me) => me.InvokeAsync(nameof(CallHub.Accept), w.BystanderCallId), NoConnection, NoConnection, NoConnection, Refused, Refused, Refused, Refused),
        new("CallHub.Decline(someone else's ringing call)", false, (w, _, me) => me.InvokeAsync(nameof(CallHub.Decline), w.BystanderCallId), NoConnection, NoConnection, NoConnection, Refused, Refused, Refused, Refused),
        new("CallHub.Cancel(someone else's ringing call)", false, (w, _, me) => me.InvokeAsync(nameof(CallHub.Cancel), w.BystanderCallId), NoConnection, NoConnection, NoConnection, Refused, Refused, Refused, Refused),
        new("CallHub.HangUp(someone else's ringing call)", false, (w, _, me) => me.InvokeAsync(nameof(CallHub.HangUp), w.BystanderCallId), NoConnection, NoConnection, NoConnection, Refused, Refused, Refused, Refused),
        new("CallHub.Signal(someone in someone else's call)", false, (w, _, me) => me.SignalAsync(w.Quinn.User.Id, Offer), NoConnection, NoConnection, NoConnection, Refused, Refused, Refused, Refused),

        new("connect to /hubs/exams", true, (_, _, _) => Task.CompletedTask, NoConnection, Ok, Ok, Ok, Ok, Ok, Ok),
        new("ExamHub.Ready()", true, (_, _, me) => me.ReadyAsync(), NoConnection, Ok, Ok, Refused, Refused, Refused, Refused),
        new("ExamHub.ReportFlag(a flag)", true, (_, c, me) => me.InvokeAsync<long>(nameof(ExamHub.ReportFlag), new FlagReport($"m-{c}", "copy", DateTime.UtcNow, null)),
            NoConnection, Ok, Ok, Refused, Refused, Refused, Refused),
        new("ExamHub.Watch(this exam), on a fresh connection", true, async (w, c, _) =>
        {
            await using var fresh = await ConnectAsync(w.Scene, c, HubAddress.Exams);
            await fresh!.WatchAsync(w.Scene.ExamId);
        }, NoConnection, Refused, Refused, Refused, Ok, Ok, Refused),
        // Students signal this exam's owner; proctors signal Ada, the student of this exam.
        new("ExamHub.Signal(someone in this exam)", true, (w, c, me) => me.SignalAsync(c is Caller.StudentOfThisExam or Caller.StudentOfAnotherExam ? w.OwnerExamConnection.ConnectionId : w.AdaId, Offer),
            NoConnection, Ok, Refused, Refused, Ok, Ok, Refused),
        new("ExamHub.SetQuality(student of this exam)", true, (w, _, me) => me.InvokeAsync(nameof(ExamHub.SetQuality), w.AdaId, Quality.Low), NoConnection, Refused, Refused, Refused, Ok, Ok, Refused),
        new("ExamHub.Talk(student of this exam)", true, (w, _, me) => me.InvokeAsync(nameof(ExamHub.Talk), w.AdaId, true), NoConnection, Refused, Refused, Refused, Ok, Ok, Refused),
        new("ExamHub.SendMessage(student of this exam)", true, (w, c, me) => me.InvokeAsync(nameof(ExamHub.SendMessage), w.AdaId, $"message from {c}"), NoConnection, Refused, Refused, Refused, Ok, Ok, Refused),
        // A proctor watching Ada asks her page to keep a clip; a second ask within seconds answers the same request.
        new("ExamHub.KeepClip(student of this exam)", true, (w, _, me) => me.InvokeAsync<long>(nameof(ExamHub.KeepClip), w.AdaId), NoConnection, Refused, Refused, Refused, Ok, Ok, Refused),
        // Nobody awaits admission in these exams (they admit automatically): nobody may admit or turn away Ada, and students not at all.
        new("ExamHub.Admit(student of this exam, already live)", true, (w, _, me) => me.InvokeAsync(nameof(ExamHub.Admit), w.AdaId), NoConnection, Refused, Refused, Refused, Refused, Refused, Refused),
        new("ExamHub.Reject(student of this exam, already live)", true, (w, _, me) => me.InvokeAsync(nameof(ExamHub.Reject), w.AdaId, "reason"), NoConnection, Refused, Refused, Refused, Refused, Refused, Refused),
        // A student says their own page cannot run face checks; proctors have no such page.
        new("ExamHub.FaceChecksUnavailable(a known reason)", true, (_, _, me) => me.InvokeAsync(nameof(ExamHub.FaceChecksUnavailable), "too-slow"), NoConnection, Ok, Ok, Refused, Refused, Refused, Refused),
        new("ExamHub.FullscreenUnavailable()", true, (_, _, me) => me.InvokeAsync(nameof(ExamHub.FullscreenUnavailable)), NoConnection, Ok, Ok, Refused, Refused, Refused, Refused),
        // Contact both ways: students raise a hand and write to their own exam's proctors; proctors of Ada's exam lower her hand.
        new("ExamHub.RaiseHand(true)", true, (_, _, me) => me.InvokeAsync<bool>(nameof(ExamHub.RaiseHand), true), NoConnection, Ok, Ok, Refused, Refused, Refused, Refused),
        new("ExamHub.WriteToProctors(text)", true, (_, c, me) => me.InvokeAsync(nameof(ExamHub.WriteToProctors), $"question from {c}"), NoConnection, Ok, Ok, Refused, Refused, Refused, Refused),
        new("ExamHub.LowerHand(student of this exam)", true, (w, _, me) => me.InvokeAsync(nameof(ExamHub.LowerHand), w.AdaId), NoConnection, Refused, Refused, Refused, Ok, Ok, Refused),
        // A proctor announces to the exam they watch: another teacher's announcement goes to their own exam only (checked below);
        // the admin watches none, so has nobody to announce to.
        new("ExamHub.Announce(text)", true, (_, c, me) => me.InvokeAsync(nameof(ExamHub.Announce), $"announcement from {c}"), NoConnection, Refused, Refused, Ok, Ok, Ok, Refused),
        // Last: a student joining again on a fresh connection takes over from their own earlier one.
        new("ExamHub.JoinAsStudent(), on a fresh connection", true, async (w, c, _) =>
        {
            await using var fresh = await ConnectAsync(w.Scene, c, HubAddress.Exams);
            await fresh!.JoinAsStudentAsync();
        }, NoConnection, Ok, Ok, Refused, Refused, Refused, Refused),
    ];

    [Fact]
    public async Task EveryHubMethodAnswersEachKindOfCallerExactlyAsTheTableSays()
    {
        await using var scene = await ExamCallers.StartAsync();
        var world = new World(scene);
        var toDispose = new List<HubClient>();
        try
        {
            foreach (var caller in ExamCallers.All)
            {
                world.Calls[caller] = await ConnectAsync(scene, caller, HubAddress.Calls);
                world.Exams[caller] = await ConnectAsync(scene, caller, HubAddress.Exams);
            }
            toDispose.AddRange(world.Calls.Values.Concat(world.Exams.Values).OfType<HubClient>());
            // Proctors watch their exams, students go live in theirs, the admin watches none; Pat rings Quinn, Rita is free to be rung.
            await world.Exams[Caller.Owner]!.WatchAsync(scene.ExamId);
            await world.Exams[Caller.CoProctor]!.WatchAsync(scene.ExamId);
            await world.Exams[Caller.AnotherTeacher]!.WatchAsync(scene.OtherExamId);
            await world.Exams[Caller.StudentOfThisExam]!.GoLiveAsync(world.Exams[Caller.Owner]!, world.Exams[Caller.CoProctor]!);
            await world.Exams[Caller.StudentOfAnotherExam]!.GoLiveAsync(world.Exams[Caller.AnotherTeacher]!);
            world.Pat = await scene.App.ConnectNewUserAsync("Pat");
            world.Quinn = await scene.App.ConnectNewUserAsync("Quinn");
            world.Rita = await scene.App.ConnectNewUserAsync("Rita");
            toDispose.AddRange([world.Pat, world.Quinn, world.Rita]);
            await Lobby.EveryoneSeesEveryoneAsync([world.Pat, world.Quinn, world.Rita, .. world.Calls.Values.OfType<HubClient>()]);
            world.BystanderCallId = await Lobby.RingAsync(world.Pat, world.Quinn);

            var wrong = new List<string>();
            var cells = 0;
            foreach (var row in Table)
            {
                foreach (var caller in ExamCallers.All)
                {
                    cells++;
                    var connection = (row.ExamHub ? world.Exams : world.Calls)[caller];
                    var actual = connection is null ? NoConnection : await OutcomeOfAsync(() => row.Act(world, caller, connection));
                    if (actual != row.Expected(caller))
                    {
                        wrong.Add($"{row.Target} as {caller}: expected {row.Expected(caller)}, got {actual}");
                    }
                }
            }

            output.WriteLine($"Hub authorization matrix: {Table.Length} connections and methods x {ExamCallers.All.Count} callers = {cells} cells checked.");
            Assert.True(wrong.Count == 0, $"{wrong.Count} of {cells} cells differ from the table:{Environment.NewLine}{string.Join(Environment.NewLine, wrong)}");
            // The bystanders' call was untouched: still ringing, Quinn can still take it, and nobody else's signal reached them.
            await world.Quinn.InvokeAsync("Accept", world.BystanderCallId);
            await world.Pat.WaitForCallStartedAsync(world.BystanderCallId);
            Assert.Empty(world.Quinn.SignalsSoFar());
            Assert.Empty(world.Pat.ReceivedSoFar<CallEnded>(nameof(ICallClient.CallEnded)));
            // Ada heard from this exam's proctors only; Otto's announcement stayed in his own exam.
            var ada = world.Exams[Caller.StudentOfThisExam]!;
            var dan = world.Exams[Caller.StudentOfAnotherExam]!;
            // Their first connections were taken over by the last row, and everything sent to them came before that.
            await ada.WaitForAsync(nameof(IExamClient.SessionReplaced));
            await dan.WaitForAsync(nameof(IExamClient.SessionReplaced));
            Assert.Equal(["Colin", "Tess", "Colin", "Tess"], ada.MessagesSoFar().Select(m => m.From));
            Assert.Equal(["Otto"], dan.MessagesSoFar().Select(m => m.From));
            scene.App.Logs.AssertNoFailures();
        }
        finally
        {
            foreach (var client in toDispose)
            {
                await client.DisposeAsync();
            }
        }
    }

    /// <summary>The caller's connection to the hub, or null when the hub will not let them connect.</summary>
    private static async Task<HubClient?> ConnectAsync(ExamCallers scene, Caller caller, HubAddress hub)
    {
        try
        {
            return await scene.App.ConnectAsync(hub, scene.CookiesOf(caller), scene.UserOf(caller));
        }
        catch (HttpRequestException refused) when (refused.StatusCode == HttpStatusCode.Unauthorized)
        {
            return null;
        }
    }

    private static async Task<Outcome> OutcomeOfAsync(Func<Task> act)
    {
        try
        {
            await act();
            return Ok;
        }
        catch (HubException error) when (error.Message.Contains("HubException: ", StringComparison.Ordinal))
        {
            return Refused;
        }
    }
}
