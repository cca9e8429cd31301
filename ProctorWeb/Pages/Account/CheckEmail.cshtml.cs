using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ProctorWeb.Pages.Account;

/// <summary>
/// Where registering, asking for a new confirmation link and forgetting a password all end: the same words whether
/// or not the address has an account, so these forms tell nobody which addresses do.
/// </summary>
public class CheckEmailModel : PageModel
{
    public void OnGet()
    {
    }
}
