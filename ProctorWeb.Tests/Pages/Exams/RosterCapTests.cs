using System.Net;
using Microsoft.EntityFrameworkCore;
using ProctorWeb.Tests.Support;

namespace ProctorWeb.Tests.Pages.Exams;

public class RosterCapTests
{
    private static Task<ExamScene> ExamAllowingAsync(int students) =>
        ExamScene.StartAsync(settings: new Dictionary<string, string?> { ["Exams:MaxStudentsPerExam"] = students.ToString(System.Globalization.CultureInfo.InvariantCulture) });

    private static Task<HttpResponseMessage> PostAsync(ExamScene scene, string handler, Dictionary<string, string> fields) =>
        Forms.PostAsync(scene.Teacher.Browser, $"/Exams/{scene.ExamId}", $"/Exams/{scene.ExamId}?handler={handler}", fields);

    private static Task<int> RosterCountAsync(ExamScene scene) => scene.DbAsync(db => db.Roster.CountAsync(r => r.ExamId == scene.ExamId));

    [Fact]
    public async Task APasteThatWouldTakeTheRosterPastItsCapAddsNobodyAndSaysHowManyFit()
    {
        await using var scene = await ExamAllowingAsync(3);
        await scene.AddStudentAsync("Ada");

        var response = await PostAsync(scene, "AddMany", new() { ["Paste"] = "Bob, bob@example.test\nCara, cara@example.test\nDan, dan@example.test" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await Html.ReadAsync(response);
        Assert.Contains("An exam can have at most 3 students. This one has 1, so only 2 more fit; nobody was added.", html);
        Assert.Contains("Dan, dan@example.test", Html.TextArea(html, "Paste"));
        Assert.Equal(1, await RosterCountAsync(scene));
    }

    [Fact]
    public async Task AddingOneStudentToAFullRosterIsRefusedWithAMessage()
    {
        await using var scene = await ExamAllowingAsync(2);
        await PostAsync(scene, "AddMany", new() { ["Paste"] = "Ada, ada@example.test\nBob, bob@example.test" });

        var response = await PostAsync(scene, "Add", new() { ["Add.Name"] = "Cara", ["Add.Email"] = "cara@example.test" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("This one has 2, so no more fit; nobody was added.", Html.FieldError(await Html.ReadAsync(response), "Add.Email"));
        Assert.Equal(2, await RosterCountAsync(scene));
    }

    [Fact]
    public async Task RemovedStudentsMakeRoom()
    {
        await using var scene = await ExamAllowingAsync(1);
        var ada = await scene.AddStudentAsync("Ada");
        await PostAsync(scene, "Remove", new() { ["studentId"] = ada.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), ["confirmed"] = "true" });

        var response = await PostAsync(scene, "Add", new() { ["Add.Name"] = "Bob", ["Add.Email"] = "bob@example.test" });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }
}
