using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ProctorWeb.Data;
using ProctorWeb.Exams;

namespace ProctorWeb.Tests.Support;

/// <summary>A student's personal invitation as the tests know it: the roster entry and the secret from its link.</summary>
public sealed record Invitation(int RosterId, int ExamId, string Name, string Email, string Secret)
{
    public string Link => $"/Join/{Secret}";

    /// <summary>The student as a hub client reports them; the id is the roster id, which proctors see.</summary>
    public TestUser AsUser => new(RosterId.ToString(CultureInfo.InvariantCulture), Email, "", Name);
}

/// <summary>Steps most exam tests take, kept in one place so each test reads as its scenario.</summary>
public static class Proctoring
{
    public static async Task<SignedInUser> SignInNewTeacherAsync(this ProctorWebApplication app, string name) =>
        await app.SignInAsync(await app.CreateUserAsync(name, Roles.Teacher));

    public static async Task<SignedInUser> SignInNewAdminAsync(this ProctorWebApplication app, string name) =>
        await app.SignInAsync(await app.CreateAdminAsync(name));

    /// <summary>
    /// Stores an exam straight in the database (the schedule form has its own tests). The start is
    /// relative to the app's now and on a whole minute, as the form stores it.
    /// </summary>
    public static async Task<int> CreateExamAsync(this ProctorWebApplication app, TestUser owner, TimeSpan startsIn,
        int durationMinutes = 60, int lateJoinMinutes = 10, string title = "Algebra midterm", params TestUser[] coProctors)
    {
        // The app's clock when a test moves it. Real time has moved on since the test made that clock, so a start
        // measured from it could fall in the next minute, just beyond where the test moves the clock to.
        var start = (app.Clock?.GetUtcNow().UtcDateTime ?? DateTime.UtcNow).Add(startsIn);
        var exam = new Exam
        {
            Title = title,
            Instructions = "Calculators allowed.",
            StartsAtUtc = new DateTime(start.Year, start.Month, start.Day, start.Hour, start.Minute, 0, DateTimeKind.Utc),
            DurationMinutes = durationMinutes,
            LateJoinMinutes = lateJoinMinutes,
            OwnerId = owner.Id,
            CreatedAtUtc = DateTime.UtcNow,
            CoProctors = coProctors.Select(p => new ExamProctor { UserId = p.Id }).ToList(),
        };
        return await app.WithServiceAsync<int, AppDbContext>(async db =>
        {
            db.Exams.Add(exam);
            await db.SaveChangesAsync();
            return exam.Id;
        });
    }

    /// <summary>Changes a stored exam's settings (the checks, admission) as the schedule form would.</summary>
    public static Task ConfigureExamAsync(this ProctorWebApplication app, int examId, Action<Exam> configure) =>
        app.WithServiceAsync<int, AppDbContext>(async db =>
        {
            configure(await db.Exams.SingleAsync(e => e.Id == examId));
            return await db.SaveChangesAsync();
        });

    /// <summary>Puts a student on the roster as the details page does, and reads back the secret of their link.</summary>
    public static async Task<Invitation> InviteAsync(this ProctorWebApplication app, int examId, string name)
    {
        using var scope = app.Services.CreateScope();
        var email = $"{Guid.NewGuid():N}@students.test";
        var added = await scope.ServiceProvider.GetRequiredService<RosterService>().AddAsync(examId, [new RosterLines.Student(name, email)]);
        Assert.Equal((0, null), (added.Duplicates.Count, added.Refusal));
        var entry = scope.ServiceProvider.GetRequiredService<AppDbContext>().Roster.Single(r => r.ExamId == examId && r.Email == email);
        var secret = scope.ServiceProvider.GetRequiredService<InvitationCodes>().SecretFor(entry.InvitationNonce);
        return new Invitation(entry.Id, examId, name, email, secret);
    }

