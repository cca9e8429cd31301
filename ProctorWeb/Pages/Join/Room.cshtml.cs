using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using ProctorWeb.Admission;
using ProctorWeb.Data;
using ProctorWeb.Evidence;
using ProctorWeb.Exams;
using ProctorWeb.Exams.Live;
using ProctorWeb.Media;
using ProctorWeb.Text;

namespace ProctorWeb.Pages.Join;

/// <summary>The student's exam page: device check, waiting room, exam room and the end, driven by the exam hub.</summary>
// The page takes no body much bigger than one photo: anything larger is refused before it is read, not after up
// to the server's 30 MB default was buffered to disk. A photo somewhat over its limit still reaches the handler,
// which says in words what was wrong.
[RequestSizeLimit(BodyLimitBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = BodyLimitBytes)]
public class RoomModel(InvitationCheck check, PeerSettingsFactory peerSettings, IOptions<FlagOptions> flags, IOptions<ClipOptions> clips, IStringLocalizer<RoomText> T) : PageModel
{
    private const int BodyLimitBytes = 4 * IdPhotoImage.MaxBytes;

    public InvitationCheck.Result Invitation { get; private set; } = null!;

    public PeerSettings Peer { get; private set; } = null!;

    /// <summary>The detectors' thresholds, so the browser flags exactly what the operator configured.</summary>
    public string FlagSettingsJson => JsonSerializer.Serialize(flags.Value, BrowserJson.Web);

    /// <summary>What the page's recorder needs of the clip settings (not where the server keeps them).</summary>
    public string ClipSettingsJson => JsonSerializer.Serialize(new
    {
        Url = Url.Page("/Join/Clips"),
        clips.Value.SecondsBefore,
        clips.Value.SecondsAfter,
        clips.Value.RecorderStepSeconds,
        clips.Value.ChunkBytes,
    }, BrowserJson.Web);

    /// <summary>
    /// One of the two ID photos from the device check. Only for the student's own invitation while its link is open;
    /// refused with words the page shows beside the photo.
    /// </summary>
    public async Task<IActionResult> OnPostPhotoAsync(string? kind, IFormFile? photo, [FromServices] IdPhotos photos, [FromServices] ExamNotifier notifier)
    {
        var rosterId = User.RosterEntryId();
        var invitation = rosterId is null ? null : await check.ByIdAsync(rosterId.Value);
        if (invitation is not { Allowed: true })
        {
            return StatusCode(StatusCodes.Status403Forbidden, new { error = invitation?.Refusal ?? T["Open your personal exam link first."].Value });
        }
        if (!invitation.Entry!.Exam!.RequireIdCheck)
        {
            return BadRequest(new { error = T["This exam does not ask for ID photos."].Value });
        }
        if (kind is null || !IdPhotoKinds.All.Contains(kind))
        {
            return BadRequest(new { error = T["Say which photo this is: your face or your ID card."].Value });
        }
        if (photo is null)
        {
            return BadRequest(new { error = T["No photo arrived. Take it again."].Value });
        }
        if (photo.Length > IdPhotoImage.MaxBytes)
        {
            return BadRequest(new { error = T["The photo is larger than {0} KB. Take it again.", IdPhotoImage.MaxBytes / 1024].Value });
        }
        using var buffer = new MemoryStream((int)photo.Length);
        await photo.CopyToAsync(buffer);
        var image = IdPhotoImage.Reencode(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
        if (image.Refusal is not null)
        {
            return BadRequest(new { error = T[image.Refusal, image.RefusalArguments ?? []].Value });
        }
        await photos.SaveAsync(rosterId!.Value, kind, image);
        await notifier.IdPhotoTakenAsync(invitation.Entry!.ExamId, rosterId.Value, kind);
        return new JsonResult(new { kind, image.Width, image.Height });
    }

    public async Task<IActionResult> OnGetAsync()
    {
        var rosterId = User.RosterEntryId();
        if (rosterId is null)
        {
            return RedirectToPage("/Join/Missing");
        }
        Invitation = await check.ByIdAsync(rosterId.Value);
        Peer = peerSettings.ForStudent(Invitation);
        if (!Invitation.Allowed)
        {
            Response.StatusCode = StatusCodes.Status403Forbidden;
        }
        return Page();
    }
}
