using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using ProctorWeb.Data;
using ProctorWeb.Exams;
using ProctorWeb.Tests.Support;

namespace ProctorWeb.Tests.Exams;

/// <summary>Who may reach whom through the exam hub: students only their exam's proctors, proctors only their exam's live students.</summary>
public class ExamRelayTests
{
    private const string NotSignalable = "You can only send signaling between a student past the device check and a proctor of the same exam.";
    private const string NotLive = "That student is not live in this exam.";
    private const string NotInExam = "That student is not in this exam now.";
    private const string ProctorsOnly = "Only a proctor of this exam can do that.";
    private const string NotAProctor = "You are not a proctor of that exam.";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// An attempt that must be refused, and what must not reach <paramref name="Target"/> because of it:
    /// a message to <paramref name="Method"/> (carrying <paramref name="Token"/>, when given).
    /// </summary>
    private sealed record Refusal(string What, Func<Task> Attempt, string Error, HubClient Target, string Method, string? Token = null);

    private static async Task AssertAllRefusedAsync(TwoExams exams, params Refusal[] refusals)
    {
        foreach (var refusal in refusals)
        {
            var thrown = await Record.ExceptionAsync(refusal.Attempt);
            var refused = thrown as HubException;
            Assert.True(refused is not null, $"{refusal.What}: expected a HubException, got {thrown?.ToString() ?? "success"}");
            Assert.True(refused.Message.Contains(refusal.Error), $"{refusal.What}: refused with \"{refused.Message}\"");
        }
        foreach (var target in refusals.Select(r => r.Target).Distinct())
        {
            await exams.FlushAsync(target);
        }
        foreach (var refusal in refusals)
        {
            var leaked = refusal.Target.EverythingReceivedSoFar()
                .Where(m => m.Target == refusal.Method && (refusal.Token is null || m.ArgumentsJson.Contains(refusal.Token, StringComparison.Ordinal)))
                .ToList();
            Assert.True(leaked.Count == 0, $"{refusal.What}: {refusal.Target.User.DisplayName} received {string.Join("; ", leaked)}");
        }
    }

    private static string Marker(string what) => $"{what.Replace(' ', '-')}-{Guid.NewGuid():N}";

    private static Refusal SignalRefusal(string what, HubClient from, string to, HubClient target)
    {
        var marker = Marker(what);
        return new(what, () => from.SignalAsync(to, Signals.Offer(marker)), NotSignalable, target, nameof(IExamClient.Signal), marker);
    }

    [Fact]
    public async Task ALiveStudentAndItsProctorSignalEachOtherUnderIdsTheServerVouchesFor()
    {
        await using var exams = await TwoExams.StartAsync();

        await exams.Ada.SignalAsync(exams.ProctorA.ConnectionId, Signals.Offer("from-ada"));
        var toProctor = await exams.ProctorA.WaitForSignalAsync("from-ada");
        await exams.ProctorA.SignalAsync(exams.Ada.User.Id, Signals.Answer("from-tess"));
        var toStudent = await exams.Ada.WaitForSignalAsync();

        Assert.Equal((exams.Ada.User.Id, Signals.Offer("from-ada")), toProctor);
        Assert.Equal((exams.ProctorA.ConnectionId, Signals.Answer("from-tess")), toStudent);
        // Bob is live in the same exam, but nothing was addressed to him.
        await exams.FlushAsync(exams.Bob);
        Assert.Empty(exams.Bob.SignalsSoFar());
    }

