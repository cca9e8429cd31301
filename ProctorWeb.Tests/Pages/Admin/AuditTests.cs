using System.Net;
using ProctorWeb.Audit;
using ProctorWeb.Data;
using ProctorWeb.Tests.Support;

namespace ProctorWeb.Tests.Pages.Admin;

/// <summary>Admins read the audit log newest first, a page at a time, one kind or all; nobody else reads it.</summary>
public class AuditTests
{
    [Fact]
    public async Task AnAdminSeesTheNewestEntriesFirstAPageAtATimeAndCanShowOneKind()
    {
        await using var app = new ProctorWebApplication();
        var admin = await app.SignInNewAdminAsync("Ada Admin");
        await app.WithServiceAsync<bool, AuditLog>(async audit =>
        {
            for (var i = 1; i <= 60; i++)
            {
                await audit.RecordAsync(AuditKinds.ExamDeleted, admin.User.Id, AuditKinds.Exam(i), $"entry {i}");
            }
            await audit.RecordRoleChangeAsync(admin.User.Id, "gone-user", Roles.Teacher, granted: false, null);
            await audit.RecordAsync(AuditKinds.SignOut, "an-account-since-deleted", AuditKinds.User("x"));
            return true;
        });

        var first = await Html.ReadAsync(await admin.Browser.GetAsync("/Admin/Audit"));
        Assert.True(first.IndexOf("removed Teacher", StringComparison.Ordinal) < first.IndexOf("entry 60", StringComparison.Ordinal), "Newest first.");
        Assert.Contains("a former user", first);
        Assert.Contains("Ada Admin", first);
        Assert.DoesNotContain("entry 9<", first);
        Assert.Contains("Older", first);

        var second = await Html.ReadAsync(await admin.Browser.GetAsync("/Admin/Audit?p=2"));
        Assert.Contains("entry 1<", second);
        Assert.Contains("Newer", second);
        Assert.DoesNotContain("Older", second);

        var roles = await Html.ReadAsync(await admin.Browser.GetAsync($"/Admin/Audit?kind={AuditKinds.RoleChanged}"));
        Assert.Contains("removed Teacher", roles);
        Assert.DoesNotContain("entry 60", roles);
    }

    [Theory]
    [InlineData(Roles.Teacher)]
    [InlineData(Roles.Student)]
    public async Task OnlyAdminsMayReadTheAuditLog(string role)
    {
        await using var app = new ProctorWebApplication();
        var someone = await app.SignInAsync(await app.CreateUserAsync("Someone", role));

        var response = await someone.Browser.GetAsync("/Admin/Audit");
        var anonymous = await app.CreateClient(new() { AllowAutoRedirect = false }).GetAsync("/Admin/Audit");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/Login", response.Headers.Location?.AbsolutePath ?? response.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
    }
}
