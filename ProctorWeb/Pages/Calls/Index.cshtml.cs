using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ProctorWeb.Calls;
using ProctorWeb.Data;
using ProctorWeb.Media;

namespace ProctorWeb.Pages.Calls;

public class IndexModel(UserManager<AppUser> users, PeerSettingsFactory peerSettings) : PageModel
{
    public string MyUserId { get; private set; } = "";

    /// <summary>ICE servers and policy for the browser, handed over in data attributes (no inline script).</summary>
    public PeerSettings Peer { get; private set; } = null!;

    public string HubPath => CallHub.Path;

    public void OnGet()
    {
        MyUserId = users.GetUserId(User) ?? "";
        Peer = peerSettings.ForAccount(User);
    }
}
