using System.Net;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ProctorWeb.Data;
using ProctorWeb.Tests.Data;
using ProctorWeb.Tests.Support;

namespace ProctorWeb.Tests;

/// <summary>
/// The whole app on a TestServer, one per test: its own SQLite file, invitation key and data-protection keys,
/// and otherwise the app's real settings (password rules, lockout, cookies) so the tests see what users see.
/// On PostgreSQL (settings with Database:Provider, see OnPostgreSQL, or PROCTORWEB_TEST_DATABASE=PostgreSQL for the
/// whole run) it gets an empty database of its own on the run's PostgresServer instead, unless the settings name one.
/// </summary>
public sealed class ProctorWebApplication(IReadOnlyDictionary<string, string?>? settings = null) : WebApplicationFactory<Program>
{
    public const string Password = "Correct-Horse-42";

    static ProctorWebApplication()
    {
        // Dozens of apps run at once in this process, and each file watcher (appsettings.json reloads,
        // wwwroot for asp-append-version) costs an inotify instance: 128 per user on Linux, shared with
        // every other process of the user, so parallel runs failed at random with "inotify limit reached".
        // Tests never edit those files: settings are read once and the rest polls. Set before any host is built.
        Environment.SetEnvironmentVariable("DOTNET_hostBuilder__reloadConfigOnChange", "false");
        Environment.SetEnvironmentVariable("DOTNET_USE_POLLING_FILE_WATCHER", "true");
    }

    /// <summary>Settings that put an app on a new database of the run's PostgreSQL server.</summary>
    public static IReadOnlyDictionary<string, string?> OnPostgreSQL { get; } = new Dictionary<string, string?> { ["Database:Provider"] = DatabaseOptions.PostgreSQL };

    /// <summary>
    /// PostgreSQL when the settings say so; else, for a run of the whole suite on PostgreSQL by hand, when
    /// PROCTORWEB_TEST_DATABASE says so and the test has not pointed the app at a SQLite file of its own.
    /// </summary>
    public bool UsesPostgreSQL { get; } = settings?.TryGetValue("Database:Provider", out var provider) == true
        ? string.Equals(provider, DatabaseOptions.PostgreSQL, StringComparison.OrdinalIgnoreCase)
        : settings?.ContainsKey("ConnectionStrings:Default") != true
          && string.Equals(Environment.GetEnvironmentVariable("PROCTORWEB_TEST_DATABASE"), DatabaseOptions.PostgreSQL, StringComparison.OrdinalIgnoreCase);

    private string? _postgresDatabase;

    /// <summary>This app's PostgreSQL database: the one the settings name, else a new one that goes with the app.</summary>
    public string PostgresConnectionString => settings?.GetValueOrDefault("ConnectionStrings:PostgreSQL")
        ?? (_postgresDatabase ??= PostgresServer.NewDatabase());

    /// <summary>The key ring in the app's database, as deployed, instead of in memory (tests of the key ring itself).</summary>
    public bool KeysInDatabase { get; init; }

    /// <summary>The base address TestServer answers on; cookies are stored against it.</summary>
    public static readonly Uri BaseUri = new("http://localhost/");

    public string DatabasePath { get; } = Path.Combine(Path.GetTempPath(), $"proctorweb-tests-{Guid.NewGuid():N}.db");

    // Pooling off, so no pooled handle keeps the file alive once the app is disposed.
    public string ConnectionString => new SqliteConnectionStringBuilder { DataSource = DatabasePath, Pooling = false }.ToString();

    /// <summary>Everything the app logs, at the levels its own logging rules allow.</summary>
    public CapturedLogs Logs { get; } = new();

    /// <summary>When set, the app tells time by this clock instead of the system's.</summary>
    public ManualClock? Clock { get; init; }

    /// <summary>Services a test adds to the app's own, such as an interceptor that breaks a transaction midway.</summary>
    public Action<IServiceCollection>? ConfigureServices { get; init; }

    /// <summary>The invitation key lives beside the database, so no test writes ProctorWeb/invitation.key.</summary>
    public string InvitationKeyPath { get; } = Path.Combine(Path.GetTempPath(), $"proctorweb-tests-{Guid.NewGuid():N}.key");

