using Microsoft.EntityFrameworkCore;
using ProctorWeb.Data;

namespace ProctorWeb.Evidence;

// Appending: the clip's row says how much is on disk, and a chunk is written only where that length ends.
public sealed partial class ClipUploads
{
    /// <summary>The largest chunk one request may carry.</summary>
    public int ChunkBytes => Limits.ChunkBytes;

    /// <summary>
    /// Writes <paramref name="chunk"/> if it starts exactly where the received bytes end. One that starts earlier was
    /// received already (a retry after a lost answer) and is not written again; one that starts later would leave a
    /// gap and is refused. Either way the answer carries the received length, where the page goes on from.
    /// </summary>
    public async Task<UploadAnswer> AppendAsync(int rosterId, long clipId, long offset, ReadOnlyMemory<byte> chunk)
    {
        if (await RefusalAsync(rosterId) is { } refused)
        {
            return refused;
        }
        if (chunk.Length > Limits.ChunkBytes)
        {
            return UploadAnswer.TooLarge(T["A chunk may have at most {0} bytes.", Limits.ChunkBytes]);
        }
        using (await locks.ForClipAsync(clipId))
        {
            var clip = await db.Clips.SingleOrDefaultAsync(c => c.Id == clipId && c.RosterEntryId == rosterId);
            if (clip is null)
            {
                return NoSuchClip;
            }
            if (clip.ReceivedBytes == clip.DeclaredBytes || offset < clip.ReceivedBytes)
            {
                // Also finishes a clip whose last write landed but whose completion did not (a crash between them).
                await FinishAsync(clip);
                return UploadAnswer.Ok(Progress(clip));
            }
            if (offset > clip.ReceivedBytes)
            {
                return UploadAnswer.Conflict(T["Bytes are missing before this chunk: send from byte {0}.", clip.ReceivedBytes], Progress(clip));
            }
            if (chunk.Length == 0)
            {
                return UploadAnswer.Bad(T["The chunk is empty."]);
            }
            if (offset + chunk.Length > clip.DeclaredBytes)
            {
                return UploadAnswer.TooLarge(T["The chunk goes beyond the {0} bytes declared for this clip.", clip.DeclaredBytes]);
            }
            await folder.WriteAsync(clip.FileName, offset, chunk);
            clip.ReceivedBytes += chunk.Length;
            // The length is stored before the clip is finished, so a crash in between is finished by the next request.
            await db.SaveChangesAsync();
            await FinishAsync(clip);
            return UploadAnswer.Ok(Progress(clip));
        }
    }

    private async Task FinishAsync(Clip clip)
    {
        if (clip.Complete || clip.ReceivedBytes != clip.DeclaredBytes)
        {
            return;
        }
        clip.Sha256 = await folder.FinishAsync(clip.FileName);
        clip.Complete = true;
        clip.CompletedAtUtc = Now;
        await db.SaveChangesAsync();
    }
}

/// <summary>How far a clip's upload has got.</summary>
public sealed record ClipProgress(long ClipId, long ReceivedBytes, long TotalBytes, bool Complete);

/// <summary>An upload's answer: its HTTP status, the progress, and on a refusal the words the page shows, in the student's language (and a code it acts on).</summary>
public sealed record UploadAnswer(int StatusCode, ClipProgress? Progress, string? Error, string? Code = null)
{
    /// <summary>The student has sent every clip the exam keeps: the page stops recording.</summary>
    public const string QuotaReached = "quota-reached";

    public static UploadAnswer Full(string error) => new(StatusCodes.Status409Conflict, null, error, QuotaReached);

    public static UploadAnswer Ok(ClipProgress progress) => new(StatusCodes.Status200OK, progress, null);

    public static UploadAnswer Bad(string error) => new(StatusCodes.Status400BadRequest, null, error);

    public static UploadAnswer Refused(string error) => new(StatusCodes.Status403Forbidden, null, error);

    public static UploadAnswer Conflict(string error, ClipProgress? progress = null) => new(StatusCodes.Status409Conflict, progress, error);

    public static UploadAnswer TooLarge(string error) => new(StatusCodes.Status413PayloadTooLarge, null, error);

    public static UploadAnswer NotFound(string error) => new(StatusCodes.Status404NotFound, null, error);

    /// <summary>The progress as JSON, or the refusal beside the received length so the page knows where to go on.</summary>
    public Microsoft.AspNetCore.Mvc.JsonResult ToJson() =>
        new(Error is null ? Progress : new { error = Error, code = Code, receivedBytes = Progress?.ReceivedBytes }) { StatusCode = StatusCode };
}
