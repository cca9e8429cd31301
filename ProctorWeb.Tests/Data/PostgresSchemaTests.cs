using Microsoft.EntityFrameworkCore;
using Npgsql;
using ProctorWeb.Tests.Support;

namespace ProctorWeb.Tests.Data;

/// <summary>
/// PostgreSQL's migrations (ProctorWeb/Data/PostgresMigrations) are generated apart from SQLite's, so they are checked
/// apart: on a real server they build, in an empty database, exactly the schema the model asks for, and no change to
/// the model is left without one (ModelSnapshotTests says the same of SQLite's).
/// </summary>
public class PostgresSchemaTests
{
    [Fact]
    public void EveryChangeToTheModelHasAPostgreSqlMigrationToo()
    {
        // Compares the model with the snapshot only; the server is never asked.
        using var db = SchemaDatabase.NewPostgresContext("Host=127.0.0.1;Database=unused");

        Assert.False(db.Database.HasPendingModelChanges(),
            "The model differs from PostgreSQL's snapshot. Add a migration for it too: dotnet ef migrations add <Name> --project ProctorWeb --context PostgresDbContext --output-dir Data/PostgresMigrations");
    }

    [Fact]
    public async Task ThePostgreSqlMigrationsBuildTheModelsSchemaInAnEmptyDatabase()
    {
        var migrated = PostgresServer.NewDatabase();
        var fromModel = PostgresServer.NewDatabase();
        try
        {
            await using (var db = SchemaDatabase.NewPostgresContext(migrated))
            {
                await db.Database.MigrateAsync();
                Assert.Empty(await db.Database.GetPendingMigrationsAsync());
            }
            await using (var db = SchemaDatabase.NewPostgresContext(fromModel))
            {
                Assert.True(await db.Database.EnsureCreatedAsync());
            }

            var expected = await DescribeAsync(fromModel);
            var actual = await DescribeAsync(migrated);

            Assert.Contains("Exams.StartsAtUtc timestamp with time zone nullable=NO", expected);
            Assert.Contains(expected, line => line.StartsWith("DataProtectionKeys.", StringComparison.Ordinal));
            Assert.True(expected.SequenceEqual(actual),
                $"The migrations do not build the model's schema.{Environment.NewLine}In the model only: {string.Join("; ", expected.Except(actual))}{Environment.NewLine}Migrated only: {string.Join("; ", actual.Except(expected))}");
        }
        finally
        {
            PostgresServer.DropDatabase(migrated);
            PostgresServer.DropDatabase(fromModel);
        }
    }

    /// <summary>One line per column and per index (its definition), without EF's own history and lock tables.</summary>
    private static async Task<List<string>> DescribeAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT table_name || '.' || column_name || ' ' || data_type || ' nullable=' || is_nullable
            FROM information_schema.columns WHERE table_schema = 'public' AND table_name NOT LIKE '\_\_EF%'
            UNION ALL
            SELECT indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename NOT LIKE '\_\_EF%'
            UNION ALL
            SELECT conrelid::regclass || ' ' || pg_get_constraintdef(oid) FROM pg_constraint
            WHERE connamespace = 'public'::regnamespace AND contype = 'f'
            """, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var lines = new List<string>();
        while (await reader.ReadAsync())
        {
            lines.Add(reader.GetString(0));
        }
        return lines.Order(StringComparer.Ordinal).ToList();
    }
}
