using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.AspNetCore.SignalR;
using ProctorWeb.Data;
using ProctorWeb.Exams;
using ProctorWeb.Tests.Support;

namespace ProctorWeb.Tests.Pages.Exams;

/// <summary>A teacher deletes an exam's students' data, or the whole exam, after saying yes to exactly what goes.</summary>
public class DeleteTests
{
    /// <summary>The page's text with each run of spaces and line breaks as one space, as a browser shows it.</summary>
    private static async Task<string> ReadAsync(HttpClient browser, string path) =>
        System.Text.RegularExpressions.Regex.Replace(await ExamScene.ReadPageAsync(browser, path), @"\s+", " ");

    private static string DeletePath(ExamScene scene, bool wholeExam = false) => $"/Exams/{scene.ExamId}/Delete{(wholeExam ? "?handler=Exam" : "")}";

    /// <summary>An exam that ended an hour ago, with two students who left something in every table; Ada's link is real.</summary>
    private static async Task<(ExamScene Scene, StudentRecords Ada, StudentRecords Bob, string AdaLink)> EndedExamAsync()
    {
        var scene = await ExamScene.StartAsync(startedMinutesAgo: 120);
        var ada = await StudentRecords.SeedAsync(scene.App, scene.ExamId, scene.Teacher.User.Id, "Ada Lovelace");
        var bob = await StudentRecords.SeedAsync(scene.App, scene.ExamId, scene.Teacher.User.Id, "Bob Marley");
        var linked = await scene.AddStudentAsync("Cy Linked");
        // Cy's roster entry has a real invitation; Ada's and Bob's records are for the tables and the file.
        return (scene, ada, bob, scene.JoinPath(linked));
    }

    [Fact]
    public async Task TheOwnerIsToldExactlyWhatGoesThenTheStudentsDataIsDeletedAndTheExamKeepsItsCounts()
    {
        var (scene, ada, bob, link) = await EndedExamAsync();
        await using var _ = scene;

        var confirm = await ReadAsync(scene.Teacher.Browser, DeletePath(scene));
        Assert.Contains("everything this exam holds about its 3 students: their names, email addresses and personal links (which stop working), their ID photos, the clips around their flags, their 2 flags with their reviews and notes, the proctors' notes, the messages and the attendance.", confirm);
        Assert.Contains("The exam stays, with its title, its times and its counts: 3 students, 2 flags.", confirm);
        Assert.Equal(StudentRecords.AllRowsOf(2), await StudentRecords.RowsAsync(scene.App, scene.ExamId, ada, bob));

        var response = await Forms.PostAsync(scene.Teacher.Browser, DeletePath(scene), []);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/Exams/{scene.ExamId}", response.Headers.Location?.OriginalString);
        var details = await ReadAsync(scene.Teacher.Browser, $"/Exams/{scene.ExamId}");
        Assert.Contains("Deleted everything about the 3 students of this exam.", details);
        Assert.Contains("The exam had 3 students and 2 flags.", details);
        Assert.DoesNotContain("Delete students' data now", details);
        Assert.Contains("The exam had 3 students and 2 flags.", await ReadAsync(scene.Teacher.Browser, scene.ReportPath));
        Assert.Equal(StudentRecords.NoRows, await StudentRecords.RowsAsync(scene.App, scene.ExamId, ada, bob));
        Assert.Equal(HttpStatusCode.NotFound, (await scene.App.CreateClient().GetAsync(link)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await scene.Teacher.Browser.GetAsync(scene.StudentPath(ada.RosterId))).StatusCode);
        foreach (var path in new[] { scene.ReportPath, $"/Exams/{scene.ExamId}/Monitor", $"{scene.ReportPath}?handler=Csv" })
        {
            Assert.DoesNotContain("Ada Lovelace", await ReadAsync(scene.Teacher.Browser, path));
        }

        // Students added now would outlive the deletion until the next sweep, so none are taken.
        var add = await Forms.PostAsync(scene.Teacher.Browser, $"/Exams/{scene.ExamId}", $"/Exams/{scene.ExamId}?handler=Add", new() { ["Add.Name"] = "Late Comer", ["Add.Email"] = "late@example.test" });
        Assert.Equal(HttpStatusCode.BadRequest, add.StatusCode);
        Assert.Contains("This exam's students' data was deleted; it takes no new students.", await Html.ReadAsync(add));
        Assert.Equal(0, await scene.DbAsync(db => db.Roster.CountAsync(r => r.ExamId == scene.ExamId)));
    }

