using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using ProctorWeb.Data;
using ProctorWeb.Exams;
using ProctorWeb.Tests.Support;

namespace ProctorWeb.Tests.Exams;

/// <summary>Contact both ways: a student raises a hand or writes, every proctor of their exam sees it, and an answer lowers the hand.</summary>
public class StudentContactTests
{
    private static Task<StudentTile> WaitForHandAsync(HubClient proctor, HubClient student, bool raised) =>
        proctor.WaitForAsync<StudentTile>(nameof(IExamClient.StudentChanged), t => t.Id == student.RosterId() && (t.HandRaisedAtUtc is not null) == raised);

    [Fact]
    public async Task ARaisedHandReachesEveryProctorOfTheExamAndAMessageFromOneOfThemLowersIt()
    {
        await using var exam = await LiveExamScene.StartAsync(students: 2);
        var (ada, bob) = (exam.Students[0], exam.Students[1]);
        var colin = await exam.AddCoProctorAsync("Colin");
        await using var colinsMonitor = await exam.App.ConnectProctorAsync(colin);
        await colinsMonitor.WatchAsync(exam.ExamId);

        var raised = await ada.InvokeAsync<bool>(nameof(ExamHub.RaiseHand), true);

        Assert.True(raised);
        var tile = await WaitForHandAsync(exam.Proctor, ada, raised: true);
        await WaitForHandAsync(colinsMonitor, ada, raised: true);
        Assert.Equal(StudentStatus.Live, tile.Status);
        Assert.InRange(tile.HandRaisedAtUtc!.Value, DateTime.UtcNow.AddMinutes(-1), DateTime.UtcNow);
        // A monitor opened now shows the hand too.
        await using var lateMonitor = await exam.App.ConnectProctorAsync(colin);
        var snapshot = await lateMonitor.WatchAsync(exam.ExamId);
        Assert.Equal(tile.HandRaisedAtUtc, snapshot.Students.Single(s => s.Id == ada.RosterId()).HandRaisedAtUtc);
        Assert.Null(snapshot.Students.Single(s => s.Id == bob.RosterId()).HandRaisedAtUtc);

        await colinsMonitor.InvokeAsync(nameof(ExamHub.SendMessage), ada.User.Id, "Yes, you may use a calculator.");

        await ada.WaitForMessageAsync(m => m.Text == "Yes, you may use a calculator.");
        await ada.WaitForAsync(nameof(IExamClient.HandLowered));
        await WaitForHandAsync(exam.Proctor, ada, raised: false);
        Assert.DoesNotContain(bob.EverythingReceivedSoFar(), m => m.Target == nameof(IExamClient.HandLowered));
    }

    [Fact]
    public async Task TalkingToAStudentAnswersTheirHandAndAProctorMayLowerItWithoutAWord()
    {
        await using var exam = await LiveExamScene.StartAsync(students: 2);
        var (ada, bob) = (exam.Students[0], exam.Students[1]);
        await ada.InvokeAsync<bool>(nameof(ExamHub.RaiseHand), true);
        await bob.InvokeAsync<bool>(nameof(ExamHub.RaiseHand), true);
        await WaitForHandAsync(exam.Proctor, bob, raised: true);

        await exam.Proctor.InvokeAsync(nameof(ExamHub.Talk), ada.User.Id, true);
        await ada.WaitForAsync(nameof(IExamClient.HandLowered));
        await exam.Proctor.InvokeAsync(nameof(ExamHub.LowerHand), bob.User.Id);
        await bob.WaitForAsync(nameof(IExamClient.HandLowered));

        await WaitForHandAsync(exam.Proctor, ada, raised: false);
        await WaitForHandAsync(exam.Proctor, bob, raised: false);
        // Lowering a hand that is down tells nobody anything again.
        await exam.Proctor.InvokeAsync(nameof(ExamHub.LowerHand), bob.User.Id);
        Assert.Single(bob.ReceivedSoFar<HubMessage>(nameof(IExamClient.HandLowered)));
    }

    [Fact]
    public async Task AStudentLowersTheirOwnHandAndAHandStaysUpOverAReload()
    {
        await using var exam = await LiveExamScene.StartAsync(students: 1);
        var ada = exam.Students[0];
        await ada.InvokeAsync<bool>(nameof(ExamHub.RaiseHand), true);
        await WaitForHandAsync(exam.Proctor, ada, raised: true);

        // A reload: the page's new connection learns the hand is still up.
        await ada.DropAsync();
        var back = await exam.ReconnectAsync(ada);
        var state = await back.JoinAsStudentAsync();
        Assert.True(state.HandRaised);
        Assert.True((await back.ReadyAsync()).HandRaised);

        Assert.False(await back.InvokeAsync<bool>(nameof(ExamHub.RaiseHand), false));
        await WaitForHandAsync(exam.Proctor, ada, raised: false);
    }

