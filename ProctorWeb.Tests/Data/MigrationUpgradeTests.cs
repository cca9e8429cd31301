using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using ProctorWeb.Data;
using ProctorWeb.Tests.Support;

namespace ProctorWeb.Tests.Data;

public class MigrationUpgradeTests
{
    [Fact]
    public async Task UpgradingFromTheFirstMigrationKeepsExistingUsers()
    {
        await using var app = new ProctorWebApplication();
        const string email = "early@example.test";
        var id = Guid.NewGuid().ToString();
        // A database as the first release left it, with an account made before display names existed.
        using (var db = SchemaDatabase.NewContext(app.ConnectionString))
        {
            db.GetService<IMigrator>().Migrate("20261122000001_IdentitySchema");
            var hash = new PasswordHasher<AppUser>().HashPassword(new AppUser(), ProctorWebApplication.Password);
            var stamp = Guid.NewGuid().ToString();
            await db.Database.ExecuteSqlInterpolatedAsync($"""
                INSERT INTO AspNetUsers (Id, UserName, NormalizedUserName, Email, NormalizedEmail, EmailConfirmed, PasswordHash, SecurityStamp, ConcurrencyStamp,
                                         PhoneNumberConfirmed, TwoFactorEnabled, LockoutEnabled, AccessFailedCount)
                VALUES ({id}, {email}, {email.ToUpperInvariant()}, {email}, {email.ToUpperInvariant()}, 0, {hash}, {stamp}, {stamp}, 0, 0, 1, 0)
                """);
        }

        // Starting the app upgrades the database, as it does in production.
        var user = await app.WithServiceAsync<AppUser?, UserManager<AppUser>>(users => users.FindByEmailAsync(email));
        // Made before addresses were confirmed, so it is not: its owner confirms it once, by the link sign-in offers.
        var browser = app.CreateBrowser(new System.Net.CookieContainer());
        var refused = await Forms.PostAsync(browser, "/Account/Login", new() { ["Input.Email"] = email, ["Input.Password"] = ProctorWebApplication.Password });
        Assert.Contains(ProctorWeb.Pages.Account.LoginModel.Unconfirmed, await Html.ReadAsync(refused));
        await Forms.PostAsync(browser, "/Account/ResendConfirmation", new() { ["Input.Email"] = email });
        await browser.GetAsync(app.Mail.SingleTo(email).Link("/Account/ConfirmEmail"));
        var signedIn = await app.SignInAsync(new TestUser(id, email, ProctorWebApplication.Password, ""));

        Assert.NotNull(user);
        Assert.Equal(id, user.Id);
        Assert.Equal("", user.DisplayName);
        // With no display name yet, the app shows the user name instead of a blank.
        Assert.Contains($"Signed in as <strong>{email}</strong>", await signedIn.Browser.GetStringAsync("/Calls"));
    }
}