    /// <summary>This app's clips folder (the app makes it), beside the database rather than in the source tree.</summary>
    public string ClipsPath { get; } = Path.Combine(Path.GetTempPath(), $"proctorweb-tests-{Guid.NewGuid():N}-clips");

    /// <summary>Where this app writes mails without an SMTP server (Email:PickupFolder), beside the database.</summary>
    public string MailPath { get; } = Path.Combine(Path.GetTempPath(), $"proctorweb-tests-{Guid.NewGuid():N}-mail");

    /// <summary>The mails this app wrote to its folder so far.</summary>
    public PickedUpMail Mail => new(MailPath);

    /// <summary>The hosting environment when not WebApplicationFactory's Development, such as "Production".</summary>
    public string? EnvironmentName { get; init; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        if (EnvironmentName is not null)
        {
            builder.UseEnvironment(EnvironmentName);
        }
        // The app reads both when it first needs them, so configuration is enough to point it at this test's files.
        var values = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Default"] = ConnectionString,
            ["Exams:InvitationKeyFile"] = InvitationKeyPath,
            ["Clips:DataPath"] = ClipsPath,
            ["Email:PickupFolder"] = MailPath,
        };
        if (UsesPostgreSQL)
        {
            values["Database:Provider"] = DatabaseOptions.PostgreSQL;
            values["ConnectionStrings:PostgreSQL"] = PostgresConnectionString;
        }
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }
        builder.ConfigureAppConfiguration((_, config) => config.AddInMemoryCollection(values));
        // Added beside the app's providers, not instead of them, and with no rules of its own: it sees what they see.
        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
        builder.ConfigureTestServices(services =>
        {
            // Keys in memory: parallel test apps must not share or race on the machine's key ring.
            if (!KeysInDatabase)
            {
                services.AddDataProtection().UseEphemeralDataProtectionProvider();
            }
            // Hashing cost is no behaviour a user sees, and at 100,000 rounds creating and signing in
            // users was most of the suite's time. Hashes keep their own round count, so ones made elsewhere still verify.
            services.Configure<PasswordHasherOptions>(o => o.IterationCount = 1_000);
            if (Clock is not null)
            {
                services.AddSingleton<TimeProvider>(Clock);
            }
            ConfigureServices?.Invoke(services);
        });
    }

    /// <summary>The running app, so a test can stop it as a shutdown would and still read its database before the files go.</summary>
    public IHost Host { get; private set; } = null!;

    protected override IHost CreateHost(IHostBuilder builder)
    {
        // Not over a database the test wrote itself (an older schema to upgrade), nor when the app is pointed at another.
        if (!UsesPostgreSQL && !File.Exists(DatabasePath) && settings?.ContainsKey("ConnectionStrings:Default") != true)
        {
            File.Copy(MigratedDatabase.Value, DatabasePath);
        }
        return Host = base.CreateHost(builder);
    }

    /// <summary>
    /// An empty database with every migration applied, made once per run and copied for each app: migrating a new
    /// file was about a third of each app's start, and every test starts one. The app still migrates at start, and
    /// finds nothing left to do, as on any restart; WAL and the roles it sets up itself, as on a new file.
    /// </summary>
    private static readonly Lazy<string> MigratedDatabase = new(() =>
    {
        var path = Path.Combine(Path.GetTempPath(), $"proctorweb-tests-migrated-{Guid.NewGuid():N}.db");
        using (var db = SchemaDatabase.NewContext(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString()))
        {
            db.Database.Migrate();
        }
        AppDomain.CurrentDomain.ProcessExit += (_, _) => File.Delete(path);
        return path;
    });

    /// <summary>DbContext options built the way the app builds them (DataSetup.AddAppDatabase).</summary>
    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder options, string connectionString) => options
        .UseSqlite(connectionString);

    /// <summary>Creates a user straight through Identity, with a unique email.</summary>
    public async Task<TestUser> CreateUserAsync(string displayName, string role = Roles.Student, string password = Password)
    {
        using var scope = Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var email = $"{Guid.NewGuid():N}@example.test";
        // Confirmed, as an account is once its owner opened the mailed link; tests about that link make their own.
        var user = new AppUser { UserName = email, Email = email, DisplayName = displayName, EmailConfirmed = true };
        AssertSucceeded(await users.CreateAsync(user, password));
        AssertSucceeded(await users.AddToRoleAsync(user, role));
        return new TestUser(user.Id, email, password, displayName);
    }

    /// <summary>Makes an admin as the product does (create-admin, Admin:* at start): an admin who is also a teacher.</summary>
    public async Task<TestUser> CreateAdminAsync(string displayName)
    {
        var email = $"{Guid.NewGuid():N}@example.test";
        var errors = await WithServiceAsync<List<string>, ProctorWeb.Accounts.AdminAccounts>(admins => admins.MakeAdminAsync(email, displayName, Password));
        Assert.True(errors.Count == 0, string.Join("; ", errors));
        var id = await WithServiceAsync<string, UserManager<AppUser>>(async users => (await users.FindByEmailAsync(email))!.Id);
        return new TestUser(id, email, Password, displayName);
    }

    public async Task<T> WithServiceAsync<T, TService>(Func<TService, Task<T>> use) where TService : notnull
    {
        using var scope = Services.CreateScope();
        return await use(scope.ServiceProvider.GetRequiredService<TService>());
    }

    /// <summary>A browser-like client: keeps cookies, never follows redirects, so tests see each one.</summary>
    public HttpClient CreateBrowser(CookieContainer cookies) =>
        CreateDefaultClient(BaseUri, new CookieContainerHandler(cookies));

    /// <summary>Signs in by posting the real login form, as a person would.</summary>
    public async Task<SignedInUser> SignInAsync(TestUser user)
    {
        var cookies = new CookieContainer();
        var browser = CreateBrowser(cookies);
        var response = await Forms.PostAsync(browser, "/Account/Login", new()
        {
            ["Input.Email"] = user.Email,
            ["Input.Password"] = user.Password,
        });
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"Signing in {user.Email} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        // Teachers land on their exams, everyone else on calls (Pages/Account/LoginTests checks which is which).
        Assert.Contains(response.Headers.Location?.OriginalString, new[] { "/Calls", "/Exams" });
        return new SignedInUser(user, browser, cookies);
    }

    /// <summary>Creates a user, signs them in and opens the calls hub with their cookie.</summary>
    public async Task<HubClient> ConnectNewUserAsync(string displayName, string role = Roles.Student)
    {
        var signedIn = await SignInAsync(await CreateUserAsync(displayName, role));
        return await ConnectAsync(signedIn);
    }

    /// <summary>Opens the calls hub as the signed-in user's tab would.</summary>
    public Task<HubClient> ConnectAsync(SignedInUser signedIn) => ConnectAsync(HubAddress.Calls, signedIn.Cookies, signedIn.User);

    /// <summary>Opens a hub with a browser's cookies; <paramref name="user"/> is who the test knows the caller as.</summary>
    public Task<HubClient> ConnectAsync(HubAddress hub, CookieContainer cookies, TestUser user) => HubClient.ConnectAsync(Server, hub, cookies, user);

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            DeleteFiles();
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        DeleteFiles();
    }

    private void DeleteFiles()
    {
        if (_postgresDatabase is not null)
        {
            PostgresServer.DropDatabase(_postgresDatabase);
        }
        // The app switches the file to WAL, so its -wal and -shm companions go too.
        foreach (var path in new[] { DatabasePath, DatabasePath + "-wal", DatabasePath + "-shm", InvitationKeyPath })
        {
            File.Delete(path);
        }
        foreach (var folder in new[] { ClipsPath, MailPath })
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    private static void AssertSucceeded(IdentityResult result) =>
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Description)));
}

public sealed record TestUser(string Id, string Email, string Password, string DisplayName)
{
    /// <summary>Someone who has not signed in nor opened an invitation.</summary>
    public static readonly TestUser Anonymous = new("", "", "", "Anonymous");
}

public sealed record SignedInUser(TestUser User, HttpClient Browser, CookieContainer Cookies);
