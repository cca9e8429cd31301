using Microsoft.Extensions.Localization;
using ProctorWeb.Data;
using ProctorWeb.Evidence;

namespace ProctorWeb.Exams;

public enum TimelineKind
{
    Attendance,
    Flag,
    Note,
    Message,
    Announcement,
    IdPhoto,
    KeptClip,
}

/// <summary>One thing that happened to a student, at a moment; flags carry their details, and flags and kept clips their clips.</summary>
public sealed record TimelineItem(DateTime AtUtc, TimelineKind Kind, string Text, FlagDetails? Flag = null, IReadOnlyList<ClipView>? Clips = null);

public sealed record FlagDetails(
    long Id, string Kind, DateTime StartedAtUtc, DateTime? EndedAtUtc, string Review, string? ReviewedBy, DateTime? ReviewedAtUtc,
    IReadOnlyList<NoteDetails> Notes)
{
    public string KindWords => FlagKinds.Describe(Kind);

    /// <summary>Null while the browser still reports the flag as going on.</summary>
    public TimeSpan? Duration => EndedAtUtc - StartedAtUtc;

    public string DurationText => DurationIn(null);

    /// <summary>How long it lasted, in the reader's words with <paramref name="T"/>.</summary>
    public string DurationIn(IStringLocalizer? T)
    {
        T ??= Untranslated.Text;
        return Duration is { } d ? Durations.Format(d, T) : T["ongoing"];
    }
}

public sealed record NoteDetails(DateTime AtUtc, string Author, string Text);

/// <summary>A time the student was away: from leaving to coming back.</summary>
public sealed record Gap(DateTime StartUtc, DateTime EndUtc)
{
    public TimeSpan Length => EndUtc - StartUtc;
}

/// <summary>Everything about one student in time order, built from loaded rows so it needs no database.</summary>
public static class StudentTimeline
{
    /// <param name="flags">With their notes loaded; a flag's notes stay with the flag.</param>
    /// <param name="generalNotes">Notes about the student as a whole (any with a FlagId are skipped: they belong to their flag).</param>
    /// <param name="messages">Messages to and from this student, and announcements to everyone (no roster entry).</param>
    /// <param name="userNames">Display names by user id, for reviewers.</param>
    /// <param name="photos">When the student took each ID photo (kind and time; the pictures themselves are shown beside).</param>
    /// <param name="T">The reader's words (the page's ExamText); English without.</param>
    public static IReadOnlyList<TimelineItem> Build(
        IEnumerable<AttendanceEvent> attendance, IEnumerable<Flag> flags, IEnumerable<ProctorNote> generalNotes,
        IEnumerable<ExamMessage> messages, IReadOnlyDictionary<string, string> userNames, IEnumerable<(string Kind, DateTime TakenAtUtc)>? photos = null,
        IStringLocalizer? T = null)
    {
        var english = T is null;
        T ??= Untranslated.Text;
        var items = new List<TimelineItem>();
        items.AddRange((photos ?? []).Select(p => new TimelineItem(p.TakenAtUtc, TimelineKind.IdPhoto,
            p.Kind == IdPhotoKinds.IdCard ? T["Took the ID check's photo of their ID card"] : T["Took the ID check's photo of their face"])));
        items.AddRange(attendance.Select(a => new TimelineItem(a.AtUtc, TimelineKind.Attendance, AttendanceFacts.Words(a, T))));
        // A flag's item is shown through its details (the page puts its kind in the reader's words).
        items.AddRange(flags.Select(f => new TimelineItem(f.StartedAtUtc, TimelineKind.Flag, FlagKinds.Describe(f.Kind), Details(f, userNames, english ? null : T))));
        items.AddRange(generalNotes.Where(n => n.FlagId is null)
            .Select(n => new TimelineItem(n.AtUtc, TimelineKind.Note, T["Note by {0}: {1}", ProctorNames.Of(n.Author, T), n.Text])));
        items.AddRange(messages.Select(m => m.RosterEntryId is null
            ? new TimelineItem(m.SentAtUtc, TimelineKind.Announcement, T["Announcement to everyone from {0}: {1}", ProctorNames.Of(m.Author, T), m.Text])
            : m.FromStudent ? new TimelineItem(m.SentAtUtc, TimelineKind.Message, T["Wrote to the proctors: {0}", m.Text])
            : new TimelineItem(m.SentAtUtc, TimelineKind.Message, T["Message from {0}: {1}", ProctorNames.Of(m.Author, T), m.Text])));
        // OrderBy is stable, so things at the same moment keep the order above (attendance first).
        return items.OrderBy(i => i.AtUtc).ToList();
    }

