using System.Net;
using Microsoft.EntityFrameworkCore;
using ProctorWeb.Data;
using ProctorWeb.Tests.Support;

namespace ProctorWeb.Tests.Pages.Exams;

public class MonitorTests
{
    [Fact]
    public async Task TheHeaderOffersTheReportAndAConfirmedWayToEndTheExam()
    {
        await using var scene = await ExamScene.StartAsync();

        var html = await ExamScene.ReadPageAsync(scene.Teacher.Browser, $"/Exams/{scene.ExamId}/Monitor");

        Assert.Contains($"href=\"{scene.ReportPath}\"", html);
        Assert.Contains("<summary>End exam for everyone…</summary>", html);
        Assert.Contains($"action=\"/Exams/{scene.ExamId}/Monitor?handler=EndExam\"", html);
        Assert.Contains("Yes, end the exam now</button>", html);
        Assert.Contains("<details class=\"end-exam\">", html);
        Assert.Contains("<p id=\"exam-over\" class=\"panel notice\" role=\"status\" hidden=\"hidden\">", html);
    }

    [Fact]
    public async Task AMonitorOpenedAfterTheEndSaysTheExamIsOverAndOffersNeitherEndingNorMessages()
    {
        await using var scene = await ExamScene.StartAsync(startedMinutesAgo: 90);

        var html = await ExamScene.ReadPageAsync(scene.Teacher.Browser, $"/Exams/{scene.ExamId}/Monitor");

        Assert.Contains("<p id=\"exam-over\" class=\"panel notice\" role=\"status\">This exam is over", html);
        Assert.Contains("<details class=\"end-exam\" hidden=\"hidden\">", html);
        Assert.Contains("<form id=\"message-form\" class=\"panel message-form\" hidden=\"hidden\">", html);
    }

    [Fact]
    public async Task EndingTheExamForEveryoneSetsItsEndAndTheJoinLinkThenSaysItIsOver()
    {
        await using var scene = await ExamScene.StartAsync();
        var ada = await scene.AddStudentAsync("Ada Lovelace");
        var student = scene.App.CreateBrowser(new CookieContainer());
        Assert.Equal(HttpStatusCode.OK, (await student.GetAsync(scene.JoinPath(ada))).StatusCode);
        var before = DateTime.UtcNow;

        var response = await Forms.PostAsync(scene.Teacher.Browser, $"/Exams/{scene.ExamId}/Monitor", $"/Exams/{scene.ExamId}/Monitor?handler=EndExam", []);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(scene.ReportPath, response.Headers.Location?.OriginalString);
        var endedAt = await scene.DbAsync(db => db.Exams.Select(e => e.EndedEarlyAtUtc).SingleAsync());
        Assert.NotNull(endedAt);
        Assert.InRange(endedAt.Value, before, DateTime.UtcNow);
        var refused = await student.GetAsync(scene.JoinPath(ada));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("This exam is over", await refused.Content.ReadAsStringAsync());
        Assert.Contains("(ended early by a proctor)", await ExamScene.ReadPageAsync(scene.Teacher.Browser, scene.ReportPath));
    }

    [Fact]
    public async Task EndingTheExamEarlyEndsFlagsLeftOpenByStudentsWhoAreNoLongerConnected()
    {
        await using var scene = await ExamScene.StartAsync();
        var ada = await scene.AddStudentAsync("Ada Lovelace");
        await scene.AttendAsync(ada.Id, (AttendanceKinds.Joined, scene.StartsAtUtc.AddMinutes(1)), (AttendanceKinds.Left, scene.StartsAtUtc.AddMinutes(3)));
        var open = await scene.FlagAsync(ada.Id, "camera-covered", scene.StartsAtUtc.AddMinutes(2));

        await Forms.PostAsync(scene.Teacher.Browser, $"/Exams/{scene.ExamId}/Monitor", $"/Exams/{scene.ExamId}/Monitor?handler=EndExam", []);

        // Nobody is connected, so the exam's clock kept no timers for it: ending it ends its flags all the same.
        var endedAt = await scene.DbAsync(db => db.Exams.Select(e => e.EndedEarlyAtUtc).SingleAsync());
        Assert.NotNull(endedAt);
        Assert.Equal(endedAt, await scene.DbAsync(db => db.Flags.Where(f => f.Id == open.Id).Select(f => f.EndedAtUtc).SingleAsync()));
        Assert.DoesNotContain("ongoing", await ExamScene.ReadPageAsync(scene.Teacher.Browser, scene.StudentPath(ada.Id)));
    }

    [Fact]
    public async Task EndingAnExamThatHasNotStartedIsRefusedWithAMessage()
    {
        await using var scene = await ExamScene.StartAsync(startedMinutesAgo: -60);
        var monitor = $"/Exams/{scene.ExamId}/Monitor";

        var response = await Forms.PostAsync(scene.Teacher.Browser, monitor, $"{monitor}?handler=EndExam", []);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(monitor, response.Headers.Location?.OriginalString);
        Assert.Null(await scene.DbAsync(db => db.Exams.Select(e => e.EndedEarlyAtUtc).SingleAsync()));
        Assert.Contains("This exam has not started yet.", await ExamScene.ReadPageAsync(scene.Teacher.Browser, monitor));
    }
}