    /// <summary>Opens the link and agrees to monitoring; returns the browser's cookies, now holding the invitation cookie.</summary>
    public static async Task<CookieContainer> RedeemAsync(this ProctorWebApplication app, Invitation invitation, CookieContainer? cookies = null)
    {
        cookies ??= new CookieContainer();
        var response = await Forms.PostAsync(app.CreateBrowser(cookies), invitation.Link, new() { ["Agree"] = "true" });
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"Agreeing on {invitation.Name}'s link answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        Assert.Equal("/Join/Room", response.Headers.Location?.OriginalString);
        return cookies;
    }

    /// <summary>Redeems the invitation (unless cookies are given) and opens the exam hub with it, without joining yet.</summary>
    public static async Task<HubClient> ConnectStudentAsync(this ProctorWebApplication app, Invitation invitation, CookieContainer? cookies = null) =>
        await app.ConnectAsync(HubAddress.Exams, cookies ?? await app.RedeemAsync(invitation), invitation.AsUser);

    public static Task<HubClient> ConnectProctorAsync(this ProctorWebApplication app, SignedInUser proctor) =>
        app.ConnectAsync(HubAddress.Exams, proctor.Cookies, proctor.User);

    public static int RosterId(this HubClient student) => int.Parse(student.User.Id, CultureInfo.InvariantCulture);

    public static Task<MonitorSnapshot> WatchAsync(this HubClient proctor, int examId) => proctor.InvokeAsync<MonitorSnapshot>(nameof(ExamHub.Watch), examId);

    public static Task<ExamState> JoinAsStudentAsync(this HubClient student) => student.InvokeAsync<ExamState>(nameof(ExamHub.JoinAsStudent));

    public static Task<ExamState> ReadyAsync(this HubClient student) => student.InvokeAsync<ExamState>(nameof(ExamHub.Ready));

    /// <summary>Joins and passes the device check; returns the state Ready answered with.</summary>
    public static async Task<ExamState> JoinAndReadyAsync(this HubClient student)
    {
        await student.JoinAsStudentAsync();
        return await student.ReadyAsync();
    }

    /// <summary>Joins a running exam and returns once every given proctor sees the student live.</summary>
    public static async Task<ExamState> GoLiveAsync(this HubClient student, params HubClient[] proctors)
    {
        var state = await student.JoinAndReadyAsync();
        Assert.Equal(Phases.Running, state.Phase);
        foreach (var proctor in proctors)
        {
            await proctor.WaitForStudentAsync(student.RosterId(), StudentStatus.Live);
        }
        return state;
    }

    public static Task<StudentTile> WaitForStudentAsync(this HubClient proctor, int rosterId, string status) =>
        proctor.WaitForAsync<StudentTile>(nameof(IExamClient.StudentChanged), t => t.Id == rosterId && t.Status == status);

    public static IReadOnlyList<StudentTile> TilesSoFar(this HubClient proctor) => proctor.ReceivedSoFar<StudentTile>(nameof(IExamClient.StudentChanged));

    public static Task<ProctorMessage> WaitForMessageAsync(this HubClient student, Func<ProctorMessage, bool>? match = null) =>
        student.WaitForAsync(nameof(IExamClient.Message), match);

    public static IReadOnlyList<ProctorMessage> MessagesSoFar(this HubClient student) => student.ReceivedSoFar<ProctorMessage>(nameof(IExamClient.Message));

    /// <summary>
    /// A student's attendance kinds in the order written, once every event queued so far is stored:
    /// attendance is written behind the hub, so a read right after a join could come too early.
    /// </summary>
    public static async Task<List<string>> AttendanceAsync(this ProctorWebApplication app, int rosterId)
    {
        await app.Services.GetRequiredService<AttendanceRecorder>().WrittenAsync();
        return await app.WithServiceAsync<List<string>, AppDbContext>(db =>
            db.Attendance.Where(a => a.RosterEntryId == rosterId).OrderBy(a => a.Id).Select(a => a.Kind).ToListAsync());
    }
}
