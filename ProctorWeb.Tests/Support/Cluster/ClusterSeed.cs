using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Options;
using ProctorWeb.Data;
using ProctorWeb.Exams;

namespace ProctorWeb.Tests.Support.Cluster;

/// <summary>A teacher and a running exam with students, written straight into the cluster's shared database.</summary>
public sealed record SeededExam(int ExamId, SeededTeacher Teacher, IReadOnlyList<SeededStudent> Students);

public sealed record SeededTeacher(string Id, string Email, string Password, string Name);

public sealed record SeededStudent(int RosterId, string Name, string JoinPath);

public static class ClusterSeed
{
    public const string Password = "Correct-Horse-42";

    /// <param name="endsIn">How long until the exam ends (it started a while ago and is running now).</param>
    public static Task<SeededExam> RunningExamAsync(TestCluster cluster, string key, TimeSpan endsIn, params string[] students) =>
        RunningExamAsync(cluster.Database, key, endsIn, students);

    /// <param name="database">The app's database, as a new context (made by the app's first start: the roles must exist).</param>
    public static async Task<SeededExam> RunningExamAsync(Func<AppDbContext> database, string key, TimeSpan endsIn, params string[] students)
    {
        await using var db = database();
        var email = $"{Guid.NewGuid():N}@example.test";
        var teacher = new AppUser
        {
            UserName = email, NormalizedUserName = email.ToUpperInvariant(), Email = email, NormalizedEmail = email.ToUpperInvariant(),
            EmailConfirmed = true, DisplayName = "Tess", SecurityStamp = Guid.NewGuid().ToString("N"),
        };
        teacher.PasswordHash = new PasswordHasher<AppUser>().HashPassword(teacher, Password);
        db.Users.Add(teacher);
        var role = await db.Roles.SingleAsync(r => r.Name == Roles.Teacher);
        db.UserRoles.Add(new IdentityUserRole<string> { UserId = teacher.Id, RoleId = role.Id });
        var codes = new InvitationCodes(Options.Create(new ExamOptions { InvitationKey = key }), Options.Create(new ProctorWeb.Cluster.ClusterOptions()),
            new HostingEnvironment { ContentRootPath = Path.GetTempPath() });
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
        return new SeededExam(exam.Id, new SeededTeacher(teacher.Id, email, Password, "Tess"),
            exam.Roster.Select((r, i) => new SeededStudent(r.Id, r.Name, $"/Join/{secrets[i]}")).ToList());
    }
}
