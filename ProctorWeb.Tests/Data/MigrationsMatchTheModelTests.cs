using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace ProctorWeb.Tests.Data;

/// <summary>
/// The first four migrations were written by hand, and the generated Baseline after them is empty: it
/// only records the model they build. So the hand-written history must build exactly the model's
/// schema, on a new database as on every old one; the snapshot cannot tell (ModelSnapshotTests
/// compares the model with the snapshot, not with what the migrations do). EnsureCreated builds the
/// schema straight from the model; the migrated schema must be the same. EF's own bookkeeping tables
/// (history, and the lock that keeps two processes from migrating at once) exist only in the migrated
/// file and are left out.
/// </summary>
public class MigrationsMatchTheModelTests
{
    [Fact]
    public void MigrationsMatchTheModel()
    {
        using var migrated = new SchemaDatabase();
        using var fromModel = new SchemaDatabase();
        using (var db = migrated.NewContext())
        {
            db.Database.Migrate();
        }
        using (var db = fromModel.NewContext())
        {
            Assert.True(db.Database.EnsureCreated());
        }

        var expected = Describe(fromModel);
        var actual = Describe(migrated);

        Assert.Contains(expected, line => line.StartsWith("AspNetUsers column DisplayName", StringComparison.Ordinal));
        var missing = expected.Except(actual).ToList();
        var extra = actual.Except(expected).ToList();
        Assert.True(missing.Count == 0 && extra.Count == 0,
            $"The migrations do not build the model's schema.{Environment.NewLine}In the model but not migrated:{Environment.NewLine}  {string.Join(Environment.NewLine + "  ", missing)}{Environment.NewLine}Migrated but not in the model:{Environment.NewLine}  {string.Join(Environment.NewLine + "  ", extra)}");
    }

    /// <summary>One line per column, index and foreign key, so a difference reads as a list.</summary>
    private static List<string> Describe(SchemaDatabase database)
    {
        using var connection = database.Open();
        var lines = new List<string>();
        var tables = Query(connection, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT IN ('__EFMigrationsHistory', '__EFMigrationsLock') ORDER BY name", r => r.GetString(0));
        Assert.NotEmpty(tables);
        foreach (var table in tables)
        {
            lines.AddRange(Query(connection, $"PRAGMA table_info(\"{table}\")",
                r => $"{table} column {r.GetString(1)} type={r.GetString(2)} notnull={r.GetInt64(3)} pk={r.GetInt64(5)}"));
            foreach (var (index, unique) in Query(connection, $"PRAGMA index_list(\"{table}\")", r => (r.GetString(1), r.GetInt64(2))))
            {
                var columns = Query(connection, $"PRAGMA index_info(\"{index}\")", r => r.IsDBNull(2) ? "(expression)" : r.GetString(2));
                lines.Add($"{table} index {index} unique={unique} on ({string.Join(", ", columns)})");
            }
            lines.AddRange(Query(connection, $"PRAGMA foreign_key_list(\"{table}\")",
                r => $"{table} foreign key {r.GetString(3)} -> {r.GetString(2)}.{r.GetString(4)} on delete {r.GetString(6)} on update {r.GetString(5)}"));
        }
        return lines.Order(StringComparer.Ordinal).ToList();
    }

    private static List<T> Query<T>(SqliteConnection connection, string sql, Func<SqliteDataReader, T> read)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read())
        {
            rows.Add(read(reader));
        }
        return rows;
    }
}
