using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using ProctorWeb.Accounts;

namespace ProctorWeb.Data;

/// <summary>
/// The app's model on PostgreSQL. A context of its own only so that its migrations (Data/PostgresMigrations, made by
/// `dotnet ef migrations add … --context PostgresDbContext`) and model snapshot are PostgreSQL's: SQL types, identity
/// columns and indexes differ from SQLite's, so one set of migrations cannot serve both. Everything else asks for
/// AppDbContext (DataSetup hands this one out when Database:Provider is PostgreSQL). DateTimes are UTC through the
/// converter AppDbContext puts on every DateTime property, which is what Npgsql's timestamp with time zone requires.
/// </summary>
public class PostgresDbContext(DbContextOptions<PostgresDbContext> options) : AppDbContext(options);

/// <summary>
/// For `dotnet ef` only: builds the context without a server (adding a migration compares the model with the
/// snapshot and never connects). Identity shapes its tables from the app's IdentityOptions, so those come from the
/// app's own account set-up.
/// </summary>
public sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresDbContext>
{
    public PostgresDbContext CreateDbContext(string[] args) => new(new DbContextOptionsBuilder<PostgresDbContext>()
        .UseNpgsql("Host=127.0.0.1;Database=proctorweb_design")
        .UseApplicationServiceProvider(new ServiceCollection().AddLogging().AddAccounts().BuildServiceProvider())
        .Options);
}
