using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Options;
using ProctorWeb.Data;
using ProctorWeb.Exams;

namespace ProctorWeb.Tests.Support.Cluster;

/// <summary>A teacher and a running exam with students, written straight into the cluster's shared database.</summary>
public sealed record SeededExam(int ExamId, TestUser Teacher, IReadOnlyList<SeededStudent> Students);

public sealed record SeededStudent(int RosterId, string Name, string JoinPath);

public static class ClusterSeed
{
    /// <param name="endsIn">How long until the exam ends (it started a while ago and is running now).</param>
    public static async Task<SeededExam> RunningExamAsync(TestCluster cluster, string key, TimeSpan endsIn, params string[] students)
    {
        await using var db = cluster.Database();
        var email = $"{Guid.NewGuid():N}@example.test";
        var teacher = new AppUser
        {
            UserName = email, NormalizedUserName = email.ToUpperInvariant(), Email = email, NormalizedEmail = email.ToUpperInvariant(),
            EmailConfirmed = true, DisplayName = "Tess", SecurityStamp = Guid.NewGuid().ToString("N"),
        };
        teacher.PasswordHash = new PasswordHasher<AppUser>().HashPassword(teacher, ProctorWebApplication.Password);
        db.Users.Add(teacher);
        var role = await db.Roles.SingleAsync(r => r.Name == Roles.Teacher);
        db.UserRoles.Add(new IdentityUserRole<string> { UserId = teacher.Id, RoleId = role.Id });
        var codes = new InvitationCodes(Options.Create(new ExamOptions { InvitationKey = key }), Options.Create(new ProctorWeb.Cluster.ClusterOptions()),
            new HostingEnvironment { ContentRootPath = cluster.DataDirectory });
        var now = DateTime.UtcNow;
        var exam = new Exam
        {
            Title = "Cluster", OwnerId = teacher.Id, DurationMinutes = 30, StartsAtUtc = now + endsIn - TimeSpan.FromMinutes(30), LateJoinMinutes = 60, CreatedAtUtc = now,
        };
        var secrets = new List<string>();
        foreach (var name in students)
        {
            var (nonce, hash) = codes.NewInvitation();
            exam.Roster.Add(new RosterEntry { Name = name, Email = $"{name.ToLowerInvariant()}@example.test", InvitationNonce = nonce, InvitationHash = hash });
            secrets.Add(codes.SecretFor(nonce));
        }
        db.Exams.Add(exam);
        await db.SaveChangesAsync();
        return new SeededExam(exam.Id, new TestUser(teacher.Id, email, ProctorWebApplication.Password, "Tess"),
            exam.Roster.Select((r, i) => new SeededStudent(r.Id, r.Name, $"/Join/{secrets[i]}")).ToList());
    }

    /// <summary>Signs in by the real form at <paramref name="baseUri"/> (nginx or one node); the cookies work on every node.</summary>
    public static async Task<CookieContainer> SignInAsync(Uri baseUri, TestUser user)
    {
        var cookies = new CookieContainer();
        using var browser = TestCluster.Browser(baseUri, cookies);
        var signedIn = await Forms.PostAsync(browser, "/Account/Login", new() { ["Input.Email"] = user.Email, ["Input.Password"] = user.Password });
        Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
        Assert.DoesNotContain("/Account/Login", signedIn.RequestMessage!.RequestUri!.AbsolutePath);
        return cookies;
    }

    /// <summary>Opens the personal link and consents, as the student's browser does: its invitation cookie is then set.</summary>
    public static async Task<CookieContainer> RedeemAsync(Uri baseUri, SeededStudent student)
    {
        var cookies = new CookieContainer();
        using var browser = TestCluster.Browser(baseUri, cookies);
        var consented = await Forms.PostAsync(browser, student.JoinPath, new() { ["Agree"] = "true" });
        Assert.Equal(HttpStatusCode.OK, consented.StatusCode);
        Assert.EndsWith("/Join/Room", consented.RequestMessage!.RequestUri!.AbsolutePath);
        return cookies;
    }
}
