using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using ProctorWeb.Data;
using ProctorWeb.Exams;
using ProctorWeb.Text;

namespace ProctorWeb.Evidence;

/// <summary>What a student's page declares when it starts a clip: what it is evidence for, its type, size and span.</summary>
/// <param name="FlagId">The server's id of one of the student's own flags, as ReportFlag answered it.</param>
/// <param name="FlagClientId">Or the id the page gave the flag, for a clip whose flag's answer was lost.</param>
/// <param name="RequestId">Or a proctor's request to keep a clip, as the KeepClip push named it.</param>
/// <param name="Source">camera (the default) or screen: one flag may have a clip of each.</param>
public sealed record ClipStart(long? FlagId, string? FlagClientId, long? RequestId, string? MimeType, long TotalBytes, DateTime StartedAtUtc, DateTime EndedAtUtc, string? Source = null);

/// <summary>
/// Students' clip uploads, each for their own invitation only: start a clip, append chunks at exactly the length
/// received so far (so a retried chunk is not written twice and a gap is never filled with nothing), ask how much
/// arrived. The last byte makes the clip whole: its SHA-256 is taken and only then do proctors see it. Refusals are
/// in the student's language (the upload's request).
/// </summary>
public sealed partial class ClipUploads(AppDbContext db, InvitationCheck invitations, ClipFolder folder, ClipLocks locks, IOptions<ClipOptions> options, TimeProvider time, IStringLocalizer<RoomText> T)
{
    // A page's clock and its once-a-second recorder checks are not exact, and a flag is raised after its grace:
    // a clip may cover this much more than its recorder step allows.
    private static readonly TimeSpan SpanSlack = TimeSpan.FromSeconds(5);

    private ClipOptions Limits => options.Value;

    public async Task<UploadAnswer> StartAsync(int rosterId, ClipStart start)
    {
        if (await RefusalAsync(rosterId) is { } refused)
        {
            return refused;
        }
        var mime = ClipMime.Normalize(start.MimeType);
        if (mime is null)
        {
            return UploadAnswer.Bad(T["Only a WebM video (video/webm) as the browser records it is accepted."]);
        }
        if (start.TotalBytes <= 0)
        {
            return UploadAnswer.Bad(T["Say how many bytes the clip has."]);
        }
        if (start.TotalBytes > Limits.MaxBytesPerClip)
        {
            return UploadAnswer.TooLarge(T["A clip may have at most {0} bytes.", Limits.MaxBytesPerClip]);
        }
        var source = start.Source ?? ClipSources.Camera;
        if (!ClipSources.IsKnown(source))
        {
            return UploadAnswer.Bad(T["A clip's source is camera or screen."]);
        }
        var span = start.EndedAtUtc - start.StartedAtUtc;
        var longest = TimeSpan.FromSeconds(Limits.LongestClipSeconds);
        if (span <= TimeSpan.Zero || span > longest + SpanSlack)
        {
            return UploadAnswer.Bad(T["A clip ends after it starts and covers at most {0} seconds.", Math.Round(longest.TotalSeconds)]);
        }
        var (kind, flagId, requestId, unknown) = await ReasonAsync(rosterId, start);
        if (unknown is not null)
        {
            return UploadAnswer.Bad(unknown);
        }
        using (await locks.ForStudentAsync(rosterId))
        {
            var existing = await db.Clips.SingleOrDefaultAsync(c => c.RosterEntryId == rosterId && c.Source == source && (flagId != null ? c.FlagId == flagId : c.RequestId == requestId));
            if (existing is not null)
            {
                // The same start again (its answer was lost): the upload to resume.
                return existing.Complete ? UploadAnswer.Conflict(T["That clip has already been sent whole."], Progress(existing))
                    : existing.MimeType == mime && existing.DeclaredBytes == start.TotalBytes ? UploadAnswer.Ok(Progress(existing))
                    : UploadAnswer.Conflict(T["That clip is already being sent with another type or size: resume it."], Progress(existing));
            }
            if (await db.Clips.CountAsync(c => c.RosterEntryId == rosterId) >= Limits.MaxClipsPerStudent)
            {
                return UploadAnswer.Full(T["This exam keeps at most {0} clips per student, and you have sent them all.", Limits.MaxClipsPerStudent]);
            }
            var clip = new Clip
            {
                RosterEntryId = rosterId, Kind = kind, FlagId = flagId, RequestId = requestId, Source = source, MimeType = mime,
                StartedAtUtc = start.StartedAtUtc, EndedAtUtc = start.EndedAtUtc,
                DeclaredBytes = start.TotalBytes, FileName = ClipFolder.NewFileName(), CreatedAtUtc = Now,
            };
            db.Clips.Add(clip);
            await db.SaveChangesAsync();
            return UploadAnswer.Ok(Progress(clip));
        }
    }

