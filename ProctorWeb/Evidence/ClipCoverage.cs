namespace ProctorWeb.Evidence;

/// <summary>The span a whole clip shows, and whose clip it is.</summary>
public sealed record ClipSpan(long ClipId, int RosterEntryId, long? FlagId, DateTime StartedAtUtc, DateTime EndedAtUtc);

/// <summary>
/// Which clips are evidence for a flag: its own, and any other of the student's clips that shows the moment it started.
/// The page records one clip for flags raised together (leaving the page also leaves full screen), and a proctor's kept
/// clip may show a flag too. The timeline and the report both ask here, so they never disagree about evidence.
/// </summary>
public static class ClipCoverage
{
    public static bool Shows(ClipSpan clip, int rosterEntryId, long flagId, DateTime flagStartedAtUtc) =>
        clip.RosterEntryId == rosterEntryId
        && (clip.FlagId == flagId || (clip.StartedAtUtc <= flagStartedAtUtc && flagStartedAtUtc <= clip.EndedAtUtc));

    public static IEnumerable<ClipSpan> For(IEnumerable<ClipSpan> clips, int rosterEntryId, long flagId, DateTime flagStartedAtUtc) =>
        clips.Where(c => Shows(c, rosterEntryId, flagId, flagStartedAtUtc));
}

/// <summary>What the clip players of one timeline item need: the clips, where each is served, and whose they are.</summary>
public sealed record ClipPlayers(IReadOnlyList<ClipView> Clips, Func<ClipView, string> Url, string StudentName);
