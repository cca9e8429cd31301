using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using ProctorWeb.Calls;
using ProctorWeb.Data;
using ProctorWeb.Media;

namespace ProctorWeb.Pages.Calls;

public class IndexModel(UserManager<AppUser> users, IOptions<IceServerOptions> ice, IOptions<CallOptions> callOptions) : PageModel
{
    public string MyUserId { get; private set; } = "";

    /// <summary>RTCIceServer[] for the browser, handed over in a data attribute (no inline script).</summary>
    public string IceServersJson { get; private set; } = "[]";

    public int RingTimeoutSeconds => callOptions.Value.RingTimeoutSeconds;

    public string HubPath => CallHub.Path;

    public void OnGet()
    {
        MyUserId = users.GetUserId(User) ?? "";
        IceServersJson = JsonSerializer.Serialize(ice.Value.Servers, BrowserJson.Web);
    }
}
