using System.Net;
using Microsoft.EntityFrameworkCore;
using ProctorWeb.Data;
using ProctorWeb.Tests.Support;

namespace ProctorWeb.Tests.Pages.Exams;

public class ReportTests
{
    [Theory]
    [InlineData(-30, "This exam has not started yet.", "Starts", "Ends")]
    [InlineData(30, "This exam is running: the figures are as of now.", "Started", "Ends")]
    [InlineData(90, null, "Started", "Ended")]
    public async Task TheReportSaysWhetherTheExamHasNotStartedIsRunningOrHasEnded(int startedMinutesAgo, string? notice, string start, string end)
    {
        await using var scene = await ExamScene.StartAsync(startedMinutesAgo: startedMinutesAgo);

        var page = Html.VisibleText(await ExamScene.ReadPageAsync(scene.Teacher.Browser, scene.ReportPath));

        if (notice is null)
        {
            Assert.DoesNotContain("This exam has not started yet.", page);
            Assert.DoesNotContain("This exam is running", page);
        }
        else
        {
            Assert.Contains(notice, page);
        }
        Assert.Matches($@"\b{start}\b", page);
        Assert.DoesNotMatch($@"\b{(start == "Starts" ? "Started" : "Starts")}\b", page);
        Assert.Matches($@"\b{end}\b", page);
        Assert.DoesNotMatch($@"\b{(end == "Ends" ? "Ended" : "Ends")}\b", page);
    }

    [Fact]
    public async Task ThePageShowsTheTotalsOfEveryStudentStillOnTheRoster()
    {
        await using var scene = await ExamScene.StartAsync(startedMinutesAgo: 30);
        var ada = await scene.AddStudentAsync("Ada Lovelace");
        var removed = await scene.AddStudentAsync("Removed Student");
        await scene.DbAsync(db => db.Roster.Where(r => r.Id == removed.Id).ExecuteUpdateAsync(s => s.SetProperty(r => r.RemovedAtUtc, DateTime.UtcNow)));
        var t = scene.StartsAtUtc;
        await scene.AttendAsync(ada.Id, (AttendanceKinds.Joined, t), (AttendanceKinds.Left, t.AddMinutes(5)), (AttendanceKinds.Rejoined, t.AddMinutes(7)), (AttendanceKinds.Finished, t.AddMinutes(17)));
        await scene.FlagAsync(ada.Id, "tab-hidden", t.AddMinutes(1), t.AddMinutes(2));
        await scene.FlagAsync(ada.Id, "tab-hidden", t.AddMinutes(3));

        var html = await ExamScene.ReadPageAsync(scene.Teacher.Browser, scene.ReportPath);

        Assert.Contains("Students (1)", html);
        Assert.DoesNotContain("Removed Student", html);
        Assert.Contains("<th scope=\"row\">Ada Lovelace</th>", html);
        Assert.Contains("<td>15 min 00 s</td>", html);
        Assert.Contains("<td>1 (2 min 00 s)</td>", html);
        Assert.Contains("<li>Tab hidden: 2</li>", html);
        Assert.Contains("<td>2 open, 0 confirmed, 0 dismissed</td>", html);
        Assert.Contains("<td>0 of 2</td>", html);
        Assert.Contains($"href=\"{scene.StudentPath(ada.Id)}\"", html);
        Assert.Contains($"href=\"{scene.ReportPath}?handler=Csv\"", html);
        Assert.Contains($"href=\"{scene.ReportPath}?handler=FlagsCsv\"", html);
        Assert.Contains("<button type=\"button\" id=\"print-report\"", html);
        Assert.Contains("/js/pages/report.js", html);
        Assert.DoesNotContain("onclick", html);
    }

