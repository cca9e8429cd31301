using Microsoft.EntityFrameworkCore;
using Npgsql;
using ProctorWeb.Data;
using ProctorWeb.Tests.Support;

namespace ProctorWeb.Tests.Data;

public class PostgresCreationTests
{
    [Fact]
    public async Task OnFirstStartTheAppMakesItsPostgreSqlDatabaseWhenItDoesNotExistYetAsItMakesSqlitesFile()
    {
        // A name no database has: made and dropped again, so the server knows the role but not the database.
        var connection = PostgresServer.NewDatabase();
        PostgresServer.DropDatabase(connection);
        var directory = Directory.CreateTempSubdirectory("proctorweb-pg-create-").FullName;
        try
        {
            await using (var app = new AppProcess(directory) { PostgreSQL = connection })
            {
                await app.StartAsync();
            }
            await using var db = new PostgresDbContext(new DbContextOptionsBuilder<PostgresDbContext>().UseNpgsql(connection).Options);
            Assert.Empty(await db.Database.GetPendingMigrationsAsync());
            Assert.True(await db.Roles.AnyAsync(r => r.Name == Roles.Teacher));
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            PostgresServer.DropDatabase(connection);
            Directory.Delete(directory, recursive: true);
        }
    }
}
