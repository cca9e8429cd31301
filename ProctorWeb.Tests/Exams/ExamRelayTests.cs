using ProctorWeb.Data;
using ProctorWeb.Exams;
using ProctorWeb.Tests.Support;

namespace ProctorWeb.Tests.Exams;

/// <summary>Who may reach whom through the exam hub: students only their exam's proctors, proctors only their exam's live students.</summary>
public class ExamRelayTests
{
    private const string NotSignalable = "You can only send signaling between a live student and a proctor of the same exam.";
    private const string NotLive = "That student is not live in this exam.";
    private const string ProctorsOnly = "Only a proctor of this exam can do that.";
    private const string NotAProctor = "You are not a proctor of that exam.";

    /// <summary>
    /// An attempt that must be refused, and what must not reach <paramref name="Target"/> because of it:
    /// a message to <paramref name="Method"/> (carrying <paramref name="Token"/>, when given).
    /// </summary>
    private sealed record Refusal(string What, Func<Task> Attempt, string Error, HubTestClient Target, string Method, string? Token = null);

    private static async Task AssertAllRefusedAsync(TwoExams exams, params Refusal[] refusals)
    {
        foreach (var refusal in refusals)
        {
            var thrown = await Record.ExceptionAsync(refusal.Attempt);
            var refused = thrown as HubErrorException;
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
                .Where(m => m.Target == refusal.Method && (refusal.Token is null || m.Arguments.Contains(refusal.Token)))
                .ToList();
            Assert.True(leaked.Count == 0, $"{refusal.What}: {refusal.Target.User.DisplayName} received {string.Join("; ", leaked)}");
        }
    }

    private static string Marker(string what) => $"{what.Replace(' ', '-')}-{Guid.NewGuid():N}";

    private static Refusal SignalRefusal(string what, HubTestClient from, string to, HubTestClient target)
    {
        var marker = Marker(what);
        return new(what, () => from.InvokeAsync("Signal", to, Proctoring.Offer(marker)), NotSignalable, target, "Signal", marker);
    }

