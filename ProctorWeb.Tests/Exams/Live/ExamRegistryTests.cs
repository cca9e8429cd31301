using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ProctorWeb.Exams;
using ProctorWeb.Exams.Live;
using ProctorWeb.Tests.Support;
using ProctorWeb.Text;

namespace ProctorWeb.Tests.Exams.Live;

/// <summary>The registry on its own: membership and the relay rule, with no hub, database or network around it.</summary>
public class ExamRegistryTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 10, 0, 0, TimeSpan.Zero);
    private readonly ExamRegistry _registry = new(new ManualClock(Now),
        new StringLocalizer<LiveText>(new ResourceManagerStringLocalizerFactory(Options.Create(new LocalizationOptions()), NullLoggerFactory.Instance)));

    private static LiveExam Running(int id) =>
        new(id, $"Exam {id}", new ExamWindow(Now.UtcDateTime.AddMinutes(-40), Now.UtcDateTime.AddMinutes(-10), Now.UtcDateTime.AddMinutes(50), Now.UtcDateTime.AddMinutes(20)));

    private StudentSeat SeatLive(LiveExam exam, string connectionId, int rosterId)
    {
        _registry.JoinStudent(connectionId, () => { }, exam, rosterId, $"Student {rosterId}");
        var (changed, state) = _registry.Ready(connectionId);
        Assert.Equal(Phases.Running, state.Phase);
        return changed!;
    }

    [Fact]
    public void ALiveStudentMaySignalOnlyTheProctorsOfTheirOwnExamAndProctorsOnlyTheirOwnLiveStudents()
    {
        var a = Running(1);
        var b = Running(2);
        _registry.Watch("proctor-a", () => { }, a, "tess", "Tess", []);
        _registry.Watch("proctor-b", () => { }, b, "otto", "Otto", []);
        SeatLive(a, "ada", 11);
        SeatLive(b, "dan", 21);
        _registry.JoinStudent("cara", () => { }, a, 12, "Cara");

        Assert.Equal(new SignalRoute("proctor-a", "11"), _registry.RouteSignal("ada", "proctor-a"));
        Assert.Equal(new SignalRoute("ada", "proctor-a"), _registry.RouteSignal("proctor-a", "11"));
        foreach (var (from, to) in new[] { ("ada", "proctor-b"), ("proctor-a", "21"), ("proctor-a", "12"), ("cara", "proctor-a"), ("ada", "dan"), ("ada", "11"), ("stranger", "proctor-a"), ("proctor-a", "proctor-b") })
        {
            Assert.Throws<HubException>(() => _registry.RouteSignal(from, to));
        }
    }

    [Fact]
    public void ADismissedStudentLosesTheirSeatAtOnceAndCanNeitherSignalNorReport()
    {
        var exam = Running(1);
        _registry.Watch("proctor", () => { }, exam, "tess", "Tess", []);
        SeatLive(exam, "ada", 11);

        var dismissed = _registry.Dismiss(exam.Id, 11);

        Assert.Equal(("ada", StudentStatus.Finished), (dismissed?.ConnectionId, dismissed?.Status));
        Assert.Throws<HubException>(() => _registry.RouteSignal("ada", "proctor"));
        Assert.Throws<HubException>(() => _registry.RouteSignal("proctor", "11"));
        Assert.Throws<HubException>(() => _registry.ReportingStudent("ada"));
        // Her page closing afterwards records nothing: she is no longer seated.
        Assert.Null(_registry.Leave("ada", unexpected: false));
    }

    [Fact]
    public void WhenTheExamEndsEveryStudentIsFinishedAndMayReportNothingMore()
    {
        var exam = Running(1);
        SeatLive(exam, "ada", 11);
        _registry.JoinStudent("bob", () => { }, exam, 12, "Bob");
        Assert.Equal(11, _registry.ReportingStudent("ada").RosterId);

        var finished = _registry.End(exam.Id, exam.Window.EndsAtUtc);

        Assert.Equal([(11, StudentStatus.Finished, Phases.Over), (12, StudentStatus.Finished, Phases.Over)],
            finished.Select(u => (u.Student.RosterId, u.Student.Status, u.State.Phase)).OrderBy(x => x.RosterId));
        Assert.Throws<HubException>(() => _registry.ReportingStudent("ada"));
        Assert.Empty(_registry.End(exam.Id, exam.Window.EndsAtUtc));
        // A finished student whose page closes did not leave the exam: nothing for the attendance.
        Assert.Equal(new StudentDeparture(new StudentSeat("ada", exam.Id, 11, "Student 11", StudentStatus.Finished, Accommodation: Accommodation.None), false, false), _registry.Leave("ada", unexpected: true));
    }

    [Fact]
    public void AStudentWhoDropsOutShowsAsReconnectingUntilTheGraceRunsOutOnce()
    {
        var exam = Running(1);
        SeatLive(exam, "ada", 11);

        var departure = Assert.IsType<StudentDeparture>(_registry.Leave("ada", unexpected: true));

        Assert.Equal((StudentStatus.Reconnecting, true, true), (departure.Student.Status, departure.RecordLeft, departure.ExpectBack));
        var watch = _registry.Watch("proctor", () => { }, exam, "tess", "Tess", [new StudentTile(11, "Student 11", StudentStatus.Left)]);
        Assert.Equal(StudentStatus.Reconnecting, Assert.Single(watch.Tiles).Status);
        Assert.Equal(new StudentTile(11, "Student 11", StudentStatus.Left), _registry.GiveUpOn(exam.Id, 11));
        Assert.Null(_registry.GiveUpOn(exam.Id, 11));
    }

    [Fact]
    public void AStudentRemovedWhileReconnectingIsNotBroughtBackAsLeftWhenTheGraceRunsOut()
    {
        var exam = Running(1);
        SeatLive(exam, "ada", 11);
        _registry.Leave("ada", unexpected: true);

        Assert.Null(_registry.Dismiss(exam.Id, 11));

        Assert.Null(_registry.GiveUpOn(exam.Id, 11));
    }

    [Fact]
    public void ANewerTabOfTheSameInvitationTakesTheSeatAndHandsBackTheOlderConnection()
    {
        var exam = Running(1);
        var aborted = false;
        _registry.JoinStudent("first-tab", () => aborted = true, exam, 11, "Ada");

        var joined = _registry.JoinStudent("second-tab", () => { }, exam, 11, "Ada");

        Assert.Equal("first-tab", joined.Replaced?.ConnectionId);
        joined.Replaced!.Abort();
        Assert.True(aborted);
        Assert.Null(_registry.Leave("first-tab", unexpected: false));
        Assert.Throws<HubException>(() => _registry.JoinStudent("second-tab", () => { }, exam, 11, "Ada"));
    }
}
