using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using ProctorWeb.Accounts;
using ProctorWeb.Data;
using ProctorWeb.Text;

namespace ProctorWeb.Pages.Admin;

/// <summary>An admin invites teachers, makes them admins, and takes roles or access away, each change after a confirmation.</summary>
// Beside the /Admin folder's rule, so the page stays closed if that rule is ever loosened (as the audit log does).
[Microsoft.AspNetCore.Authorization.Authorize(Roles = Roles.Admin)]
public class TeachersModel(UserManager<AppUser> users, AccountMails mails, AccountSessions sessions, ProctorWeb.Audit.AuditLog audit, TimeProvider time,
    IStringLocalizer<AccountText> T) : PageModel
{
    // The English text is also the key of its translation (AccountText).
    public const string LastAdmin = "You are the last admin: make someone else an admin first, so the site keeps one.";

    public record Person(string Id, string Name, string Email, bool Confirmed, bool IsTeacher, bool IsAdmin, bool Blocked);

    /// <summary>A change waiting for the admin's second click, with what it will do in words.</summary>
    public record Pending(string Action, string UserId, string Question);

    public List<Person> People { get; private set; } = [];
    public Pending? Confirm { get; private set; }

    [TempData]
    public string? Message { get; set; }

    public class InviteInput
    {
        [Required(ErrorMessage = AccountValidation.Required), EmailAddress(ErrorMessage = AccountValidation.EmailAddress), StringLength(256, ErrorMessage = AccountValidation.MaximumLength)]
        [Display(Name = "Email")]
        public string Email { get; set; } = "";

        [Required(ErrorMessage = AccountValidation.Required), StringLength(AppUserLimits.DisplayNameLength, MinimumLength = 2, ErrorMessage = AccountValidation.LengthBetween)]
        [Display(Name = "Name")]
        public string Name { get; set; } = "";
    }

    public InviteInput Invite { get; set; } = new();

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostInviteAsync([Bind(Prefix = nameof(Invite))] InviteInput invite)
    {
        Invite = invite;
        var name = PersonNames.Clean(invite.Name);
        if (ModelState.IsValid && name.Length < 2)
        {
            ModelState.AddModelError("Invite.Name", T["The name needs at least 2 visible characters."]);
        }
        if (!ModelState.IsValid)
        {
            await LoadAsync();
            return Page();
        }
        var me = await users.GetUserAsync(User) ?? throw new InvalidOperationException("A signed-in admin has an account.");
        var email = invite.Email.Trim();
        if (await users.FindByEmailAsync(email) is { } existing)
        {
            if (await users.IsInRoleAsync(existing, Roles.Teacher))
            {
                ModelState.AddModelError("Invite.Email", T["{0} is a teacher already.", email]);
                await LoadAsync();
                return Page();
            }
            // A plain account (registered for calls): it has a password and, once confirmed, a proven address.
            await users.AddToRoleAsync(existing, Roles.Teacher);
            await audit.RecordRoleChangeAsync(me.Id, existing.Id, Roles.Teacher, granted: true, Address);
            await sessions.EndEverywhereAsync(existing);
            await mails.SendNowATeacherAsync(existing, me.DisplayName);
            Message = T["{0} ({1}) had an account and is now a teacher; they were told by mail.", existing.DisplayName, email];
            return RedirectToPage();
        }
        // No password until the invited teacher picks one through the mailed link, which also confirms the address.
        var user = new AppUser { UserName = email, Email = email, DisplayName = name };
        var created = await users.CreateAsync(user);
        if (!created.Succeeded)
        {
            foreach (var error in created.Errors)
            {
                ModelState.AddModelError("Invite.Email", error.Description);
            }
            await LoadAsync();
            return Page();
        }
        await users.AddToRoleAsync(user, Roles.Teacher);
        await audit.RecordInvitationAsync(me.Id, user.Id, Roles.Teacher, Address);
        await mails.SendTeacherInvitationAsync(user, me.DisplayName);
        Message = T["Invited {0} ({1}). The mailed link lets them choose a password; it works for a day.", name, email];
        return RedirectToPage();
    }

    private string? Address => HttpContext.Connection.RemoteIpAddress?.ToString();

    public async Task<IActionResult> OnPostResendAsync(string userId)
    {
        if (await users.FindByIdAsync(userId) is not { EmailConfirmed: false } user || await users.HasPasswordAsync(user))
        {
            return NotFound();
        }
        var me = await users.GetUserAsync(User);
        await mails.SendTeacherInvitationAsync(user, me!.DisplayName);
        Message = T["Sent {0} a fresh invitation.", user.DisplayName];
        return RedirectToPage();
    }

    // Promote, MakeTeacher, RemoveAdmin, RemoveTeacher, Block, Unblock: the first post asks, the second (confirmed) does it.
    public async Task<IActionResult> OnPostChangeAsync(string action, string userId, bool confirmed)
    {
        if (await users.FindByIdAsync(userId) is not { } user)
        {
            return NotFound();
        }
        var isAdmin = await users.IsInRoleAsync(user, Roles.Admin);
        var isTeacher = await users.IsInRoleAsync(user, Roles.Teacher);
        var blocked = IsBlocked(user);
        var who = $"{user.DisplayName} ({user.Email})";
        var question = action switch
        {
            "Promote" when isTeacher && !isAdmin && user.EmailConfirmed => T["Make {0} an admin? They will invite teachers and may take anyone's roles, yours too.", who].Value,
            "RemoveAdmin" when isAdmin => T["Take the admin role from {0}? They stay a teacher.", who].Value,
            "RemoveTeacher" when isTeacher => T["Take the teacher role from {0}? They can no longer open the exams they own or co-proctor; the exams and their data stay. They are signed out everywhere.", who].Value,
            "Block" when !blocked => T["Block {0}? They cannot sign in until an admin unblocks them, and are signed out everywhere now. Their exams and data stay.", who].Value,
            "Unblock" when blocked => T["Let {0} sign in again?", who].Value,
            _ => null,
        };
        if (question is null)
        {
            return BadRequest();
        }
        // The site must keep an admin who can sign in: the last one cannot lose the role or be blocked, by themselves or anyone.
        if (isAdmin && action is "RemoveAdmin" or "Block" && await ActiveAdminCountAsync() <= 1)
        {
            await LoadAsync();
            Message = null;
            ModelState.AddModelError(string.Empty, T[LastAdmin]);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        if (!confirmed)
        {
            await LoadAsync();
            Confirm = new Pending(action, userId, question);
            return Page();
        }
        switch (action)
        {
            case "Promote":
                await users.AddToRoleAsync(user, Roles.Admin);
                break;
            case "RemoveAdmin":
                await users.RemoveFromRoleAsync(user, Roles.Admin);
                break;
            case "RemoveTeacher":
                await users.RemoveFromRoleAsync(user, Roles.Teacher);
                break;
            case "Block":
                await users.SetLockoutEnabledAsync(user, true);
                await users.SetLockoutEndDateAsync(user, DateTimeOffset.MaxValue);
                break;
            case "Unblock":
                await users.SetLockoutEndDateAsync(user, null);
                break;
        }
        var actor = users.GetUserId(User);
        switch (action)
        {
            case "Promote" or "RemoveAdmin":
                await audit.RecordRoleChangeAsync(actor, user.Id, Roles.Admin, granted: action == "Promote", Address);
                break;
            case "RemoveTeacher":
                await audit.RecordRoleChangeAsync(actor, user.Id, Roles.Teacher, granted: false, Address);
                break;
            default:
                // Blocking is access, not a role: recorded as such.
                await audit.RecordAsync(ProctorWeb.Audit.AuditKinds.RoleChanged, actor, ProctorWeb.Audit.AuditKinds.User(user.Id), action == "Block" ? "blocked" : "unblocked", Address);
                break;
        }
        // Roles live in the sign-in cookie: ending the person's sessions (their open hub connections included) makes the
        // change hold at once. They sign in again with the roles they have now.
        await sessions.EndEverywhereAsync(user);
        Message = action switch
        {
            "Promote" => T["{0} is now an admin.", who],
            "RemoveAdmin" => T["{0} is no longer an admin.", who],
            "RemoveTeacher" => T["{0} is no longer a teacher.", who],
            "Block" => T["{0} is blocked.", who],
            _ => T["{0} may sign in again.", who],
        };
        return RedirectToPage();
    }

    private async Task<int> ActiveAdminCountAsync()
    {
        var now = time.GetUtcNow();
        return (await users.GetUsersInRoleAsync(Roles.Admin)).Count(a => a.LockoutEnd is null || a.LockoutEnd <= now);
    }

    private async Task LoadAsync()
    {
        var teachers = await users.GetUsersInRoleAsync(Roles.Teacher);
        var admins = (await users.GetUsersInRoleAsync(Roles.Admin)).Select(a => a.Id).ToHashSet();
        People = teachers.UnionBy(await users.GetUsersInRoleAsync(Roles.Admin), u => u.Id)
            .Select(u => new Person(u.Id, u.DisplayName, u.Email ?? "", u.EmailConfirmed, teachers.Any(t => t.Id == u.Id), admins.Contains(u.Id), IsBlocked(u)))
            .OrderBy(p => p.Name, StringComparer.CurrentCultureIgnoreCase)
            .ToList();
    }

    /// <summary>Blocked is a lockout that never ends, unlike the few minutes wrong passwords earn.</summary>
    public static bool IsBlocked(AppUser user) => user.LockoutEnd?.Year >= 9999;
}
