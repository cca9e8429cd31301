using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using ProctorWeb.Exams;
using ProctorWeb.Retention;
using ProctorWeb.Text;

namespace ProctorWeb.Pages.Join;

/// <summary>The student's personal link: what the exam is, who watches, and consent before the device check.</summary>
[AllowAnonymous]
public class IndexModel(InvitationCheck check, IOptions<RetentionOptions> retention, IOptions<ProctorWeb.Evidence.ClipOptions> clips, IStringLocalizer<RoomText> T) : PageModel
{
    public InvitationCheck.Result Invitation { get; private set; } = null!;

    public List<string> Proctors { get; private set; } = [];

    /// <summary>How long after the exam the student's data is kept, as the consent states it.</summary>
    public ProctorWeb.Evidence.ClipOptions Clips => clips.Value;

    public int RetentionDays => ExamRetention.DaysFor(Invitation.Entry!.Exam!, retention.Value.DefaultDays);

    [BindProperty]
    public bool Agree { get; set; }

    public async Task<IActionResult> OnGetAsync(string secret)
    {
        await LoadAsync(secret);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string secret)
    {
        await LoadAsync(secret);
        if (!Invitation.Allowed)
        {
            return Page();
        }
        if (!Agree)
        {
            ModelState.AddModelError(nameof(Agree), T["Tick the box to agree to being monitored before you continue."]);
            return Page();
        }
        var entry = Invitation.Entry!;
        await HttpContext.SignInAsync(InvitationAuth.Scheme, InvitationAuth.Principal(entry.Id, entry.Name),
            new AuthenticationProperties { ExpiresUtc = Invitation.Window.EndsAtUtc.AddHours(1), IsPersistent = false });
        return RedirectToPage("/Join/Room");
    }

    private async Task LoadAsync(string secret)
    {
        Invitation = await check.BySecretAsync(secret);
        if (!Invitation.Allowed)
        {
            Response.StatusCode = Invitation.Entry is null ? StatusCodes.Status404NotFound : StatusCodes.Status403Forbidden;
        }
        if (Invitation.Entry?.Exam is { } exam)
        {
            Proctors = [exam.Owner!.DisplayName, .. exam.CoProctors.Select(p => p.User!.DisplayName)];
        }
    }
}
