using Microsoft.AspNetCore.Identity;

namespace ProctorWeb.Data;

public class AppUser : IdentityUser
{
    /// <summary>The name other people see in lists and calls; the email stays private.</summary>
    public string DisplayName { get; set; } = "";
}
