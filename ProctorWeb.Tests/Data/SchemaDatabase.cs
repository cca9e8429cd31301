using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ProctorWeb.Accounts;
using ProctorWeb.Data;

namespace ProctorWeb.Tests.Data;

/// <summary>A throwaway SQLite file and AppDbContexts on it, built as the app builds them, for schema tests.</summary>
public sealed class SchemaDatabase : IDisposable
{
    // Identity shapes its model from IdentityOptions (the store schema version), which the app's
    // contexts find in the application's services; these contexts get the same options.
    private static readonly Lazy<IServiceProvider> AppServices = new(() => new ServiceCollection().AddLogging().AddAccounts().BuildServiceProvider());

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"proctorweb-schema-{Guid.NewGuid():N}.db");

    public string ConnectionString => new SqliteConnectionStringBuilder { DataSource = Path, Pooling = false }.ToString();

    public AppDbContext NewContext() => NewContext(ConnectionString);

    public static AppDbContext NewContext(string connectionString)
    {
        var options = new DbContextOptionsBuilder<AppDbContext>();
        ProctorWebApplication.Configure(options, connectionString).UseApplicationServiceProvider(AppServices.Value);
        return new AppDbContext(options.Options);
    }

    /// <summary>A PostgresDbContext on <paramref name="connectionString"/>, built as the app builds it on PostgreSQL.</summary>
    public static PostgresDbContext NewPostgresContext(string connectionString) => new(new DbContextOptionsBuilder<PostgresDbContext>()
        .UseNpgsql(connectionString).UseApplicationServiceProvider(AppServices.Value).Options);

    public SqliteConnection Open()
    {
        var connection = new SqliteConnection(ConnectionString);
        connection.Open();
        return connection;
    }

    public void Dispose()
    {
        foreach (var path in new[] { Path, Path + "-wal", Path + "-shm" })
        {
            File.Delete(path);
        }
    }
}
