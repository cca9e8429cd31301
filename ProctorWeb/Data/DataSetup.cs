using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ProctorWeb.Data;

public static class DataSetup
{
    public static IServiceCollection AddAppDatabase(this IServiceCollection services)
    {
        // Read when the first context is built, so configuration added by a host or test after Program's first lines counts.
        services.AddDbContext<AppDbContext>((provider, options) => options
            .UseSqlite(ResolveConnectionString(
                provider.GetRequiredService<IConfiguration>().GetConnectionString("Default"),
                provider.GetRequiredService<IHostEnvironment>().ContentRootPath))
            // Registered by features (secure delete, AddRetention) and by tests that interrupt a transaction.
            .AddInterceptors(provider.GetServices<IInterceptor>()));
        // The key ring in the database rather than the home folder: it is backed up with the data, kept as private
        // as the database file, and the same for every node. A fixed name, so moving the app's folder keeps sessions.
        services.AddDataProtection().SetApplicationName("ProctorWeb").PersistKeysToDbContext<AppDbContext>();
        return services;
    }

    /// <summary>Relative database paths are taken from the content root, so the app finds the same file whatever the working directory.</summary>
    public static string ResolveConnectionString(string? configured, string contentRoot)
    {
        var builder = new SqliteConnectionStringBuilder(configured ?? "Data Source=proctorweb.db");
        if (builder.DataSource != ":memory:" && !Path.IsPathRooted(builder.DataSource) && builder.Mode != SqliteOpenMode.Memory)
        {
            builder.DataSource = Path.GetFullPath(Path.Combine(contentRoot, builder.DataSource));
        }
        return builder.ToString();
    }

    /// <summary>Creates or upgrades the database and the roles the app relies on, before the first request.</summary>
    public static async Task PrepareDatabaseAsync(this IServiceProvider services)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        DatabaseFile.Protect(db.Database.GetConnectionString());
        await db.Database.MigrateAsync();
        // WAL lets readers go on while a write commits; it is a property of the file, set once.
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");

        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole(role));
            }
        }
    }
}
