namespace ProctorWeb.Data;

/// <summary>Something a student's browser noticed that a proctor should look at, and the proctor's decision.</summary>
public class Flag
{
    public long Id { get; set; }
    public int RosterEntryId { get; set; }
    public RosterEntry? RosterEntry { get; set; }
    /// <summary>Made by the browser, so a report sent again after a lost connection updates instead of duplicating.</summary>
    public string ClientId { get; set; } = "";
    public string Kind { get; set; } = "";
    public DateTime StartedAtUtc { get; set; }
    public DateTime? EndedAtUtc { get; set; }
    public string Review { get; set; } = FlagReviews.Open;
    public string? ReviewedById { get; set; }
    public DateTime? ReviewedAtUtc { get; set; }
    public List<ProctorNote> Notes { get; set; } = [];
}

public static class FlagReviews
{
    public const string Open = "open";
    public const string Confirmed = "confirmed";
    public const string Dismissed = "dismissed";
}

/// <summary>A proctor's note about a student, optionally about one flag.</summary>
public class ProctorNote
{
    public long Id { get; set; }
    public int RosterEntryId { get; set; }
    public long? FlagId { get; set; }
    /// <summary>Null once the author's account is deleted: the note stays with the exam, whose record it is.</summary>
    public string? AuthorId { get; set; }
    public AppUser? Author { get; set; }
    public string Text { get; set; } = "";
    public DateTime AtUtc { get; set; }
}

/// <summary>A message from a proctor to one student or to all (no roster entry), or a student's own to the proctors.</summary>
public class ExamMessage
{
    public long Id { get; set; }
    public int ExamId { get; set; }
    public int? RosterEntryId { get; set; }
    /// <summary>Null once the author's account is deleted: what the student was told stays on their record.</summary>
    public string? AuthorId { get; set; }
    public AppUser? Author { get; set; }
    public string Text { get; set; } = "";
    public DateTime SentAtUtc { get; set; }
    /// <summary>Written by the student of <see cref="RosterEntryId"/> to the exam's proctors; no author account.</summary>
    public bool FromStudent { get; set; }
}