    [Fact]
    public async Task ALiveStudentAndItsProctorSignalEachOtherUnderIdsTheServerVouchesFor()
    {
        await using var exams = await TwoExams.StartAsync();

        await exams.Ada.InvokeAsync("Signal", exams.ProctorA.ConnectionId, Proctoring.Offer("from-ada"));
        var toProctor = await exams.ProctorA.WaitForAsync("Signal", a => a.Sdp() == "v=0 from-ada");
        await exams.ProctorA.InvokeAsync("Signal", exams.Ada.User.Id, new { type = "answer", sdp = "v=0 from-tess" });
        var toStudent = await exams.Ada.WaitForAsync("Signal");

        Assert.Equal(exams.Ada.User.Id, toProctor[0].GetString());
        Assert.Equal("offer", toProctor[1].GetProperty("type").GetString());
        Assert.Equal(exams.ProctorA.ConnectionId, toStudent[0].GetString());
        Assert.Equal(("answer", "v=0 from-tess"), (toStudent[1].GetProperty("type").GetString(), toStudent.Sdp()));
        // Bob is live in the same exam, but nothing was addressed to him.
        await exams.FlushAsync(exams.Bob);
        Assert.Empty(exams.Bob.ReceivedSoFar("Signal"));
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
            new("proctor messages another exam's student", () => proctorA.InvokeAsync("SendMessage", dan.User.Id, message), NotLive, dan, "Message", message),
            new("proctor messages a student not live", () => proctorA.InvokeAsync("SendMessage", cara.User.Id, message), NotLive, cara, "Message", message),
            new("proctor talks to another exam's student", () => proctorA.InvokeAsync("Talk", dan.User.Id, true), NotLive, dan, "ProctorTalking"),
            new("proctor sets the quality of a student not live", () => proctorA.InvokeAsync("SetQuality", cara.User.Id, "low"), NotLive, cara, "QualityRequested"),
            new("proctor sets the quality of another exam's student", () => proctorA.InvokeAsync("SetQuality", dan.User.Id, "high"), NotLive, dan, "QualityRequested"));
    }

    [Fact]
    public async Task AStudentCannotUseWhatOnlyProctorsMay()
    {
        await using var exams = await TwoExams.StartAsync();
        var (ada, bob, dan) = (exams.Ada, exams.Bob, exams.Dan);
        var message = Marker("message");
        var announcement = Marker("announcement");

        await AssertAllRefusedAsync(exams,
            new("student messages another student", () => ada.InvokeAsync("SendMessage", bob.User.Id, message), ProctorsOnly, bob, "Message", message),
            new("student announces", () => ada.InvokeAsync("Announce", announcement), ProctorsOnly, bob, "Message", announcement),
            new("student talks to another student", () => ada.InvokeAsync("Talk", bob.User.Id, true), ProctorsOnly, bob, "ProctorTalking"),
            new("student sets another student's quality", () => ada.InvokeAsync("SetQuality", bob.User.Id, "low"), ProctorsOnly, bob, "QualityRequested"),
            new("student watches its own exam", () => ada.InvokeAsync("Watch", exams.ExamA), NotAProctor, ada, "StudentChanged"),
            new("student of exam A watches exam B", () => ada.InvokeAsync("Watch", exams.ExamB), NotAProctor, ada, "StudentChanged"),
            new("student of exam A announces to exam B", () => ada.InvokeAsync("Announce", announcement), ProctorsOnly, dan, "Message", announcement));
    }

    [Fact]
    public async Task AMessageReachesOnlyTheAddressedStudent()
    {
        await using var exams = await TwoExams.StartAsync();

        await exams.ProctorA.InvokeAsync("SendMessage", exams.Ada.User.Id, "  Eyes on your own screen, please.  ");
        var received = await exams.Ada.WaitForAsync("Message");

        var message = received[0];
        Assert.Equal("Tess", message.GetProperty("from").GetString());
        Assert.Equal("Eyes on your own screen, please.", message.GetProperty("text").GetString());
        Assert.False(message.GetProperty("toEveryone").GetBoolean());
        foreach (var other in new[] { exams.Bob, exams.Cara, exams.Dan })
        {
            await exams.FlushAsync(other);
            Assert.DoesNotContain(other.ReceivedSoFar("Message"), m => m[0].GetProperty("text").GetString()!.StartsWith("Eyes"));
        }
    }

    [Fact]
    public async Task AnAnnouncementReachesEveryStudentOfThatExamOnly()
    {
        await using var exams = await TwoExams.StartAsync();

        await exams.ProctorA.InvokeAsync("Announce", "Ten minutes left.");

        foreach (var student in new[] { exams.Ada, exams.Bob, exams.Cara })
        {
            var received = await student.WaitForAsync("Message", a => a[0].GetProperty("text").GetString() == "Ten minutes left.");
            Assert.True(received[0].GetProperty("toEveryone").GetBoolean());
            Assert.Equal("Tess", received[0].GetProperty("from").GetString());
        }
        await exams.FlushAsync(exams.Dan);
        Assert.DoesNotContain(exams.Dan.ReceivedSoFar("Message"), m => m[0].GetProperty("text").GetString() == "Ten minutes left.");
        Assert.Empty(exams.ProctorB.ReceivedSoFar("Message"));
    }

    [Fact]
    public async Task AMessageNeedsSomeTextAndNotTooMuch()
    {
        await using var exams = await TwoExams.StartAsync();

        var empty = await Assert.ThrowsAsync<HubErrorException>(() => exams.ProctorA.InvokeAsync("Announce", "   "));
        var tooLong = await Assert.ThrowsAsync<HubErrorException>(() => exams.ProctorA.InvokeAsync("SendMessage", exams.Ada.User.Id, new string('x', ExamLimits.MessageLength + 1)));

        Assert.Contains("between 1 and 1000 characters", empty.Message);
        Assert.Contains("between 1 and 1000 characters", tooLong.Message);
        await exams.FlushAsync(exams.Ada);
        Assert.Single(exams.Ada.ReceivedSoFar("Message"));
    }

    [Fact]
    public async Task StudentsNeverReceiveAnotherStudentsNameOrId()
    {
        await using var exams = await TwoExams.StartAsync();
        var (ada, bob) = (exams.Ada, exams.Bob);
        // Everything a proctor does with Bob, and Bob's own comings and goings, while Ada is in the same exam.
        await exams.ProctorA.InvokeAsync("SendMessage", bob.User.Id, "Hello Bob");
        await exams.ProctorA.InvokeAsync("Signal", bob.User.Id, Proctoring.Offer("to-bob"));
        await exams.ProctorA.InvokeAsync("Talk", bob.User.Id, true);
        await bob.InvokeAsync("Signal", exams.ProctorA.ConnectionId, Proctoring.Offer("from-bob"));
        await exams.ProctorA.InvokeAsync("Announce", "Everyone: five minutes.");
        await using (var bobAgain = await exams.ReconnectAsync(bob))
        {
            await bobAgain.InvokeAsync("JoinAsStudent");
            await exams.ProctorA.WaitForStudentAsync(bob.RosterId(), StudentStatus.Checking);
        }
        await exams.ProctorA.WaitForStudentAsync(bob.RosterId(), StudentStatus.Left);
        await exams.FlushAsync(ada);

        var adaReceived = exams.StatesReceived.Where(s => s.Student == ada).Select(s => s.Json)
            .Concat(ada.EverythingReceivedSoFar().Select(m => $"{m.Target}{m.Arguments}"))
            .ToList();
        Assert.Contains(adaReceived, m => m.Contains("Everyone: five minutes."));
        var others = new[] { bob, exams.Cara, exams.Dan };
        foreach (var secret in others.SelectMany(o => new[] { o.User.DisplayName, o.User.Email, o.ConnectionId, $"\"id\":{o.User.Id}", $"\"{o.User.Id}\"" }))
        {
            Assert.DoesNotContain(adaReceived, m => m.Contains(secret, StringComparison.Ordinal));
        }
        Assert.DoesNotContain(ada.EverythingReceivedSoFar(), m => m.Target == "StudentChanged");
    }
}