    /// <summary>How much of the student's own clip has arrived, so a page can resume after a lost connection.</summary>
    public async Task<UploadAnswer> StatusAsync(int rosterId, long clipId) =>
        await db.Clips.AsNoTracking().SingleOrDefaultAsync(c => c.Id == clipId && c.RosterEntryId == rosterId) is { } clip
            ? UploadAnswer.Ok(Progress(clip))
            : NoSuchClip;

    /// <summary>
    /// Only the student's own, present invitation, while its link opens the exam, or within the grace after the exam's
    /// end if it opened it then. A student whose exam a proctor ended, or who was removed or turned away, sends no more.
    /// </summary>
    private async Task<UploadAnswer?> RefusalAsync(int rosterId)
    {
        var check = await invitations.ByIdAsync(rosterId);
        var now = Now;
        var end = check.Window.EndsAtUtc;
        if (!check.Allowed && check.Entry is not null && check.Window.PhaseAt(now) == ExamPhase.Over)
        {
            if (now >= end.AddMinutes(Limits.UploadGraceMinutes))
            {
                return UploadAnswer.Refused(T["Clips of this exam could be sent until {0} minutes after its end, and that time has passed.", Limits.UploadGraceMinutes]);
            }
            check = await invitations.ByIdAsync(rosterId, end.AddTicks(-1));
        }
        return check.Allowed ? null : UploadAnswer.Refused(check.Refusal!);
    }

    /// <summary>Exactly one of the student's own flags or keep requests; anybody else's is as unknown as one that never was.</summary>
    private async Task<(string Kind, long? FlagId, long? RequestId, string? Unknown)> ReasonAsync(int rosterId, ClipStart start)
    {
        var given = (start.FlagId is null ? 0 : 1) + (string.IsNullOrEmpty(start.FlagClientId) ? 0 : 1) + (start.RequestId is null ? 0 : 1);
        if (given != 1)
        {
            return ("", null, null, T["Say which one flag, or which proctor's request, this clip is for."]);
        }
        if (start.RequestId is { } requestId)
        {
            return await db.ClipRequests.AnyAsync(r => r.Id == requestId && r.RosterEntryId == rosterId)
                ? (ClipKinds.Kept, null, requestId, null)
                : ("", null, null, T["No proctor asked you for a clip with that id."]);
        }
        var flagId = await db.Flags.Where(f => f.RosterEntryId == rosterId && (f.Id == start.FlagId || f.ClientId == start.FlagClientId))
            .Select(f => (long?)f.Id).FirstOrDefaultAsync();
        return flagId is null ? ("", null, null, T["None of your flags has that id."]) : (ClipKinds.Flag, flagId, null, null);
    }

    private static ClipProgress Progress(Clip clip) => new(clip.Id, clip.ReceivedBytes, clip.DeclaredBytes, clip.Complete);

    private UploadAnswer NoSuchClip => UploadAnswer.NotFound(T["You have no clip with that id."]);

    private DateTime Now => time.GetUtcNow().UtcDateTime;
}
