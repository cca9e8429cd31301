using Microsoft.AspNetCore.Identity;
using ProctorWeb.Data;
using ProctorWeb.Tests.Support;

namespace ProctorWeb.Tests.Pages;

// The admin rows' helpers: each cell changes an account made for it alone, so no cell sees another's change, nor the callers' accounts one.
public partial class AuthorizationMatrixTests
{
    private const string Teachers = "/Admin/Teachers";

    /// <summary>A change on the teachers page to a fresh account: confirmed (it is done), or the first post, which only asks.</summary>
    private static Row TeachersChange(string action, Func<ProctorWebApplication, Task<TestUser>> target, bool confirmed,
        Outcome a, Outcome s, Outcome so, Outcome t, Outcome c, Outcome o, Outcome ad) =>
        Post($"{Teachers}?handler=Change ({action}{(confirmed ? ", confirmed" : ", asking")})",
            async (scene, _) => $"{Teachers}?handler=Change&userId={(await target(scene.App)).Id}",
            (_, _) => new() { ["action"] = action, ["confirmed"] = confirmed ? "true" : "false" }, a, s, so, t, c, o, ad);

    private static Task<TestUser> NewTeacher(ProctorWebApplication app) => app.CreateUserAsync("Target Teacher", Roles.Teacher);

    private static Task<TestUser> NewAdmin(ProctorWebApplication app) => app.CreateAdminAsync("Target Admin");

    /// <summary>A teacher blocked as the teachers page blocks: a lockout that never ends.</summary>
    private static async Task<TestUser> NewBlockedTeacher(ProctorWebApplication app)
    {
        var teacher = await NewTeacher(app);
        await app.WithServiceAsync<IdentityResult, UserManager<AppUser>>(async users =>
        {
            var user = (await users.FindByIdAsync(teacher.Id))!;
            await users.SetLockoutEnabledAsync(user, true);
            return await users.SetLockoutEndDateAsync(user, DateTimeOffset.MaxValue);
        });
        return teacher;
    }

    /// <summary>A teacher invited but not yet in: no password and an unconfirmed address, as the invite form leaves them.</summary>
    private static async Task<TestUser> NewInvitedTeacher(ProctorWebApplication app)
    {
        var email = $"{Guid.NewGuid():N}@example.test";
        var id = await app.WithServiceAsync<string, UserManager<AppUser>>(async users =>
        {
            var user = new AppUser { UserName = email, Email = email, DisplayName = "Invited Teacher" };
            Assert.True((await users.CreateAsync(user)).Succeeded);
            Assert.True((await users.AddToRoleAsync(user, Roles.Teacher)).Succeeded);
            return user.Id;
        });
        return new TestUser(id, email, "", "Invited Teacher");
    }
}