    [Fact]
    public async Task TheOwnerDeletesTheWholeExamAndItsPagesLinksAndMonitorAnswerAsIfItNeverWas()
    {
        var (scene, ada, bob, link) = await EndedExamAsync();
        await using var _ = scene;
        var coProctor = await scene.AddCoProctorAsync("Colin");
        Assert.Contains("This deletes the exam “Algebra final” for good: the exam itself, its co-proctors' access, its report, and everything about its 3 students",
            await ReadAsync(scene.Teacher.Browser, DeletePath(scene, wholeExam: true)));

        var response = await Forms.PostAsync(scene.Teacher.Browser, DeletePath(scene, wholeExam: true), []);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/Exams", response.Headers.Location?.OriginalString);
        Assert.Contains("Deleted the exam “Algebra final” and everything in it.", await ReadAsync(scene.Teacher.Browser, "/Exams"));
        foreach (var path in new[] { $"/Exams/{scene.ExamId}", $"/Exams/{scene.ExamId}/Monitor", scene.ReportPath, scene.StudentPath(ada.RosterId), $"/Exams/Schedule/{scene.ExamId}", DeletePath(scene) })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await scene.Teacher.Browser.GetAsync(path)).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await coProctor.Browser.GetAsync(path)).StatusCode);
        }
        Assert.Equal(HttpStatusCode.NotFound, (await scene.App.CreateClient().GetAsync(link)).StatusCode);
        Assert.Equal(StudentRecords.NoRows, await StudentRecords.RowsAsync(scene.App, scene.ExamId, ada, bob));
        Assert.Equal((0, 0), await scene.DbAsync(async db => (await db.Exams.CountAsync(e => e.Id == scene.ExamId), await db.ExamProctors.CountAsync(p => p.ExamId == scene.ExamId))));
        await using var proctor = await scene.App.ConnectProctorAsync(scene.Teacher);
        var refusal = await Assert.ThrowsAsync<HubException>(() => proctor.WatchAsync(scene.ExamId));
        Assert.Contains("You are not a proctor of that exam.", refusal.Message);
    }

    [Fact]
    public async Task NobodyButTheOwnerMayDeleteAnythingAndTheDataStays()
    {
        var (scene, ada, bob, _) = await EndedExamAsync();
        await using var __ = scene;
        var coProctor = await scene.AddCoProctorAsync("Colin");
        var another = await scene.SignInTeacherAsync("Otto");
        var anonymous = scene.App.CreateBrowser(new CookieContainer());

        foreach (var wholeExam in new[] { false, true })
        {
            var path = DeletePath(scene, wholeExam);
            foreach (var teacher in new[] { coProctor, another })
            {
                Assert.Equal(HttpStatusCode.NotFound, (await teacher.Browser.GetAsync(path)).StatusCode);
                Assert.Equal(HttpStatusCode.NotFound, (await Forms.PostAsync(teacher.Browser, "/Account/Login", path, [])).StatusCode);
            }
            var refused = await Forms.PostAsync(anonymous, "/Account/Login", path, []);
            Assert.Equal("/Account/Login", refused.Headers.Location?.AbsolutePath);
        }
        Assert.DoesNotContain("Delete this exam", await ReadAsync(coProctor.Browser, $"/Exams/{scene.ExamId}"));
        Assert.Equal(StudentRecords.AllRowsOf(2), await StudentRecords.RowsAsync(scene.App, scene.ExamId, ada, bob));
        Assert.Equal(1, await scene.DbAsync(db => db.Exams.CountAsync(e => e.Id == scene.ExamId)));
    }

    [Fact]
    public async Task ARunningExamsDataCannotBeDeletedAndThePagesSayItCanOnceTheExamHasEnded()
    {
        await using var scene = await ExamScene.StartAsync(startedMinutesAgo: 10);
        var ada = await StudentRecords.SeedAsync(scene.App, scene.ExamId, scene.Teacher.User.Id, "Ada Lovelace");
        const string Rule = "An exam's students' data, and the exam itself, can be deleted once the exam has ended.";

        var details = await ReadAsync(scene.Teacher.Browser, $"/Exams/{scene.ExamId}");
        Assert.Contains(Rule, details);
        Assert.DoesNotContain("Delete students' data now", details);
        foreach (var wholeExam in new[] { false, true })
        {
            var page = await ReadAsync(scene.Teacher.Browser, DeletePath(scene, wholeExam));
            Assert.Contains($"This exam has not ended yet. {Rule}", page);
            Assert.DoesNotContain("button type=\"submit\" class=\"danger\"", page);
            var response = await Forms.PostAsync(scene.Teacher.Browser, "/Account/Login", DeletePath(scene, wholeExam), []);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains("This exam has not ended yet.", await Html.ReadAsync(response));
        }
        Assert.Equal(StudentRecords.AllRowsOf(1), await StudentRecords.RowsAsync(scene.App, scene.ExamId, ada));
    }

    [Fact]
    public async Task TheExamsPageSaysWhenItsStudentsDataWillBeDeletedAndTheConsentPageForHowManyDays()
    {
        await using var scene = await ExamScene.StartAsync(startedMinutesAgo: -10);
        var ada = await scene.AddStudentAsync("Ada Lovelace");
        var ends = scene.StartsAtUtc.AddMinutes(60);

        Assert.Contains($"To be deleted 30 days after the exam's end: <time datetime=\"{ends.AddDays(30):yyyy-MM-ddTHH:mm:ssZ}\" data-local>{ends.AddDays(30):yyyy-MM-dd HH:mm} UTC</time>",
            await ReadAsync(scene.Teacher.Browser, $"/Exams/{scene.ExamId}"));
        var consent = await ReadAsync(scene.App.CreateClient(), scene.JoinPath(ada));
        Assert.Contains("is kept for 30 days after the exam ends, and then deleted.", consent);
        // What is recorded, how long each clip is, and who may watch: the operator's settings, in words.
        Assert.Contains("only short clips around moments that are flagged", consent);
        Assert.Contains("about 10 seconds before that moment", consent);
        Assert.Contains("10 seconds after it, of your camera and microphone.", consent);
        Assert.Contains("Only this exam's proctors can watch them.", consent);

        await scene.DbAsync(db => db.Exams.Where(e => e.Id == scene.ExamId).ExecuteUpdateAsync(s => s.SetProperty(e => e.RetentionDays, 1)));
        Assert.Contains($"To be deleted 1 day after the exam's end: <time datetime=\"{ends.AddDays(1):yyyy-MM-ddTHH:mm:ssZ}\"", await ReadAsync(scene.Teacher.Browser, $"/Exams/{scene.ExamId}"));
        Assert.Contains("is kept for 1 day after the exam", await ReadAsync(scene.App.CreateClient(), scene.JoinPath(ada)));
    }
}
