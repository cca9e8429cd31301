using System.Collections.Concurrent;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Options;
using ProctorWeb.Data;
using ProctorWeb.Exams;
using ProctorWeb.Tests.Support;
using Xunit.Abstractions;

namespace ProctorWeb.Tests.Data;

public class DurabilityTests(ITestOutputHelper output)
{
    [Fact]
    public async Task NoFlagTheServerAcknowledgedIsLostWhenItIsKilledHardMidStream()
    {
        var directory = Directory.CreateTempSubdirectory("proctorweb-kill-").FullName;
        try
        {
            await using var app = new AppProcess(directory);
            await app.StartAsync();
            var secret = await SeedRunningExamAsync(app);

            var cookies = new CookieContainer();
            using (var browser = new HttpClient(new HttpClientHandler { CookieContainer = cookies }) { BaseAddress = app.BaseUri })
            {
                var consented = await Forms.PostAsync(browser, $"/Join/{secret}", new() { ["Agree"] = "true" });
                Assert.Equal(HttpStatusCode.OK, consented.StatusCode);
                Assert.EndsWith("/Join/Room", consented.RequestMessage!.RequestUri!.AbsolutePath);
            }
            var student = await HubClient.ConnectAsync(app.BaseUri, HubAddress.Exams, cookies, new TestUser("student", "ada@example.test", "", "Ada"));
            await student.JoinAndReadyAsync();

            // Flags stream in one after another; each counts only once the hub has answered for it.
            var acknowledged = new ConcurrentBag<string>();
            var twoHundredAcknowledged = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var streaming = Task.Run(async () =>
            {
                for (var i = 0; ; i++)
                {
                    var id = $"flag-{i}";
                    await student.InvokeAsync<long>(nameof(ExamHub.ReportFlag), new FlagReport(id, "paste", DateTime.UtcNow, DateTime.UtcNow));
                    acknowledged.Add(id);
                    if (acknowledged.Count == 200)
                    {
                        twoHundredAcknowledged.SetResult();
                    }
                }
            });
            // The kill lands while flags are still streaming: the sender goes on after the 200th.
            await Task.WhenAny(twoHundredAcknowledged.Task, streaming).WaitAsync(TimeSpan.FromSeconds(60));
            await app.KillHardAsync();
            await Assert.ThrowsAnyAsync<Exception>(() => streaming);
            var acked = acknowledged.ToHashSet();

            // Started again on the same files: everything acknowledged is there.
            await app.StartAsync();
            await using var db = Context(app);
            var stored = (await db.Flags.Select(f => f.ClientId).ToListAsync()).ToHashSet();
            output.WriteLine($"Acknowledged before the kill: {acked.Count}; stored after the restart: {stored.Count}");
            Assert.Empty(acked.Except(stored));
            await student.DisposeAsync();
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    private static AppDbContext Context(AppProcess app) =>
        new(new DbContextOptionsBuilder<AppDbContext>().UseSqlite($"Data Source={app.DatabasePath};Pooling=False").Options);

    /// <summary>A teacher, an exam that started a minute ago and one student, written straight into the app's database.</summary>
    private static async Task<string> SeedRunningExamAsync(AppProcess app)
    {
        var codes = new InvitationCodes(Options.Create(new ExamOptions { InvitationKeyFile = app.KeyFile }), Options.Create(new ProctorWeb.Cluster.ClusterOptions()), new HostingEnvironment { ContentRootPath = app.DataDirectory });
        var (nonce, hash) = codes.NewInvitation();
        await using var db = Context(app);
        var teacher = new AppUser { UserName = "tess@example.test", NormalizedUserName = "TESS@EXAMPLE.TEST", Email = "tess@example.test", DisplayName = "Tess" };
        db.Users.Add(teacher);
        var exam = new Exam { Title = "Durability", OwnerId = teacher.Id, StartsAtUtc = DateTime.UtcNow.AddMinutes(-1), DurationMinutes = 30, LateJoinMinutes = 10, CreatedAtUtc = DateTime.UtcNow };
        exam.Roster.Add(new RosterEntry { Name = "Ada", Email = "ada@example.test", InvitationNonce = nonce, InvitationHash = hash });
        db.Exams.Add(exam);
        await db.SaveChangesAsync();
        return codes.SecretFor(nonce);
    }
}
