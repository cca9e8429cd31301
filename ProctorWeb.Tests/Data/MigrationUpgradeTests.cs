using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using ProctorWeb.Data;

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
        var signedIn = await app.SignInAsync(new TestUser(id, email, ProctorWebApplication.Password, ""));

        Assert.NotNull(user);
        Assert.Equal(id, user.Id);
        Assert.Equal("", user.DisplayName);
        // With no display name yet, the app shows the user name instead of a blank.
        Assert.Contains($"Signed in as <strong>{email}</strong>", await signedIn.Browser.GetStringAsync("/Calls"));
    }
}
