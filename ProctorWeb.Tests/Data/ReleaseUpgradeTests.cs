using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using ProctorWeb.Data;
using ProctorWeb.Tests.Support;

namespace ProctorWeb.Tests.Data;

/// <summary>
/// A database file made by the release of 22 November 2026 (commit e1961cb), through its own pages and
/// hub: see Data/Fixtures/README.md for how, and what is in it. Starting today's app on a copy must
/// migrate it without losing or changing a row, and the app must work on what it finds.
/// </summary>
public class ReleaseUpgradeTests
{
    private const string Release = "release-2026-11-22";
    private const string Baseline = "20261128173621_Baseline";

    // As the teachers' pages showed the links when the file was made (see the fixture's README).
    private const string BobsLink = "/Join/Z_tU_wiZjJ-3C0a85sBewLXDS5K3vxmv14Ri1HJMt30";
    private const string DansLink = "/Join/u8pbXErKyxDCGyQq5pDfi3FbKI7heEEs18RD6S62fVQ";

    [Fact]
    public async Task ADatabaseMadeByTheLastReleaseUpgradesWithNothingLost()
    {
        var database = Path.Combine(Path.GetTempPath(), $"proctorweb-{Release}-{Guid.NewGuid():N}.db");
        var key = Path.ChangeExtension(database, ".key");
        File.Copy(Path.Combine(AppContext.BaseDirectory, "Data", "Fixtures", Release + ".db"), database);
        File.Copy(Path.Combine(AppContext.BaseDirectory, "Data", "Fixtures", Release + ".key"), key);
        var connectionString = new SqliteConnectionStringBuilder { DataSource = database, Pooling = false }.ToString();
        try
        {
            var before = ReadEveryRow(connectionString);
            var columns = ColumnsOf(connectionString);
            Assert.Equal(4, before["__EFMigrationsHistory"].Count);
            Assert.Equal(6, before["Flags"].Count);

            // The clock stands ten minutes into the algebra exam, so its links open as they did that day.
            var algebraStart = DateTime.SpecifyKind(DateTime.Parse(Scalar(connectionString, "SELECT StartsAtUtc FROM Exams WHERE Title = 'Algebra final'"), CultureInfo.InvariantCulture), DateTimeKind.Utc);
            await using var app = new ProctorWebApplication(new Dictionary<string, string?>
            {
                ["ConnectionStrings:Default"] = connectionString,
                ["Exams:InvitationKeyFile"] = key,
            })
            { Clock = new ManualClock(algebraStart.AddMinutes(10)) };
            // Starting the app migrates the database, as in production.
            _ = app.Services;

            // Columns added since the release are new data, not changed rows: compare the columns the release had.
            var after = ReadEveryRow(connectionString, columns);
            foreach (var (table, rows) in before.Where(t => t.Key != "__EFMigrationsHistory"))
            {
                Assert.True(after.TryGetValue(table, out var now), $"The table {table} is gone.");
                // Roles are seeded at every start: the Admin role came after that release, as a new row.
                if (table == "AspNetRoles")
                {
                    now = now.Where(row => !row.Contains("Name='Admin'", StringComparison.Ordinal)).ToList();
                }
                var lost = rows.Except(now).ToList();
                Assert.True(lost.Count == 0, $"Rows of {table} lost or changed by the upgrade:{Environment.NewLine}  {string.Join(Environment.NewLine + "  ", lost)}");
                // Roles added since the release (Admin) are seeded at start: new rows, not changed ones.
                Assert.Equal(rows, table == "AspNetRoles" ? now.Where(row => !row.Contains("Name='Admin'")).ToList() : now);
            }
            var history = after["__EFMigrationsHistory"];
            Assert.Equal(before["__EFMigrationsHistory"], history.Take(4));
            // Then every migration since, in order, starting with the generated baseline.
            var since = await app.WithServiceAsync<List<string>, AppDbContext>(db => Task.FromResult(db.Database.GetMigrations().Skip(4).ToList()));
            Assert.Equal(Baseline, since[0]);
            Assert.Equal(since, history.Skip(4).Select(row => Regex.Match(row, "^MigrationId='([^']*)'").Groups[1].Value));

            // Her account predates confirmed addresses, so she first confirms hers by the link a sign-in offers to send.
            var browser = app.CreateBrowser(new CookieContainer());
            await Forms.PostAsync(browser, "/Account/ResendConfirmation", new() { ["Input.Email"] = "tess@school.test" });
            await browser.GetAsync(app.Mail.SingleTo("tess@school.test").Link("/Account/ConfirmEmail"));
            // Tess signs in with the password she chose then; the hash was made with the production cost.
            var tess = await app.SignInAsync(new TestUser("", "tess@school.test", "Tess-Proctors-2026", "Tess Turing"));
            var report = await ExamScene.ReadPageAsync(tess.Browser, "/Exams/1/Report");
            Assert.Contains("<h1>Report: Algebra final</h1>", report);
            var ada = Row(report, "Ada Lovelace");
            foreach (var kind in new[] { "Paste: 1", "Left the exam page: 1", "Left fullscreen: 1", "Camera covered or dark: 1" })
            {
                Assert.Contains(kind, ada);
            }
            Assert.Contains("2 open, 1 confirmed, 1 dismissed", ada);
            Assert.Contains("Voice or noise: 1", Row(report, "Bob Marley"));
            Assert.Contains("0 open, 0 confirmed, 1 dismissed", Row(report, "Bob Marley"));
            Assert.DoesNotContain("Dan Brown", report);
            var flags = await tess.Browser.GetStringAsync("/Exams/1/Report?handler=FlagsCsv");
            Assert.Contains("Looked at notes on paper beside the screen.", flags);
            Assert.Contains("A neighbour's dog; not Bob.", flags);
            Assert.Contains("Otto Octavius", flags);

            // The database keeps only each link's nonce and hash; the teacher's page derives the link from the
            // nonce with the invitation key file. With that key, it shows the very link Bob was sent, and it opens.
            var details = await ExamScene.ReadPageAsync(tess.Browser, "/Exams/1");
            Assert.Equal($"http://localhost{BobsLink}", Html.InputValue(details, "Link for Bob Marley"));
            var student = app.CreateBrowser(new CookieContainer());
            var bob = await student.GetAsync(BobsLink);
            Assert.Equal(HttpStatusCode.OK, bob.StatusCode);
            var bobsPage = await Html.ReadAsync(bob);
            Assert.Contains("<h1>Algebra final</h1>", bobsPage);
            Assert.Contains("Hello Bob Marley.", bobsPage);
            Assert.Contains("<strong>Tess Turing, Otto Octavius</strong>", bobsPage);
            var dan = await student.GetAsync(DansLink);
            Assert.Equal(HttpStatusCode.Forbidden, dan.StatusCode);
            Assert.Contains("<h1>You are no longer on this exam</h1>", await Html.ReadAsync(dan));
        }
        finally
        {
            foreach (var path in new[] { database, database + "-wal", database + "-shm", key })
            {
                File.Delete(path);
            }
        }
    }