    [Fact]
    public async Task TheFlagsCsvHasExactlyTheFlagsWithTheirReviewsAndQuotesEveryTextCell()
    {
        await using var scene = await ExamScene.StartAsync(startedMinutesAgo: 30);
        var ada = await scene.AddStudentAsync("Lovelace, \"Ada\"", "ada@example.test");
        var mallory = await scene.AddStudentAsync("=HYPERLINK(\"http://evil\")", "mallory@example.test");
        await scene.AddStudentAsync("No Flags", "none@example.test");
        var t = scene.StartsAtUtc;
        var confirmed = await scene.FlagAsync(ada.Id, "tab-hidden", t.AddMinutes(1), t.AddMinutes(1).AddSeconds(42));
        await scene.FlagAsync(ada.Id, "fullscreen-exit", t.AddMinutes(2));
        var dismissed = await scene.FlagAsync(mallory.Id, "tab-hidden", t.AddMinutes(3), t.AddMinutes(4));
        await Review(scene, ada.Id, confirmed.Id, "confirmed", "first, with a comma");
        await Review(scene, ada.Id, confirmed.Id, "confirmed", "second\nline");
        await Review(scene, mallory.Id, dismissed.Id, "dismissed", "");
        // A whole clip around Ada's first flag; Mallory's clip never became whole, so it is no evidence.
        await scene.ClipAsync(ada.Id, confirmed.Id, t.AddMinutes(1).AddSeconds(-10), complete: true);
        await scene.ClipAsync(mallory.Id, dismissed.Id, t.AddMinutes(3).AddSeconds(-10), complete: false);

        var response = await scene.Teacher.Browser.GetAsync($"{scene.ReportPath}?handler=FlagsCsv");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"exam-{scene.ExamId}-flags.csv", response.Content.Headers.ContentDisposition?.FileName);
        Assert.Equal(
            "\"Student\",\"Email\",\"Kind\",\"Started (UTC)\",\"Ended (UTC)\",\"Duration (s)\",\"Clip\",\"Review\",\"Reviewed by\",\"Notes\"\r\n" +
            // Every text cell quoted, and defused with a leading ' so a spreadsheet shows it instead of running it.
            $"\"'=HYPERLINK(\"\"http://evil\"\")\",\"mallory@example.test\",\"Tab hidden\",{Iso(t.AddMinutes(3))},{Iso(t.AddMinutes(4))},60,\"no\",\"dismissed\",\"Grace Hopper\",\"\"\r\n" +
            $"\"Lovelace, \"\"Ada\"\"\",\"ada@example.test\",\"Tab hidden\",{Iso(t.AddMinutes(1))},{Iso(t.AddMinutes(1).AddSeconds(42))},42,\"yes\",\"confirmed\",\"Grace Hopper\",\"first, with a comma | second\nline\"\r\n" +
            $"\"Lovelace, \"\"Ada\"\"\",\"ada@example.test\",\"Fullscreen exit\",{Iso(t.AddMinutes(2))},,,\"no\",\"open\",,\"\"\r\n",
            await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task TheSummaryCsvHasOneRowPerStudentWithAColumnPerFlagKind()
    {
        await using var scene = await ExamScene.StartAsync(startedMinutesAgo: 30);
        var ada = await scene.AddStudentAsync("Ada Lovelace", "ada@example.test");
        await scene.AddStudentAsync("Alan Turing", "alan@example.test");
        var t = scene.StartsAtUtc;
        await scene.AttendAsync(ada.Id, (AttendanceKinds.Joined, t), (AttendanceKinds.Left, t.AddMinutes(5)), (AttendanceKinds.Rejoined, t.AddMinutes(7)), (AttendanceKinds.Finished, t.AddMinutes(17)));
        var flag = await scene.FlagAsync(ada.Id, "tab-hidden", t.AddMinutes(1), t.AddMinutes(2));
        await scene.FlagAsync(ada.Id, "fullscreen-exit", t.AddMinutes(3));
        await Review(scene, ada.Id, flag.Id, "confirmed", "");
        await scene.DbAsync(async db =>
        {
            var entry = await db.Roster.SingleAsync(r => r.Id == ada.Id);
            (entry.ExtraMinutes, entry.Exemptions) = (15, Exemptions.Voice);
            return await db.SaveChangesAsync();
        });
        var end = await scene.DbAsync(db => db.Exams.Select(e => e.StartsAtUtc.AddMinutes(e.DurationMinutes)).SingleAsync());

        var response = await scene.Teacher.Browser.GetAsync($"{scene.ReportPath}?handler=Csv");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"exam-{scene.ExamId}-report.csv", response.Content.Headers.ContentDisposition?.FileName);
        Assert.Equal(
            "\"Name\",\"Email\",\"Extra minutes\",\"Exempt from\",\"Ends (UTC)\",\"Time connected (s)\",\"Disconnections\",\"Time disconnected (s)\",\"Flags: Fullscreen exit\",\"Flags: Tab hidden\",\"Flags with a clip\",\"Open\",\"Confirmed\",\"Dismissed\"\r\n" +
            $"\"Ada Lovelace\",\"ada@example.test\",15,\"Voice\",{Iso(end.AddMinutes(15))},900,1,120,1,1,0,1,1,0\r\n" +
            $"\"Alan Turing\",\"alan@example.test\",0,\"\",{Iso(end)},0,0,0,0,0,0,0,0,0\r\n",
            await response.Content.ReadAsStringAsync());
    }

    private static string Iso(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'");

    private static async Task Review(ExamScene scene, int studentId, long flagId, string decision, string note)
    {
        var response = await Forms.PostAsync(scene.Teacher.Browser, scene.StudentPath(studentId), $"{scene.StudentPath(studentId)}?handler=Review", new()
        {
            ["Review.FlagId"] = flagId.ToString(),
            ["Review.Decision"] = decision,
            ["Review.Note"] = note,
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }
}
