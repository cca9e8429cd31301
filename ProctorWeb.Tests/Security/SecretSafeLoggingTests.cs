using System.Net;
using Microsoft.Extensions.Logging;
using ProctorWeb.Exams;
using ProctorWeb.Tests.Support;

namespace ProctorWeb.Tests.Security;

public class SecretSafeLoggingTests
{
    [Fact]
    public async Task AnInvitationSecretAppearsNowhereInTheLogsEvenWithEveryCategoryAtTrace()
    {
        await using var app = new ProctorWebApplication(new Dictionary<string, string?>
        {
            // What an operator chasing a problem might turn on: everything, framework included.
            ["Logging:LogLevel:Default"] = "Trace",
            ["Logging:LogLevel:Microsoft"] = "Trace",
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Trace",
            ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Trace",
        });
        var teacher = await app.SignInNewTeacherAsync("Tess");
        var examId = await app.CreateExamAsync(teacher.User, TimeSpan.FromMinutes(-1));
        var invitation = await app.InviteAsync(examId, "Ada");
        await using var proctor = await app.ConnectProctorAsync(teacher);
        await proctor.WatchAsync(examId);

        // The teacher's page shows the link; the student opens it, agrees, enters the room and joins the hub.
        Assert.Contains(invitation.Secret, await teacher.Browser.GetStringAsync($"/Exams/{examId}"));
        var cookies = new CookieContainer();
        var browser = app.CreateBrowser(cookies);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(invitation.Link)).StatusCode);
        await app.RedeemAsync(invitation, cookies);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/Join/Room")).StatusCode);
        await using var student = await app.ConnectStudentAsync(invitation, cookies);
        var state = await student.JoinAndReadyAsync();
        Assert.Equal(Phases.Running, state.Phase);
        await proctor.WaitForStudentAsync(invitation.RosterId, StudentStatus.Live);
        // A mistyped link (one character off) is logged no more than the right one.
        var mistyped = invitation.Secret[..^1] + (invitation.Secret[^1] == 'A' ? 'B' : 'A');
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync($"/Join/{mistyped}")).StatusCode);

        var entries = app.Logs.Entries;
        var leaks = entries.Where(e => e.AllText.Contains(invitation.Secret) || e.AllText.Contains(mistyped)).ToList();
        Assert.True(leaks.Count == 0, "The secret was logged:" + Environment.NewLine + string.Join(Environment.NewLine, leaks));
        // Trace really was on, and the app's other logging still speaks: the test is not passing on silence.
        Assert.Contains(entries, e => e.Level == LogLevel.Trace);
        Assert.Contains(entries, e => e.Category.StartsWith("Microsoft.AspNetCore.SignalR", StringComparison.Ordinal) && e.Level <= LogLevel.Debug);
        Assert.Contains(entries, e => e.Category.StartsWith("Microsoft.EntityFrameworkCore", StringComparison.Ordinal) && e.Level <= LogLevel.Debug);
        Assert.Contains(entries, e => e.Category.StartsWith("Microsoft.AspNetCore.Authentication", StringComparison.Ordinal));
    }
}