    /// <summary>
    /// The student's whole clips on the timeline: beside each flag, every clip that shows its start
    /// (<see cref="ClipCoverage"/>), and each proctor's kept clip as an item of its own at the moment of the click.
    /// </summary>
    /// <param name="requests">Each keep request's id, moment and who asked.</param>
    public static IReadOnlyList<TimelineItem> WithClips(
        IReadOnlyList<TimelineItem> items, int rosterEntryId, IReadOnlyList<ClipView> clips, IReadOnlyList<(long Id, DateTime AtUtc, string Proctor)> requests,
        IStringLocalizer? T = null)
    {
        T ??= Untranslated.Text;
        var withClips = items.Select(i => i.Flag is { } flag
            ? i with { Clips = clips.Where(c => ClipCoverage.Shows(c.Span(rosterEntryId), rosterEntryId, flag.Id, flag.StartedAtUtc)).ToList() }
            : i).ToList();
        foreach (var request in requests)
        {
            var kept = clips.Where(c => c.RequestId == request.Id).ToList();
            if (kept.Count > 0)
            {
                withClips.Add(new TimelineItem(request.AtUtc, TimelineKind.KeptClip, T["Clip kept at the request of {0}", request.Proctor], Clips: kept));
            }
        }
        return withClips.OrderBy(i => i.AtUtc).ToList();
    }

    /// <param name="T">Names a deleted proctor in the reader's words; English without (the CSV).</param>
    public static FlagDetails Details(Flag flag, IReadOnlyDictionary<string, string> userNames, IStringLocalizer? T = null) =>
        new(flag.Id, flag.Kind, flag.StartedAtUtc, flag.EndedAtUtc, flag.Review,
            flag.ReviewedById is null ? null : ProctorNames.Of(userNames, flag.ReviewedById, T),
            flag.ReviewedAtUtc,
            flag.Notes.OrderBy(n => n.AtUtc).Select(n => new NoteDetails(n.AtUtc, ProctorNames.Of(n.Author, T), n.Text)).ToList());

    /// <summary>Each "left" up to the next "rejoined". A student who left and never came back has no gap, just an end.</summary>
    public static IReadOnlyList<Gap> Gaps(IEnumerable<AttendanceEvent> attendance)
    {
        var gaps = new List<Gap>();
        DateTime? leftAt = null;
        foreach (var e in AttendanceFacts.InOrder(attendance))
        {
            switch (e.Kind)
            {
                case AttendanceKinds.Left:
                    // A second "left" before any rejoin adds nothing: the student was already away.
                    leftAt ??= e.AtUtc;
                    break;
                case AttendanceKinds.Rejoined when leftAt is { } start:
                    gaps.Add(new Gap(start, e.AtUtc));
                    leftAt = null;
                    break;
                case var kind when AttendanceFacts.Ends(kind):
                    leftAt = null;
                    break;
            }
        }
        return gaps;
    }

    public static string IdPhotoWords(string kind, IStringLocalizer? T = null)
    {
        T ??= Untranslated.Text;
        return kind == IdPhotoKinds.IdCard ? T["their ID card"] : T["their face"];
    }
}
