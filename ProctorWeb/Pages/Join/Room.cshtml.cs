using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using ProctorWeb.Exams;
using ProctorWeb.Media;

namespace ProctorWeb.Pages.Join;

/// <summary>The student's exam page: device check, waiting room, exam room and the end, driven by the exam hub.</summary>
public class RoomModel(InvitationCheck check, PeerSettingsFactory peerSettings, IOptions<FlagOptions> flags) : PageModel
{
    public InvitationCheck.Result Invitation { get; private set; } = null!;

    public PeerSettings Peer { get; private set; } = null!;

    /// <summary>The detectors' thresholds, so the browser flags exactly what the operator configured.</summary>
    public string FlagSettingsJson => JsonSerializer.Serialize(flags.Value, BrowserJson.Web);

    public string FlagLabelsJson => JsonSerializer.Serialize(FlagKinds.Labels, BrowserJson.Web);

    public async Task<IActionResult> OnGetAsync()
    {
        var rosterId = User.RosterEntryId();
        if (rosterId is null)
        {
            return RedirectToPage("/Join/Missing");
        }
        Invitation = await check.ByIdAsync(rosterId.Value);
        Peer = peerSettings.For(User);
        if (!Invitation.Allowed)
        {
            Response.StatusCode = StatusCodes.Status403Forbidden;
        }
        return Page();
    }
}
