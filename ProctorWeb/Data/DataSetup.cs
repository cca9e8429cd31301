using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ProctorWeb.Data;

public static class DataSetup
{
    public static IServiceCollection AddAppDatabase(this IServiceCollection services)
    {
        services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<DatabaseOptions>, DatabaseOptionsValidator>();
        // Both contexts are registered and the provider is chosen when the first one is asked for, not here: a host or
        // test adds configuration after Program's first lines, and that must count. Options are read the same way.
        // The options are built once (a singleton), not for every request and hub call: building them is most of what
        // making a context costs, and a join burst makes thousands. Interceptors are singletons, as they must be then.
        services.AddDbContext<AppDbContext>((provider, options) => options
            .UseSqlite(ResolveConnectionString(
                provider.GetRequiredService<IConfiguration>().GetConnectionString("Default"),
                provider.GetRequiredService<IHostEnvironment>().ContentRootPath))
            // Registered by features (secure delete, AddRetention) and by tests that interrupt a transaction.
            .AddInterceptors(provider.GetServices<IInterceptor>()), ServiceLifetime.Scoped, ServiceLifetime.Singleton);
        services.AddDbContext<PostgresDbContext>((provider, options) => options
            .UseNpgsql(provider.GetRequiredService<IConfiguration>().GetConnectionString(DatabaseOptions.PostgreSQLConnectionName))
            .AddInterceptors(provider.GetServices<IInterceptor>()), ServiceLifetime.Scoped, ServiceLifetime.Singleton);
        // Every consumer (pages, Identity's stores, the key ring) asks for AppDbContext and gets the chosen provider's.
        services.Replace(ServiceDescriptor.Scoped<AppDbContext>(provider =>
            provider.GetRequiredService<IOptions<DatabaseOptions>>().Value.IsPostgreSQL
                ? provider.GetRequiredService<PostgresDbContext>()
                : new AppDbContext(provider.GetRequiredService<DbContextOptions<AppDbContext>>())));
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
        if (db.Database.IsSqlite())
        {
            // PostgreSQL's files are the server's, kept private by it (its data folder is 0700), so only SQLite's are ours.
            DatabaseFile.Protect(db.Database.GetConnectionString());
        }
        if (!db.Database.IsSqlite())
        {
            // A database that does not exist yet is made, as SQLite's file is (the role must be allowed to create one).
            var creator = db.GetService<IRelationalDatabaseCreator>();
            if (!await creator.ExistsAsync())
            {
                await creator.CreateAsync();
            }
            // On an empty PostgreSQL database EF reads the history table before making it, and logs the failed query as
            // an error, though it is expected (dotnet/efcore#37328): make the table first, so a first start logs none.
            await db.GetService<IHistoryRepository>().CreateIfNotExistsAsync();
        }
        // Each provider applies its own migrations: Data/Migrations for SQLite, Data/PostgresMigrations for PostgreSQL.
        await db.Database.MigrateAsync();
        if (db.Database.IsSqlite())
        {
            // WAL lets readers go on while a write commits; it is a property of the file, set once. PostgreSQL always
            // works this way (MVCC over its own write-ahead log), so it has nothing to set.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
        }

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
