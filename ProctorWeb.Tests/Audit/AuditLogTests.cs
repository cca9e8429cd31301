using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ProctorWeb.Audit;
using ProctorWeb.Data;
using ProctorWeb.Retention;
using ProctorWeb.Tests.Support;

namespace ProctorWeb.Tests.Audit;

/// <summary>What happens to accounts and to students' data leaves an entry: who, what, from where; never a secret or a student's name.</summary>
public class AuditLogTests
{
    public static Task<List<AuditEntry>> EntriesAsync(ProctorWebApplication app) =>
        app.WithServiceAsync<List<AuditEntry>, AppDbContext>(db => db.AuditEntries.AsNoTracking().OrderBy(e => e.Id).ToListAsync());

    private static string Text(AuditEntry e) => $"{e.Kind} {e.ActorId} {e.Subject} {e.Detail} {e.Ip}";

    private static Task<HttpResponseMessage> SignInAsync(HttpClient browser, string email, string password) =>
        Forms.PostAsync(browser, "/Account/Login", new() { ["Input.Email"] = email, ["Input.Password"] = password });

    /// <summary>TestServer gives requests no client address; this one gives them all one, as Kestrel would.</summary>
    private sealed class FromAddress(string address) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                context.Connection.RemoteIpAddress = IPAddress.Parse(address);
                return nextMiddleware(context);
            });
            next(app);
        };
    }

    [Fact]
    public async Task SignInsFailedSignInsLockoutsAndSignOutsAreRecordedButNeverAPasswordOrATypedAddress()
    {
        await using var app = new ProctorWebApplication { ConfigureServices = s => s.AddSingleton<IStartupFilter>(new FromAddress("203.0.113.9")) };
        var tess = await app.CreateUserAsync("Tess", Roles.Teacher);
        var browser = app.CreateBrowser(new CookieContainer());
        const string wrong = "Not-The-Password-99";

        await SignInAsync(browser, "nobody-here@example.test", wrong);
        for (var i = 0; i < 5; i++)
        {
            await SignInAsync(browser, tess.Email, wrong);
        }
        var signedIn = await app.SignInAsync(await app.CreateUserAsync("Sam", Roles.Teacher));
        Assert.Equal(HttpStatusCode.Redirect, (await Forms.PostAsync(signedIn.Browser, "/Calls", "/Account/Logout", [])).StatusCode);

        var entries = await EntriesAsync(app);
        Assert.Equal(
            [
                (AuditKinds.SignInFailed, AuditKinds.UnknownAccount),
                (AuditKinds.SignInFailed, AuditKinds.User(tess.Id)), (AuditKinds.SignInFailed, AuditKinds.User(tess.Id)),
                (AuditKinds.SignInFailed, AuditKinds.User(tess.Id)), (AuditKinds.SignInFailed, AuditKinds.User(tess.Id)),
                (AuditKinds.LockedOut, AuditKinds.User(tess.Id)),
                (AuditKinds.SignIn, AuditKinds.User(signedIn.User.Id)),
                (AuditKinds.SignOut, AuditKinds.User(signedIn.User.Id)),
            ],
            entries.Select(e => (e.Kind, e.Subject)));
        Assert.Equal(signedIn.User.Id, entries[^1].ActorId);
        Assert.All(entries, e => Assert.Equal("203.0.113.9", e.Ip));
        Assert.All(entries, e => Assert.DoesNotContain(wrong, Text(e)));
        Assert.All(entries, e => Assert.DoesNotContain(ProctorWebApplication.Password, Text(e)));
        Assert.All(entries, e => Assert.DoesNotContain("nobody-here", Text(e)));
    }

    [Fact]
    public async Task PasswordChangesAndRoleChangesAreRecordedWithTheirActor()
    {
        await using var app = new ProctorWebApplication();
        var tess = await app.SignInAsync(await app.CreateUserAsync("Tess", Roles.Teacher));
        const string newPassword = "A-Brand-New-Password-7";

        var changed = await Forms.PostAsync(tess.Browser, "/Account/ChangePassword", new()
        {
            ["Input.CurrentPassword"] = tess.User.Password,
            ["Input.NewPassword"] = newPassword,
            ["Input.ConfirmPassword"] = newPassword,
        });
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        await app.WithServiceAsync<bool, AuditLog>(async audit =>
        {
            await audit.RecordRoleChangeAsync(tess.User.Id, "someone-else", Roles.Admin, granted: true, "127.0.0.1");
            return true;
        });

        var entries = await EntriesAsync(app);
        var change = Assert.Single(entries, e => e.Kind == AuditKinds.PasswordChanged);
        Assert.Equal((tess.User.Id, AuditKinds.User(tess.User.Id)), (change.ActorId, change.Subject));
        var role = Assert.Single(entries, e => e.Kind == AuditKinds.RoleChanged);
        Assert.Equal((tess.User.Id, "user:someone-else", "granted Admin"), (role.ActorId, role.Subject, role.Detail));
        Assert.All(entries, e => Assert.DoesNotContain(newPassword, Text(e)));
    }

    [Fact]
    public async Task DeletingAnExamOrItsStudentsDataIsRecordedWithIdsAndCountsButNoStudentsNames()
    {
        await using var scene = await ExamScene.StartAsync(startedMinutesAgo: 120);
        var ada = await StudentRecords.SeedAsync(scene.App, scene.ExamId, scene.Teacher.User.Id, "Ada Lovelace");

        Assert.Equal(HttpStatusCode.Redirect, (await Forms.PostAsync(scene.Teacher.Browser, $"/Exams/{scene.ExamId}/Delete", [])).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await Forms.PostAsync(scene.Teacher.Browser, $"/Exams/{scene.ExamId}/Delete?handler=Exam", [])).StatusCode);

        var entries = (await EntriesAsync(scene.App)).Where(e => e.Kind is AuditKinds.StudentDataDeleted or AuditKinds.ExamDeleted).ToList();
        Assert.Equal([AuditKinds.StudentDataDeleted, AuditKinds.ExamDeleted], entries.Select(e => e.Kind));
        Assert.All(entries, e => Assert.Equal((scene.Teacher.User.Id, AuditKinds.Exam(scene.ExamId)), (e.ActorId, e.Subject)));
        Assert.Equal("by the owner: 1 students, 1 flags", entries[0].Detail);
        Assert.All(entries, e => Assert.DoesNotContain("Ada", Text(e)));
        Assert.False(ada.AnyIn(StudentRecords.DatabaseFile(scene.App)), "Ada's name, email or photo is still in the database file.");
    }

    [Fact]
    public async Task TheRetentionSweepRecordsEachDeletionAsTheAppsOwnWithoutStudentsNames()
    {
        var clock = new ManualClock(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero));
        await using var app = new ProctorWebApplication { Clock = clock };
        var teacher = await app.CreateUserAsync("Tess", Roles.Teacher);
        var examId = await app.CreateExamAsync(teacher, TimeSpan.FromHours(-2));
        await StudentRecords.SeedAsync(app, examId, teacher.Id, "Ada Lovelace");

        clock.Advance(TimeSpan.FromDays(31));
        await app.Services.GetServices<IHostedService>().OfType<RetentionSweep>().Single().SweepAsync(CancellationToken.None);

        var entry = Assert.Single(await EntriesAsync(app), e => e.Kind == AuditKinds.StudentDataDeleted);
        Assert.Equal((null, AuditKinds.Exam(examId)), (entry.ActorId, entry.Subject));
        Assert.StartsWith("retention:", entry.Detail);
        Assert.DoesNotContain("Ada", Text(entry));
    }
}