    [Fact]
    public async Task ASignalSentWithoutWaitingIsRelayedAndARefusedOneComesBackToItsSenderAlone()
    {
        await using var exams = await TwoExams.StartAsync();
        var (ada, bob, proctor) = (exams.Ada, exams.Bob, exams.ProctorA);

        await ada.SendSignalAsync(proctor.ConnectionId, Signals.Candidate("sent-not-invoked"));
        var relayed = await proctor.WaitForAsync<(string From, ProctorWeb.Realtime.SignalMessage Message)>(nameof(IExamClient.Signal));
        await ada.SendSignalAsync(bob.User.Id, Signals.Offer("to-a-classmate"));
        var refused = await ada.WaitForSignalRefusedAsync();
        await ada.SendSignalAsync(proctor.ConnectionId, new ProctorWeb.Realtime.SignalMessage("renegotiate", Sdp: "v=0"));
        var malformed = await ada.WaitForSignalRefusedAsync();
        await ada.SendSignalAsync(new string('x', 10_000), Signals.Offer("to-nowhere"));
        var unknown = await ada.WaitForSignalRefusedAsync();

        Assert.Equal((ada.User.Id, Signals.Candidate("sent-not-invoked")), relayed);
        Assert.Equal((bob.User.Id, NotSignalable), refused);
        Assert.Equal(proctor.ConnectionId, malformed.To);
        Assert.Contains("must be an offer, an answer or a candidate", malformed.Reason);
        // A 10,000-character "id" is not echoed back.
        Assert.Equal((null, "That id is not valid."), unknown);
        await exams.FlushAsync(bob);
        await exams.FlushAsync(proctor);
        Assert.DoesNotContain(bob.EverythingReceivedSoFar(), m => m.Target is nameof(IExamClient.Signal) or nameof(IExamClient.SignalRefused));
        Assert.DoesNotContain(proctor.EverythingReceivedSoFar(), m => m.Target == nameof(IExamClient.SignalRefused));
        // The proctor had the candidate and the flush, none of the refused three.
        Assert.DoesNotContain(proctor.SignalsSoFar(), s => s.Message.Type == "renegotiate" || s.Message.Sdp?.Contains("to-", StringComparison.Ordinal) == true);
        exams.App.Logs.AssertNoFailures();
    }

    [Fact]
    public async Task AStudentCanSignalNoOneButItsOwnExamsProctors()
    {
        await using var exams = await TwoExams.StartAsync();
        var (ada, bob, dan, proctorB) = (exams.Ada, exams.Bob, exams.Dan, exams.ProctorB);

        await AssertAllRefusedAsync(exams,
            SignalRefusal("student to another student by roster id", ada, bob.User.Id, bob),
            SignalRefusal("student to another student by connection id", ada, bob.ConnectionId, bob),
            SignalRefusal("student to itself", ada, ada.ConnectionId, ada),
            SignalRefusal("student to another exam's student", ada, dan.ConnectionId, dan),
            SignalRefusal("student to another exam's proctor", ada, proctorB.ConnectionId, proctorB),
            SignalRefusal("student not yet live to its own proctor", exams.Cara, exams.ProctorA.ConnectionId, exams.ProctorA));
    }

    [Fact]
    public async Task AProctorCanReachOnlyLiveStudentsOfTheExamItWatches()
    {
        await using var exams = await TwoExams.StartAsync();
        var (proctorA, cara, dan) = (exams.ProctorA, exams.Cara, exams.Dan);
        var message = Marker("message");

        await AssertAllRefusedAsync(exams,
            SignalRefusal("proctor signals another exam's student", proctorA, dan.User.Id, dan),
            SignalRefusal("proctor signals a student still at the device check", proctorA, cara.User.Id, cara),
            SignalRefusal("proctor signals a student by connection id", proctorA, exams.Ada.ConnectionId, exams.Ada),
            new("proctor messages another exam's student", () => proctorA.InvokeAsync(nameof(ExamHub.SendMessage), dan.User.Id, message), NotInExam, dan, nameof(IExamClient.Message), message),
            new("proctor lowers another exam's student's hand", () => proctorA.InvokeAsync(nameof(ExamHub.LowerHand), dan.User.Id), NotInExam, dan, nameof(IExamClient.HandLowered)),
            new("proctor talks to another exam's student", () => proctorA.InvokeAsync(nameof(ExamHub.Talk), dan.User.Id, true), NotLive, dan, nameof(IExamClient.ProctorTalking)),
            new("proctor sets the quality of a student not live", () => proctorA.InvokeAsync(nameof(ExamHub.SetQuality), cara.User.Id, Quality.Low), NotLive, cara, nameof(IExamClient.QualityRequested)),
            new("proctor sets the quality of another exam's student", () => proctorA.InvokeAsync(nameof(ExamHub.SetQuality), dan.User.Id, Quality.High), NotLive, dan, nameof(IExamClient.QualityRequested)));
    }