    /// <summary>Each table's columns as the database has them now.</summary>
    private static Dictionary<string, List<string>> ColumnsOf(string connectionString)
    {
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        var columns = new Dictionary<string, List<string>>();
        using var list = connection.CreateCommand();
        list.CommandText = "SELECT m.name, p.name FROM sqlite_master m JOIN pragma_table_info(m.name) p WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' ORDER BY m.name, p.cid";
        using var reader = list.ExecuteReader();
        while (reader.Read())
        {
            (columns.TryGetValue(reader.GetString(0), out var known) ? known : columns[reader.GetString(0)] = []).Add(reader.GetString(1));
        }
        return columns;
    }

    /// <summary>
    /// Every row of every table as "column=value" text, in rowid order, read with plain SQL rather than through the model;
    /// with <paramref name="only"/>, just those columns of the tables it names.
    /// </summary>
    private static Dictionary<string, List<string>> ReadEveryRow(string connectionString, Dictionary<string, List<string>>? only = null)
    {
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        var tables = new List<string>();
        using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name";
            using var reader = list.ExecuteReader();
            while (reader.Read())
            {
                tables.Add(reader.GetString(0));
            }
        }
        var rows = new Dictionary<string, List<string>>();
        foreach (var table in tables)
        {
            using var select = connection.CreateCommand();
            var wanted = only is not null && only.TryGetValue(table, out var named) ? string.Join(", ", named.Select(c => $"\"{c}\"")) : "*";
            select.CommandText = $"SELECT {wanted} FROM \"{table}\" ORDER BY rowid";
            using var reader = select.ExecuteReader();
            rows[table] = [];
            while (reader.Read())
            {
                rows[table].Add(string.Join(" ", Enumerable.Range(0, reader.FieldCount).Select(i => $"{reader.GetName(i)}={Value(reader, i)}")));
            }
        }
        return rows;
    }

    // The stored value as SQLite holds it, with its storage class, so "1" and 1 or a changed blob tell apart.
    private static string Value(SqliteDataReader reader, int i) => reader.IsDBNull(i) ? "NULL" : reader.GetValue(i) switch
    {
        byte[] blob => $"x'{Convert.ToHexString(blob)}'",
        string text => $"'{text}'",
        var other => Convert.ToString(other, CultureInfo.InvariantCulture)!,
    };

    private static string Scalar(string connectionString, string sql)
    {
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (string)command.ExecuteScalar()!;
    }

    /// <summary>A student's row of the report table.</summary>
    private static string Row(string html, string name)
    {
        var match = Regex.Match(html, $"""<tr>\s*<th scope="row">{Regex.Escape(name)}</th>(.*?)</tr>""", RegexOptions.Singleline);
        Assert.True(match.Success, $"The report has no row for {name}.");
        return match.Groups[1].Value;
    }
}
