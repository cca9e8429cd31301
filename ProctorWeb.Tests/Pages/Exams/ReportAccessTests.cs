using System.Net;
using Microsoft.EntityFrameworkCore;
using ProctorWeb.Data;
using ProctorWeb.Tests.Support;

namespace ProctorWeb.Tests.Pages.Exams;

/// <summary>The student, report and end-exam pages answer only the exam's owner and co-proctors; to anyone else the exam does not exist.</summary>
public class ReportAccessTests
{
    public static TheoryData<string> Reads => ["student", "report", "csv", "flags-csv"];

    public static TheoryData<string, string> Posts => new()
    {
        { "student", "Review" },
        { "student", "Note" },
        { "student", "EndExam" },
        { "monitor", "EndExam" },
    };

    [Theory]
    [MemberData(nameof(Reads))]
    public async Task AnotherTeacherGetsNotFoundForEveryRead(string page)
    {
        await using var scene = await ExamScene.StartAsync();
        var ada = await scene.AddStudentAsync("Ada Lovelace");
        var stranger = await scene.SignInTeacherAsync("Other Teacher");

        var response = await stranger.Browser.GetAsync(PathOf(scene, page, ada.Id));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await scene.Teacher.Browser.GetAsync(PathOf(scene, page, ada.Id))).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Posts))]
    public async Task AnotherTeacherGetsNotFoundForEveryPostAndChangesNothing(string page, string handler)
    {
        await using var scene = await ExamScene.StartAsync();
        var ada = await scene.AddStudentAsync("Ada Lovelace");
        var flag = await scene.FlagAsync(ada.Id, "tab-hidden", scene.StartsAtUtc.AddMinutes(1));
        var stranger = await scene.SignInTeacherAsync("Other Teacher");

        // The stranger's own antiforgery token, from a page they may open: only the exam check may refuse them.
        var response = await Forms.PostAsync(stranger.Browser, "/Exams", $"{PathOf(scene, page, ada.Id)}?handler={handler}", ValidFields(flag.Id));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var (review, notes, attendance, endedEarly) = await scene.DbAsync(async db => (
            await db.Flags.Select(f => f.Review).SingleAsync(), await db.Notes.CountAsync(), await db.Attendance.CountAsync(),
            await db.Exams.Select(e => e.EndedEarlyAtUtc).SingleAsync()));
        Assert.Equal((FlagReviews.Open, 0, 0, null), (review, notes, attendance, endedEarly));
    }

    [Theory]
    [MemberData(nameof(Posts))]
    public async Task ACoProctorMayDoWhatTheOwnerMay(string page, string handler)
    {
        await using var scene = await ExamScene.StartAsync();
        var ada = await scene.AddStudentAsync("Ada Lovelace");
        var flag = await scene.FlagAsync(ada.Id, "tab-hidden", scene.StartsAtUtc.AddMinutes(1));
        var coProctor = await scene.AddCoProctorAsync("Co Proctor");
        foreach (var read in Reads)
        {
            Assert.Equal(HttpStatusCode.OK, (await coProctor.Browser.GetAsync(PathOf(scene, read, ada.Id))).StatusCode);
        }

        var response = await Forms.PostAsync(coProctor.Browser, "/Exams", $"{PathOf(scene, page, ada.Id)}?handler={handler}", ValidFields(flag.Id));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var changed = await scene.DbAsync(async db =>
            await db.Flags.AnyAsync(f => f.ReviewedById == coProctor.User.Id) || await db.Notes.AnyAsync(n => n.AuthorId == coProctor.User.Id)
            || await db.Attendance.AnyAsync() || await db.Exams.AnyAsync(e => e.EndedEarlyAtUtc != null));
        Assert.True(changed);
    }

    private static string PathOf(ExamScene scene, string page, int studentId) => page switch
    {
        "student" => scene.StudentPath(studentId),
        "report" => scene.ReportPath,
        "csv" => $"{scene.ReportPath}?handler=Csv",
        "flags-csv" => $"{scene.ReportPath}?handler=FlagsCsv",
        "monitor" => $"/Exams/{scene.ExamId}/Monitor",
        _ => throw new ArgumentOutOfRangeException(nameof(page)),
    };

    // Every form's fields at once: each handler binds only its own, and all of them would pass validation.
    private static Dictionary<string, string> ValidFields(long flagId) => new()
    {
        ["Review.FlagId"] = flagId.ToString(),
        ["Review.Decision"] = FlagReviews.Confirmed,
        ["Review.Note"] = "A note",
        ["Note.Text"] = "A note",
        ["End.Reason"] = "A reason",
    };
}
