using System.Buffers;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using ProctorWeb.Evidence;
using ProctorWeb.Exams;
using ProctorWeb.Text;

namespace ProctorWeb.Pages.Join;

/// <summary>
/// The student's clip uploads, for their own invitation only (the cookie says whose). Posts carry the exam page's
/// antiforgery token in the RequestVerificationToken header, which Razor Pages check as they do a form's field:
/// a fetch of raw bytes has no form to put it in.
/// </summary>
public class ClipsModel(ClipUploads uploads, IStringLocalizer<RoomText> T) : PageModel
{
    /// <summary>How much of a clip has arrived: where the page resumes after a lost connection.</summary>
    public async Task<IActionResult> OnGetAsync(long clipId) =>
        User.RosterEntryId() is { } rosterId ? (await uploads.StatusAsync(rosterId, clipId)).ToJson() : NoInvitation();

    /// <summary>Starts a clip for one of the student's flags or a proctor's request; a repeated start answers the same clip.</summary>
    public async Task<IActionResult> OnPostAsync([FromBody] ClipStart? start) =>
        User.RosterEntryId() is not { } rosterId ? NoInvitation()
        : start is null ? UploadAnswer.Bad(T["Send the clip's description as JSON."]).ToJson()
        : (await uploads.StartAsync(rosterId, start)).ToJson();

    /// <summary>Appends the request's body, raw bytes, at <paramref name="offset"/>.</summary>
    public async Task<IActionResult> OnPostChunkAsync(long clipId, long offset)
    {
        if (User.RosterEntryId() is not { } rosterId)
        {
            return NoInvitation();
        }
        var limit = uploads.ChunkBytes;
        if (Request.ContentLength > limit)
        {
            return UploadAnswer.TooLarge(T["A chunk may have at most {0} bytes.", limit]).ToJson();
        }
        // One byte more than allowed is read, so a body without a declared length still shows it is too large.
        var buffer = ArrayPool<byte>.Shared.Rent(limit + 1);
        try
        {
            var length = await Request.Body.ReadAtLeastAsync(buffer.AsMemory(0, limit + 1), limit + 1, throwOnEndOfStream: false, HttpContext.RequestAborted);
            return (await uploads.AppendAsync(rosterId, clipId, offset, buffer.AsMemory(0, length))).ToJson();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private JsonResult NoInvitation() => UploadAnswer.Refused(T["Open your personal exam link first."]).ToJson();
}
