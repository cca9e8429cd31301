using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using ProctorWeb.Accounts;
using ProctorWeb.Data;

namespace ProctorWeb.Tests.Accounts;

public class FirstAdminTests
{
    private static Task<IList<AppUser>> AdminsAsync(ProctorWebApplication app) =>
        app.WithServiceAsync<IList<AppUser>, UserManager<AppUser>>(users => users.GetUsersInRoleAsync(Roles.Admin));

    [Fact]
    public async Task AdminEmailAndPasswordInConfigurationCreateTheFirstAdminWhoCanSignInAndOpenTheTeachersPage()
    {
        await using var app = new ProctorWebApplication(new Dictionary<string, string?>
        {
            ["Admin:Email"] = "head@example.test", ["Admin:Password"] = ProctorWebApplication.Password, ["Admin:Name"] = "Head Teacher",
        });
        var admin = await app.SignInAsync(new TestUser("", "head@example.test", ProctorWebApplication.Password, "Head Teacher"));

        var page = await admin.Browser.GetAsync("/Admin/Teachers");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("Head Teacher", Assert.Single(await AdminsAsync(app)).DisplayName);
        Assert.Contains(app.Logs.Entries, e => e.Message.Contains("Remove Admin:Password"));
    }

    [Fact]
    public async Task TheConfiguredAdminIsNotCreatedWhenAnAdminExistsAlready()
    {
        await using var first = new ProctorWebApplication();
        using (var scope = first.Services.CreateScope())
        {
            Assert.Empty(await scope.ServiceProvider.GetRequiredService<AdminAccounts>().MakeAdminAsync("first@example.test", "First", ProctorWebApplication.Password));
        }
        await using var again = new ProctorWebApplication(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Default"] = first.ConnectionString,
            ["Admin:Email"] = "second@example.test", ["Admin:Password"] = ProctorWebApplication.Password,
        });
        _ = again.Services;

        Assert.Equal("first@example.test", Assert.Single(await AdminsAsync(again)).Email);
    }

    [Fact]
    public async Task AConfiguredAdminPasswordThatBreaksThePasswordRulesStopsTheAppWithAMessage()
    {
        await using var app = new ProctorWebApplication(new Dictionary<string, string?>
        {
            ["Admin:Email"] = "head@example.test", ["Admin:Password"] = "password1234",
        });

        var failure = Record.Exception(() => app.Services);

        Assert.NotNull(failure);
        Assert.Contains("Admin:Email head@example.test could not be made the first admin", failure.ToString());
    }

    [Fact]
    public async Task CreateAdminFromTheCommandLineReadsThePasswordFromStandardInputAndMakesAnAdminTeacher()
    {
        await using var app = new ProctorWebApplication();
        var output = new StringWriter();

        var exit = await app.Services.RunCreateAdminAsync(["create-admin", "--email", "it@example.test", "--name", "School IT"],
            new StringReader(ProctorWebApplication.Password + "\n"), output);

        Assert.Equal(0, exit);
        Assert.Contains("it@example.test is now an admin", output.ToString());
        var admin = Assert.Single(await AdminsAsync(app));
        Assert.True(admin.EmailConfirmed);
        Assert.True(await app.WithServiceAsync<bool, UserManager<AppUser>>(users => users.IsInRoleAsync(admin, Roles.Teacher)));
        await app.SignInAsync(new TestUser(admin.Id, "it@example.test", ProctorWebApplication.Password, "School IT"));
    }

    [Fact]
    public async Task CreateAdminRefusesACommonPasswordAndCreatesNobody()
    {
        await using var app = new ProctorWebApplication();
        var output = new StringWriter();

        var exit = await app.Services.RunCreateAdminAsync(["create-admin", "--email", "it@example.test"], new StringReader("password1234\n"), output);

        Assert.Equal(1, exit);
        Assert.Empty(await AdminsAsync(app));
    }
}
