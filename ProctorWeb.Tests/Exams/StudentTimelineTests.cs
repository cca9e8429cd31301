using ProctorWeb.Data;
using ProctorWeb.Exams;

namespace ProctorWeb.Tests.Exams;

public class StudentTimelineTests
{
    private static readonly DateTime T0 = new(2026, 11, 22, 10, 0, 0, DateTimeKind.Utc);
    private static readonly AppUser Grace = new() { Id = "grace", DisplayName = "Grace" };
    private static readonly Dictionary<string, string> Names = new() { ["grace"] = "Grace" };

    private static AttendanceEvent Event(int minute, string kind, string? detail = null) =>
        new() { Id = minute, Kind = kind, AtUtc = T0.AddMinutes(minute), Detail = detail };

    [Fact]
    public void AttendanceFlagsNotesAndMessagesComeOutInTimeOrder()
    {
        var flag = new Flag { Id = 7, Kind = "tab-hidden", StartedAtUtc = T0.AddMinutes(3), EndedAtUtc = T0.AddMinutes(3).AddSeconds(42) };
        var items = StudentTimeline.Build(
            [Event(20, AttendanceKinds.Finished), Event(0, AttendanceKinds.Joined)],
            [flag],
            [new ProctorNote { Text = "Looked away", AtUtc = T0.AddMinutes(5), Author = Grace }],
            [
                new ExamMessage { RosterEntryId = 1, Text = "Eyes on screen", SentAtUtc = T0.AddMinutes(4), Author = Grace },
                new ExamMessage { RosterEntryId = 1, Text = "Sorry, my cat", SentAtUtc = T0.AddMinutes(4).AddSeconds(30), FromStudent = true },
                new ExamMessage { RosterEntryId = null, Text = "Ten minutes left", SentAtUtc = T0.AddMinutes(10), Author = Grace },
            ],
            Names);

        Assert.Equal(
            [
                (T0, TimelineKind.Attendance, "Joined"),
                (T0.AddMinutes(3), TimelineKind.Flag, "Tab hidden"),
                (T0.AddMinutes(4), TimelineKind.Message, "Message from Grace: Eyes on screen"),
                (T0.AddMinutes(4).AddSeconds(30), TimelineKind.Message, "Wrote to the proctors: Sorry, my cat"),
                (T0.AddMinutes(5), TimelineKind.Note, "Note by Grace: Looked away"),
                (T0.AddMinutes(10), TimelineKind.Announcement, "Announcement to everyone from Grace: Ten minutes left"),
                (T0.AddMinutes(20), TimelineKind.Attendance, "Finished"),
            ],
            items.Select(i => (i.AtUtc, i.Kind, i.Text)));
    }

    [Fact]
    public void AFlagHasItsDurationReviewAndOwnNotesWhileAnOpenOneIsOngoing()
    {
        var ended = new Flag
        {
            Id = 1, Kind = "fullscreen-exit", StartedAtUtc = T0, EndedAtUtc = T0.AddSeconds(65),
            Review = FlagReviews.Confirmed, ReviewedById = "grace", ReviewedAtUtc = T0.AddMinutes(2),
            Notes = [new ProctorNote { FlagId = 1, Text = "second", AtUtc = T0.AddMinutes(3), Author = Grace }, new ProctorNote { FlagId = 1, Text = "first", AtUtc = T0.AddMinutes(1) }],
        };
        var ongoing = new Flag { Id = 2, Kind = "tab-hidden", StartedAtUtc = T0.AddMinutes(1) };

        var flags = StudentTimeline.Build([], [ended, ongoing], [], [], Names).Select(i => i.Flag!).ToList();

        Assert.Equal(TimeSpan.FromSeconds(65), flags[0].Duration);
        Assert.Equal("1 min 05 s", flags[0].DurationText);
        Assert.Equal("Fullscreen exit", flags[0].KindWords);
        Assert.Equal((FlagReviews.Confirmed, "Grace"), (flags[0].Review, flags[0].ReviewedBy));
        Assert.Equal(["a former proctor: first", "Grace: second"], flags[0].Notes.Select(n => $"{n.Author}: {n.Text}"));
        Assert.Null(flags[1].Duration);
        Assert.Equal("ongoing", flags[1].DurationText);
        Assert.Equal((FlagReviews.Open, null), (flags[1].Review, flags[1].ReviewedBy));
    }

    [Fact]
    public void ANoteAboutAFlagIsShownWithTheFlagNotAsAGeneralNote()
    {
        var items = StudentTimeline.Build([], [], [new ProctorNote { FlagId = 3, Text = "about a flag", AtUtc = T0 }], [], Names);

        Assert.Empty(items);
    }

    [Fact]
    public void AGapRunsFromLeavingToTheNextRejoin()
    {
        var gaps = StudentTimeline.Gaps([
            Event(0, AttendanceKinds.Joined),
            Event(10, AttendanceKinds.Left),
            Event(13, AttendanceKinds.Rejoined),
            Event(20, AttendanceKinds.Left),
            Event(21, AttendanceKinds.Left),
            Event(25, AttendanceKinds.Rejoined),
            Event(40, AttendanceKinds.Left),
        ]);

        Assert.Equal(
            [new Gap(T0.AddMinutes(10), T0.AddMinutes(13)), new Gap(T0.AddMinutes(20), T0.AddMinutes(25))],
            gaps);
        Assert.Equal([TimeSpan.FromMinutes(3), TimeSpan.FromMinutes(5)], gaps.Select(g => g.Length));
    }

    [Fact]
    public void EventsGivenOutOfOrderMakeTheSameGaps()
    {
        var gaps = StudentTimeline.Gaps([Event(13, AttendanceKinds.Rejoined), Event(0, AttendanceKinds.Joined), Event(10, AttendanceKinds.Left)]);

        Assert.Equal([new Gap(T0.AddMinutes(10), T0.AddMinutes(13))], gaps);
    }

    [Fact]
    public void AnExamEndedByAProctorSaysWhy()
    {
        var item = Assert.Single(StudentTimeline.Build([Event(5, AttendanceKinds.EndedByProctor, "Phone on desk")], [], [], [], Names));

        Assert.Equal("Ended by a proctor: Phone on desk", item.Text);
    }
}