    [Fact]
    public async Task AStudentCannotUseWhatOnlyProctorsMay()
    {
        await using var exams = await TwoExams.StartAsync();
        var (ada, bob, dan) = (exams.Ada, exams.Bob, exams.Dan);
        var message = Marker("message");
        var announcement = Marker("announcement");

        await AssertAllRefusedAsync(exams,
            new("student messages another student", () => ada.InvokeAsync(nameof(ExamHub.SendMessage), bob.User.Id, message), ProctorsOnly, bob, nameof(IExamClient.Message), message),
            new("student announces", () => ada.InvokeAsync(nameof(ExamHub.Announce), announcement), ProctorsOnly, bob, nameof(IExamClient.Message), announcement),
            new("student talks to another student", () => ada.InvokeAsync(nameof(ExamHub.Talk), bob.User.Id, true), ProctorsOnly, bob, nameof(IExamClient.ProctorTalking)),
            new("student sets another student's quality", () => ada.InvokeAsync(nameof(ExamHub.SetQuality), bob.User.Id, Quality.Low), ProctorsOnly, bob, nameof(IExamClient.QualityRequested)),
            new("student watches its own exam", () => ada.WatchAsync(exams.ExamA), NotAProctor, ada, nameof(IExamClient.StudentChanged)),
            new("student of exam A watches exam B", () => ada.WatchAsync(exams.ExamB), NotAProctor, ada, nameof(IExamClient.StudentChanged)),
            new("student of exam A announces to exam B", () => ada.InvokeAsync(nameof(ExamHub.Announce), announcement), ProctorsOnly, dan, nameof(IExamClient.Message), announcement));
    }

    [Fact]
    public async Task AProctorWhoseTileOfAStudentIsOutOfViewAsksThatStudentAloneToPauseItsVideoAndThenToResume()
    {
        await using var exams = await TwoExams.StartAsync();

        await exams.ProctorA.InvokeAsync(nameof(ExamHub.SetQuality), exams.Ada.User.Id, Quality.Paused);
        var paused = await exams.Ada.WaitForAsync<(string ProctorId, string Level)>(nameof(IExamClient.QualityRequested));
        await exams.ProctorA.InvokeAsync(nameof(ExamHub.SetQuality), exams.Ada.User.Id, Quality.ScreenPaused);
        var screenPaused = await exams.Ada.WaitForAsync<(string ProctorId, string Level)>(nameof(IExamClient.QualityRequested));
        await exams.ProctorA.InvokeAsync(nameof(ExamHub.SetQuality), exams.Ada.User.Id, Quality.Low);
        var resumed = await exams.Ada.WaitForAsync<(string ProctorId, string Level)>(nameof(IExamClient.QualityRequested));

        Assert.Equal((exams.ProctorA.ConnectionId, "paused"), paused);
        Assert.Equal((exams.ProctorA.ConnectionId, "screen-paused"), screenPaused);
        Assert.Equal((exams.ProctorA.ConnectionId, "low"), resumed);
        await exams.FlushAsync(exams.Bob);
        Assert.DoesNotContain(exams.Bob.EverythingReceivedSoFar(), m => m.Target == nameof(IExamClient.QualityRequested));
    }

    [Fact]
    public async Task AStudentStuckAtTheDeviceCheckCanBeWrittenToButNotSignalledOrTalkedTo()
    {
        await using var exams = await TwoExams.StartAsync();

        await exams.ProctorA.InvokeAsync(nameof(ExamHub.SendMessage), exams.Cara.User.Id, "Allow the camera in the address bar, then press Try again.");

        var message = await exams.Cara.WaitForMessageAsync();
        Assert.Equal("Allow the camera in the address bar, then press Try again.", message.Text);
        var talk = await Assert.ThrowsAsync<HubException>(() => exams.ProctorA.InvokeAsync(nameof(ExamHub.Talk), exams.Cara.User.Id, true));
        Assert.Contains(NotLive, talk.Message);
    }