    [Fact]
    public async Task AStudentsMessageReachesTheirOwnExamsProctorsOnlyAndStaysOnTheirRecord()
    {
        await using var exams = await TwoExams.StartAsync();

        await exams.Ada.InvokeAsync(nameof(ExamHub.WriteToProctors), "  Question 3 has no answer D.  ");

        var message = await exams.ProctorA.WaitForAsync<StudentMessage>(nameof(IExamClient.StudentWrote));
        Assert.Equal((exams.Ada.RosterId(), "Ada Lovelace", "Question 3 has no answer D."), (message.StudentId, message.Name, message.Text));
        // Cara, still at the device check, can ask for help too.
        await exams.Cara.InvokeAsync(nameof(ExamHub.WriteToProctors), "My camera does not start.");
        await exams.ProctorA.WaitForAsync<StudentMessage>(nameof(IExamClient.StudentWrote), m => m.Name == "Cara Delevingne");
        await exams.FlushAsync(exams.ProctorB);
        Assert.Empty(exams.ProctorB.ReceivedSoFar<StudentMessage>(nameof(IExamClient.StudentWrote)));
        foreach (var student in new[] { exams.Bob, exams.Dan })
        {
            await exams.FlushAsync(student);
            Assert.DoesNotContain(student.EverythingReceivedSoFar(), m => m.ArgumentsJson.Contains("answer D", StringComparison.Ordinal));
        }
        var stored = await exams.App.WithServiceAsync<ExamMessage, AppDbContext>(db => db.Messages.AsNoTracking().SingleAsync(m => m.Text == "Question 3 has no answer D."));
        Assert.True(stored.FromStudent);
        // A monitor opened (or reloaded) now shows what was written before, in order; the other exam's shows none of it.
        await using var reloaded = await exams.ReconnectAsync(exams.ProctorA);
        var snapshot = await reloaded.WatchAsync(exams.ExamA);
        Assert.Equal(["Ada Lovelace: Question 3 has no answer D.", "Cara Delevingne: My camera does not start."], snapshot.StudentMessages.Select(m => $"{m.Name}: {m.Text}"));
        await using var otherMonitor = await exams.ReconnectAsync(exams.ProctorB);
        Assert.Empty((await otherMonitor.WatchAsync(exams.ExamB)).StudentMessages);
        Assert.Equal(exams.Ada.RosterId(), stored.RosterEntryId);
        Assert.Null(stored.AuthorId);
    }

    [Fact]
    public async Task AStudentWhoWritesOrRaisesAHandTooOftenIsAskedToWaitAndReconnectingDoesNotRefillIt()
    {
        await using var exam = await LiveExamScene.StartAsync(students: 2,
            settings: new Dictionary<string, string?> { ["Exams:StudentMessageBurst"] = "3", ["Exams:StudentMessagesPerMinute"] = "1" });
        var (ada, bob) = (exam.Students[0], exam.Students[1]);
        await ada.InvokeAsync(nameof(ExamHub.WriteToProctors), "one");
        await ada.InvokeAsync<bool>(nameof(ExamHub.RaiseHand), true);
        // Lowering costs nothing: it only takes a request back.
        await ada.InvokeAsync<bool>(nameof(ExamHub.RaiseHand), false);
        await ada.InvokeAsync(nameof(ExamHub.WriteToProctors), "two");

        var refused = await Assert.ThrowsAsync<HubException>(() => ada.InvokeAsync(nameof(ExamHub.WriteToProctors), "three"));
        Assert.Contains(StudentContactBudget.TooMany, refused.Message);
        await ada.DropAsync();
        var back = await exam.ReconnectAsync(ada);
        await back.JoinAsStudentAsync();
        await Assert.ThrowsAsync<HubException>(() => back.InvokeAsync<bool>(nameof(ExamHub.RaiseHand), true));

        await bob.InvokeAsync(nameof(ExamHub.WriteToProctors), "Bob has his own budget.");
        await exam.Proctor.WaitForAsync<StudentMessage>(nameof(IExamClient.StudentWrote), m => m.Text == "Bob has his own budget.");
        Assert.DoesNotContain(exam.Proctor.ReceivedSoFar<StudentMessage>(nameof(IExamClient.StudentWrote)), m => m.Text == "three");
    }

    [Fact]
    public async Task AMessageToTheProctorsNeedsSomeTextAndNotTooMuch()
    {
        await using var exam = await LiveExamScene.StartAsync(students: 1);
        var ada = exam.Students[0];

        var empty = await Assert.ThrowsAsync<HubException>(() => ada.InvokeAsync(nameof(ExamHub.WriteToProctors), "   "));
        var tooLong = await Assert.ThrowsAsync<HubException>(() => ada.InvokeAsync(nameof(ExamHub.WriteToProctors), new string('x', ExamLimits.MessageLength + 1)));

        Assert.Contains("between 1 and 1000 characters", empty.Message);
        Assert.Contains("between 1 and 1000 characters", tooLong.Message);
        Assert.Equal(0, await exam.App.WithServiceAsync<int, AppDbContext>(db => db.Messages.CountAsync()));
    }
}
