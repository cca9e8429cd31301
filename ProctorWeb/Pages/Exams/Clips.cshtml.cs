using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ProctorWeb.Accounts;
using ProctorWeb.Evidence;
using ProctorWeb.Security;

namespace ProctorWeb.Pages.Exams;

/// <summary>
/// A student's whole clips, for the exam's proctors only (anyone else: 404, as for the ID photos): without a clip id
/// the list with each clip's flag, with one the clip itself, seekable (range requests) and never cached.
/// </summary>
[NoStore]
public class ClipsModel(ClipStore clips) : PageModel
{
    public async Task<IActionResult> OnGetAsync(int id, int studentId, long? clipId)
    {
        if (clipId is null)
        {
            return await clips.ForProctorAsync(User.Id(), id, studentId) is { } list ? new JsonResult(list) : NotFound();
        }
        var file = await clips.FileForProctorAsync(User.Id(), id, studentId, clipId.Value);
        return file is { } found ? new PhysicalFileResult(found.Path, found.MimeType) { EnableRangeProcessing = true } : NotFound();
    }
}