    [Fact]
    public async Task AMessageReachesOnlyTheAddressedStudent()
    {
        await using var exams = await TwoExams.StartAsync();

        await exams.ProctorA.InvokeAsync(nameof(ExamHub.SendMessage), exams.Ada.User.Id, "  Eyes on your own screen, please.  ");
        var message = await exams.Ada.WaitForMessageAsync();

        Assert.Equal(("Tess", "Eyes on your own screen, please.", false), (message.From, message.Text, message.ToEveryone));
        foreach (var other in new[] { exams.Bob, exams.Cara, exams.Dan })
        {
            await exams.FlushAsync(other);
            Assert.DoesNotContain(other.MessagesSoFar(), m => m.Text.StartsWith("Eyes", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task AnAnnouncementReachesEveryStudentOfThatExamOnly()
    {
        await using var exams = await TwoExams.StartAsync();

        await exams.ProctorA.InvokeAsync(nameof(ExamHub.Announce), "Ten minutes left.");

        foreach (var student in new[] { exams.Ada, exams.Bob, exams.Cara })
        {
            var received = await student.WaitForMessageAsync(m => m.Text == "Ten minutes left.");
            Assert.True(received.ToEveryone);
            Assert.Equal("Tess", received.From);
        }
        await exams.FlushAsync(exams.Dan);
        Assert.DoesNotContain(exams.Dan.MessagesSoFar(), m => m.Text == "Ten minutes left.");
        Assert.Empty(exams.ProctorB.MessagesSoFar());
    }

    [Fact]
    public async Task AMessageNeedsSomeTextAndNotTooMuch()
    {
        await using var exams = await TwoExams.StartAsync();

        var empty = await Assert.ThrowsAsync<HubException>(() => exams.ProctorA.InvokeAsync(nameof(ExamHub.Announce), "   "));
        var tooLong = await Assert.ThrowsAsync<HubException>(() => exams.ProctorA.InvokeAsync(nameof(ExamHub.SendMessage), exams.Ada.User.Id, new string('x', ExamLimits.MessageLength + 1)));

        Assert.Contains("between 1 and 1000 characters", empty.Message);
        Assert.Contains("between 1 and 1000 characters", tooLong.Message);
        await exams.FlushAsync(exams.Ada);
        Assert.Single(exams.Ada.MessagesSoFar());
    }

    [Fact]
    public async Task StudentsNeverReceiveAnotherStudentsNameOrId()
    {
        await using var exams = await TwoExams.StartAsync();
        var (ada, bob) = (exams.Ada, exams.Bob);
        // Everything a proctor does with Bob, and Bob's own comings and goings, while Ada is in the same exam.
        await exams.ProctorA.InvokeAsync(nameof(ExamHub.SendMessage), bob.User.Id, "Hello Bob");
        await exams.ProctorA.SignalAsync(bob.User.Id, Signals.Offer("to-bob"));
        await exams.ProctorA.InvokeAsync(nameof(ExamHub.Talk), bob.User.Id, true);
        await bob.SignalAsync(exams.ProctorA.ConnectionId, Signals.Offer("from-bob"));
        await exams.ProctorA.InvokeAsync(nameof(ExamHub.Announce), "Everyone: five minutes.");
        await using (var bobAgain = await exams.ReconnectAsync(bob))
        {
            await bobAgain.JoinAsStudentAsync();
            await exams.ProctorA.WaitForStudentAsync(bob.RosterId(), StudentStatus.Checking);
        }
        await exams.ProctorA.WaitForStudentAsync(bob.RosterId(), StudentStatus.Left);
        await exams.FlushAsync(ada);

        // As JSON, the way the server wrote it on the wire, so a name or id inside any field is found.
        var adaReceived = exams.StatesReceived.Where(s => s.Student == ada).Select(s => JsonSerializer.Serialize(s.State, Json))
            .Concat(ada.EverythingReceivedSoFar().Select(m => m.ToString()))
            .ToList();
        Assert.Contains(adaReceived, m => m.Contains("Everyone: five minutes."));
        var others = new[] { bob, exams.Cara, exams.Dan };
        foreach (var secret in others.SelectMany(o => new[] { o.User.DisplayName, o.User.Email, o.ConnectionId, $"\"id\":{o.User.Id}", $"\"{o.User.Id}\"" }))
        {
            Assert.DoesNotContain(adaReceived, m => m.Contains(secret, StringComparison.Ordinal));
        }
        Assert.DoesNotContain(ada.EverythingReceivedSoFar(), m => m.Target == nameof(IExamClient.StudentChanged));
    }
}
