using ProctorWeb.Data;
using ProctorWeb.Exams;

namespace ProctorWeb.Tests.Exams;

public class ExamReportTests
{
    private static readonly DateTime T0 = new(2026, 11, 22, 10, 0, 0, DateTimeKind.Utc);

    private static AttendanceEvent Event(int minute, string kind) => new() { Id = minute, Kind = kind, AtUtc = T0.AddMinutes(minute) };

    [Fact]
    public void TimeConnectedAddsUpClosedSessions()
    {
        var connected = ExamReport.TimeConnected([
            Event(0, AttendanceKinds.Joined),
            Event(10, AttendanceKinds.Left),
            Event(12, AttendanceKinds.Rejoined),
            Event(30, AttendanceKinds.Finished),
        ], openUntilUtc: T0.AddHours(5));

        Assert.Equal(TimeSpan.FromMinutes(28), connected);
    }

    [Theory]
    [InlineData(AttendanceKinds.Left)]
    [InlineData(AttendanceKinds.Finished)]
    [InlineData(AttendanceKinds.EndedByProctor)]
    public void EachClosingKindEndsASession(string closing)
    {
        var connected = ExamReport.TimeConnected([Event(5, AttendanceKinds.Joined), Event(17, closing)], openUntilUtc: T0.AddHours(1));

        Assert.Equal(TimeSpan.FromMinutes(12), connected);
    }

    [Fact]
    public void AnOpenSessionCountsUntilTheGivenMoment()
    {
        var connected = ExamReport.TimeConnected([Event(0, AttendanceKinds.Joined), Event(5, AttendanceKinds.Left), Event(20, AttendanceKinds.Rejoined)], openUntilUtc: T0.AddMinutes(45));

        Assert.Equal(TimeSpan.FromMinutes(5 + 25), connected);
    }

    [Fact]
    public void ARejoinWhileConnectedDoesNotRestartTheSession()
    {
        // A second tab taking over records "rejoined" without a "left" before it.
        var connected = ExamReport.TimeConnected([Event(0, AttendanceKinds.Joined), Event(10, AttendanceKinds.Rejoined), Event(30, AttendanceKinds.Left)], openUntilUtc: T0.AddHours(1));

        Assert.Equal(TimeSpan.FromMinutes(30), connected);
    }

    [Fact]
    public void AnOpenSessionStopsAtTheExamsEndWhenThatCameBeforeNow()
    {
        var entry = new RosterEntry { Id = 1, Name = "Ada", Attendance = [Event(0, AttendanceKinds.Joined)] };

        var summary = ExamReport.For(entry, examEndUtc: T0.AddMinutes(40), nowUtc: T0.AddMinutes(90));
        var stillRunning = ExamReport.For(entry, examEndUtc: T0.AddMinutes(40), nowUtc: T0.AddMinutes(25));

        Assert.Equal(TimeSpan.FromMinutes(40), summary.Connected);
        Assert.Equal(TimeSpan.FromMinutes(25), stillRunning.Connected);
    }

    [Fact]
    public void AStudentWhoNeverJoinedHasNothing()
    {
        var summary = ExamReport.For(new RosterEntry { Id = 1, Name = "Ada" }, T0.AddHours(1), T0.AddHours(2));

        Assert.Equal((TimeSpan.Zero, 0, TimeSpan.Zero, 0), (summary.Connected, summary.Gaps.Count, summary.GapTotal, summary.FlagCount));
        Assert.Empty(summary.FlagsByKind);
    }

    [Fact]
    public void GapsAndFlagsAreCountedByKindAndByReview()
    {
        var entry = new RosterEntry
        {
            Id = 3, Name = "Ada", Email = "ada@example.test",
            Attendance = [Event(0, AttendanceKinds.Joined), Event(10, AttendanceKinds.Left), Event(12, AttendanceKinds.Rejoined), Event(20, AttendanceKinds.Left), Event(25, AttendanceKinds.Rejoined)],
            Flags =
            [
                new Flag { Kind = "tab-hidden", Review = FlagReviews.Open },
                new Flag { Kind = "tab-hidden", Review = FlagReviews.Confirmed },
                new Flag { Kind = "tab-hidden", Review = FlagReviews.Dismissed },
                new Flag { Kind = "fullscreen-exit", Review = FlagReviews.Confirmed },
            ],
        };

        var summary = ExamReport.For(entry, examEndUtc: T0.AddMinutes(60), nowUtc: T0.AddMinutes(30));

        Assert.Equal(2, summary.Gaps.Count);
        Assert.Equal(TimeSpan.FromMinutes(2 + 5), summary.GapTotal);
        Assert.Equal(TimeSpan.FromMinutes(10 + 8 + 5), summary.Connected);
        Assert.Equal(new Dictionary<string, int> { ["fullscreen-exit"] = 1, ["tab-hidden"] = 3 }, summary.FlagsByKind);
        Assert.Equal((1, 2, 1, 4), (summary.Open, summary.Confirmed, summary.Dismissed, summary.FlagCount));
    }

    [Theory]
    [InlineData(0, "0 s")]
    [InlineData(59, "59 s")]
    [InlineData(65, "1 min 05 s")]
    [InlineData(3600 + 7 * 60 + 30, "1 h 07 min")]
    public void DurationsReadAsAProctorWouldSayThem(int seconds, string expected)
    {
        Assert.Equal(expected, Durations.Format(TimeSpan.FromSeconds(seconds)));
    }
}
