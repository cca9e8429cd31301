using System.Net;
using Microsoft.AspNetCore.SignalR;
using ProctorWeb.Tests.Support;

namespace ProctorWeb.Tests.Localization;

/// <summary>The monitor, the calls page and the hubs' refusals speak the language of the page that opened them.</summary>
public class LiveLanguageTests
{
    [Fact]
    public async Task AStudentWhoseExamAnEnglishSpeakingProctorEndsIsToldWhyInTheStudentsOwnLanguage()
    {
        await using var exam = await LiveExamScene.StartAsync(students: 1);
        var ada = exam.Students[0];
        var mei = await exam.AddLiveStudentAsync("Mei", acceptLanguage: "zh-CN");

        foreach (var student in new[] { ada, mei })
        {
            var page = $"/Exams/{exam.ExamId}/Students/{student.RosterId()}";
            await Forms.PostAsync(exam.Teacher.Browser, page, $"{page}?handler=EndExam", new() { ["End.Reason"] = "Phone on the desk" });
        }

        Assert.Equal("A proctor ended your exam: Phone on the desk", await ada.WaitForAsync<string>(nameof(ProctorWeb.Exams.IExamClient.Dismissed)));
        Assert.Equal("监考老师结束了你的考试：Phone on the desk", await mei.WaitForAsync<string>(nameof(ProctorWeb.Exams.IExamClient.Dismissed)));
    }

    [Theory]
    [InlineData("zh-CN", "你不是该考试的监考老师。", "不能呼叫自己。")]
    [InlineData("", "You are not a proctor of that exam.", "You cannot call yourself.")]
    public async Task ARefusedExamHubCallAndARefusedCallHubCallAnswerInTheLanguageTheConnectionWasOpenedIn(string acceptLanguage, string notAProctor, string notYourself)
    {
        await using var app = new ProctorWebApplication();
        var tess = await app.SignInNewTeacherAsync("Tess");
        await using var exams = await ConnectAsync(app, HubAddress.Exams, tess, acceptLanguage);
        await using var calls = await ConnectAsync(app, HubAddress.Calls, tess, acceptLanguage);

        var watching = await Assert.ThrowsAsync<HubException>(() => exams.InvokeAsync<object>("Watch", 987654));
        var ringing = await Assert.ThrowsAsync<HubException>(() => calls.InvokeAsync<object>("Ring", tess.User.Id));

        Assert.EndsWith(notAProctor, watching.Message);
        Assert.EndsWith(notYourself, ringing.Message);
    }

    [Fact]
    public async Task TheMonitorAndTheCallsPageReadInChinese()
    {
        await using var app = new ProctorWebApplication();
        var tess = await app.SignInNewTeacherAsync("Tess");
        var examId = await app.CreateExamAsync(tess.User, TimeSpan.FromMinutes(-1), title: "Algebra");
        tess.Browser.DefaultRequestHeaders.Add("Accept-Language", "zh-CN");

        var monitor = await tess.Browser.GetStringAsync($"/Exams/{examId}/Monitor");
        var calls = await tess.Browser.GetStringAsync("/Calls");

        Assert.Contains("<html lang=\"zh-CN\">", monitor);
        Assert.Contains("<title>监考 · Algebra", monitor);
        Assert.Contains("举手和未结束的标记优先显示", Html.VisibleText(monitor));
        Assert.Contains("为所有人结束考试…", Html.VisibleText(monitor));
        Assert.Contains("aria-label=\"学生\"", monitor);
        Assert.Contains("<html lang=\"zh-CN\">", calls);
        Assert.Contains("目前没有其他人在线。", Html.VisibleText(calls));
        Assert.Contains("aria-label=\"你的摄像头\"", calls);
    }

    private static Task<HubClient> ConnectAsync(ProctorWebApplication app, HubAddress hub, SignedInUser user, string acceptLanguage) =>
        acceptLanguage.Length == 0
            ? app.ConnectAsync(hub, user.Cookies, user.User)
            : HubClient.ConnectAsync(app.Server, hub, user.Cookies, user.User, acceptLanguage: acceptLanguage);
}
