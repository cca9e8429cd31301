using System.Net;
using Microsoft.EntityFrameworkCore;
using ProctorWeb.Data;
using ProctorWeb.Tests.Support;

namespace ProctorWeb.Tests.Data;

/// <summary>
/// The built app as its own process on real Kestrel, as deployed: what it leaves on disk is its own user's alone,
/// its Data Protection keys live in its database (SQLite's file or PostgreSQL), and a restart keeps everyone signed in.
/// </summary>
public class DataAtRestTests
{
    private const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerOnlyFolder = OwnerReadWrite | UnixFileMode.UserExecute;

    [Fact]
    public async Task OnFirstStartTheDatabaseItsWalAndShmAndTheClipsFolderAreTheAppUsersAloneAndKestrelDoesNotNameItself()
    {
        if (OperatingSystem.IsWindows())
        {
            // Unix file modes only.
            return;
        }
        var directory = Directory.CreateTempSubdirectory("proctorweb-modes-").FullName;
        try
        {
            await using var app = new AppProcess(directory);
            await app.StartAsync();
            using var http = new HttpClient { BaseAddress = app.BaseUri };

            var home = await http.GetAsync("/");

            Assert.Equal(HttpStatusCode.OK, home.StatusCode);
            Assert.False(home.Headers.Contains("Server"), $"Server: {string.Join(", ", home.Headers.TryGetValues("Server", out var server) ? server : [])}");
            // The app keeps pooled connections open in WAL mode, so both companions are there while it runs.
            foreach (var file in new[] { app.DatabasePath, app.DatabasePath + "-wal", app.DatabasePath + "-shm" })
            {
                Assert.True(File.Exists(file), $"{file} is missing");
                Assert.Equal(OwnerReadWrite, File.GetUnixFileMode(file));
            }
            Assert.Equal(OwnerOnlyFolder, File.GetUnixFileMode(Path.Combine(directory, "clips")));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task TheKeysAreRowsInTheDatabaseAndARestartedAppStillReadsASignInCookieIssuedBefore(bool onPostgreSQL)
    {
        var directory = Directory.CreateTempSubdirectory("proctorweb-keys-").FullName;
        var postgres = onPostgreSQL ? PostgresServer.NewDatabase() : null;
        try
        {
            var cookies = new CookieContainer();
            await using (var first = new AppProcess(directory) { PostgreSQL = postgres })
            {
                await first.StartAsync();
                using var browser = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = first.BaseUri };
                var registered = await Forms.PostAsync(browser, "/Account/Register", new()
                {
                    ["Input.DisplayName"] = "Tess", ["Input.Email"] = "tess@example.test", ["Input.Password"] = ProctorWebApplication.Password,
                    ["Input.ConfirmPassword"] = ProctorWebApplication.Password, ["Input.Role"] = Roles.Student,
                });
                Assert.Equal(HttpStatusCode.Redirect, registered.StatusCode);
                // Registering signs nobody in: Tess confirms her address by the mailed link, then signs in.
                var mail = new PickedUpMail(Path.Combine(directory, "mail")).SingleTo("tess@example.test");
                await browser.GetAsync(mail.Link("/Account/ConfirmEmail"));
                var signedIn = await Forms.PostAsync(browser, "/Account/Login", new() { ["Input.Email"] = "tess@example.test", ["Input.Password"] = ProctorWebApplication.Password });
                Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
                Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/Calls")).StatusCode);
                await first.KillHardAsync();
            }

            await using var keys = postgres is null
                ? new AppDbContext(new DbContextOptionsBuilder<AppDbContext>().UseSqlite($"Data Source={Path.Combine(directory, "app.db")};Pooling=False").Options)
                : SchemaDatabase.NewPostgresContext(postgres);
            Assert.Contains(await keys.DataProtectionKeys.Select(k => k.Xml).ToListAsync(), xml => xml!.Contains("<key "));
            Assert.Equal(postgres is null, File.Exists(Path.Combine(directory, "app.db")));

            await using var second = new AppProcess(directory) { PostgreSQL = postgres };
            await second.StartAsync();
            using var again = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = second.BaseUri };
            // The cookie is stored against the first run's port; the same cookie goes to the second.
            foreach (Cookie cookie in cookies.GetAllCookies())
            {
                cookies.Add(second.BaseUri, new Cookie(cookie.Name, cookie.Value, "/"));
            }
            Assert.Equal(HttpStatusCode.OK, (await again.GetAsync("/Calls")).StatusCode);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
            if (postgres is not null)
            {
                PostgresServer.DropDatabase(postgres);
            }
        }
    }
}
