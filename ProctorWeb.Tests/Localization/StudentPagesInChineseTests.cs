using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;
using ProctorWeb.Data;
using ProctorWeb.Evidence;
using ProctorWeb.Exams;
using ProctorWeb.Tests.Support;

namespace ProctorWeb.Tests.Localization;

/// <summary>A student whose browser reads Chinese: the personal link, the exam room and every refusal of their uploads.</summary>
public class StudentPagesInChineseTests
{
    private static HttpClient Chinese(HttpClient browser)
    {
        browser.DefaultRequestHeaders.Add("Accept-Language", "zh-CN");
        return browser;
    }

    [Fact]
    public async Task ThePersonalLinkPageAndTheExamRoomReadInChineseForAChineseBrowser()
    {
        await using var app = new ProctorWebApplication();
        var teacher = await app.SignInNewTeacherAsync("Tess");
        var examId = await app.CreateExamAsync(teacher.User, TimeSpan.FromMinutes(-1), title: "Physics final");
        await app.ConfigureExamAsync(examId, e => e.RequireIdCheck = true);
        var ada = await app.InviteAsync(examId, "Ada");

        var consent = await Chinese(app.CreateBrowser(new CookieContainer())).GetAsync(ada.Link);

        Assert.Equal(HttpStatusCode.OK, consent.StatusCode);
        var html = await Html.ReadAsync(consent);
        Assert.Contains("<html lang=\"zh-CN\">", html);
        Assert.Contains("<h1>Physics final</h1>", html);
        Assert.Contains("Ada，你好。", html);
        Assert.Contains("你的摄像头和麦克风将受到监考", html);
        Assert.Contains("本场考试的监考老师：<strong>Tess</strong>。", html);
        Assert.Contains("<strong>录制内容：</strong>只录制被标记的时刻", html);
        // The exam's checks, as ExamChecks words them in English, read in Chinese too.
        Assert.Contains("<li>身份核验：在设备检查中", html);
        Assert.Contains("将在考试结束后保留 30 天，然后删除。", html);
        Assert.Contains("继续进行设备检查", html);
        Assert.DoesNotContain("Continue to the device check", html);

        var room = await Chinese(app.CreateBrowser(await app.RedeemAsync(ada))).GetAsync("/Join/Room");

        Assert.Equal(HttpStatusCode.OK, room.StatusCode);
        var roomHtml = await Html.ReadAsync(room);
        Assert.Contains("<html lang=\"zh-CN\">", roomHtml);
        Assert.Contains("<h2 id=\"device-check-heading\">设备检查</h2>", roomHtml);
        Assert.Contains("<h3 id=\"id-check-heading\">身份核验</h3>", roomHtml);
        Assert.Contains(">举手</button>", roomHtml);
        Assert.Contains("<label for=\"scratch-pad\">草稿区（不会保存，监考老师也看不到）</label>", roomHtml);
        Assert.Contains("剩余时间：<strong id=\"ends-in\" class=\"countdown\"></strong>", roomHtml);
        Assert.DoesNotContain("Device check", roomHtml);
        // The page's modules get their words in Chinese: the clock's milestones among them.
        using var table = System.Text.Json.JsonDocument.Parse(Html.ElementText(await room.Content.ReadAsStringAsync(), "ui-text"));
        Assert.Equal("还剩 {minutes} 分钟", table.RootElement.GetProperty("text").GetProperty("{minutes} minutes left").GetString());
    }

    [Fact]
    public async Task ConsentNotGivenIsAskedForInChineseBesideTheCheckboxItConcerns()
    {
        await using var app = new ProctorWebApplication();
        var owner = await app.CreateUserAsync("Tess", Roles.Teacher);
        var ada = await app.InviteAsync(await app.CreateExamAsync(owner, TimeSpan.FromMinutes(10)), "Ada");
        var cookies = new CookieContainer();

        var response = await Forms.PostAsync(Chinese(app.CreateBrowser(cookies)), ada.Link, new() { ["Agree"] = "false" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await Html.ReadAsync(response);
        Assert.Contains("<html lang=\"zh-CN\">", html);
        Assert.Equal("继续之前，请勾选复选框，表示同意接受监考。", Html.FieldError(html, "Agree"));
        Assert.Matches("<input[^>]*aria-invalid=\"true\"[^>]*aria-describedby=\"Agree-error\"[^>]*name=\"Agree\"|<input[^>]*name=\"Agree\"[^>]*aria-invalid=\"true\"", html);
        Assert.Contains("id=\"Agree-error\"", html);
        Assert.Null(cookies.GetAllCookies()["proctorweb.invitation"]);
    }

    [Fact]
    public async Task ALinkThatOpensNothingSaysSoInChinese()
    {
        await using var app = new ProctorWebApplication();
        var browser = Chinese(app.CreateBrowser(new CookieContainer()));

        var wrong = await browser.GetAsync("/Join/Zm9yZ2VkLWJ1dC13ZWxsLWZvcm1lZC1zZWNyZXQtMTI");
        var missing = await browser.GetAsync("/Join/Missing");

        Assert.Equal(HttpStatusCode.NotFound, wrong.StatusCode);
        Assert.Contains("<h1>此链接无效</h1>", await Html.ReadAsync(wrong));
        Assert.Contains("<h1>请打开你的个人链接</h1>", await Html.ReadAsync(missing));
    }

    [Theory]
    [InlineData("empty", "照片是空的。请重新拍摄。")]
    [InlineData("tiny", "照片每条边必须在 120 到 1920 像素之间。")]
    [InlineData("no kind", "请说明这是哪张照片：你的脸部还是身份证件。")]
    public async Task ARefusedIdPhotoIsExplainedInChinese(string what, string refusal)
    {
        await using var app = new ProctorWebApplication();
        var teacher = await app.SignInNewTeacherAsync("Tess");
        var examId = await app.CreateExamAsync(teacher.User, TimeSpan.FromMinutes(-1));
        await app.ConfigureExamAsync(examId, e => e.RequireIdCheck = true);
        var ada = await app.InviteAsync(examId, "Ada Lovelace");
        var student = Chinese(app.CreateBrowser(await app.RedeemAsync(ada)));

        var response = what switch
        {
            "empty" => await TestPhotos.UploadAsync(student, IdPhotoKinds.Face, []),
            "tiny" => await TestPhotos.UploadAsync(student, IdPhotoKinds.Face, TestPhotos.Encode(60, 40)),
            _ => await TestPhotos.UploadAsync(student, "passport-scan", TestPhotos.Encode()),
        };

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var body = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(refusal, body.RootElement.GetProperty("error").GetString());
    }

    [Fact]
    public async Task ARefusedClipUploadIsExplainedInChineseAndKeepsItsCode()
    {
        await using var scene = await ClipScene.StartAsync(new Dictionary<string, string?> { ["Clips:MaxClipsPerStudent"] = "1" });
        Chinese(scene.AdaPage.Browser);

        var forNothing = await scene.AdaPage.StartAsync(ClipScene.ForFlag(scene.AdaFlag, 1000) with { FlagId = null });
        var mp4 = await scene.AdaPage.StartAsync(ClipScene.ForFlag(scene.AdaFlag, 1000, "video/mp4"));
        var noSuchClip = await scene.AdaPage.StatusAsync(987_654);
        await scene.AdaPage.StartedAsync(ClipScene.ForFlag(scene.AdaFlag, 1000));
        var second = await scene.AdaPage.StartAsync(ClipScene.ForFlag(await scene.FlagAsync(scene.Ada.RosterId), 1000));

        Assert.Equal(HttpStatusCode.BadRequest, forNothing.StatusCode);
        Assert.Equal("请说明此片段对应哪一个标记或哪一条监考老师的请求。", (await StudentPage.RefusalOf(forNothing)).Error);
        Assert.Equal("只接受浏览器录制的 WebM 视频（video/webm）。", (await StudentPage.RefusalOf(mp4)).Error);
        Assert.Equal(HttpStatusCode.NotFound, noSuchClip.StatusCode);
        Assert.Equal("你没有该编号的片段。", (await StudentPage.RefusalOf(noSuchClip)).Error);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Equal("本场考试每名学生最多保留 1 个片段，你已全部发送。", (await StudentPage.RefusalOf(second)).Error);
        Assert.Contains("\"code\":\"quota-reached\"", await second.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AClipFromAStudentTheTeacherRemovedIsRefusedInChinese()
    {
        await using var scene = await ClipScene.StartAsync();
        Chinese(scene.AdaPage.Browser);
        await Forms.PostAsync(scene.Teacher.Browser, $"/Exams/{scene.ExamId}", $"/Exams/{scene.ExamId}?handler=Remove&studentId={scene.Ada.RosterId}&confirmed=true", []);

        var refused = await scene.AdaPage.StartAsync(ClipScene.ForFlag(scene.AdaFlag, 1000));

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.StartsWith("老师已将你从本场考试的学生名单中移除", (await StudentPage.RefusalOf(refused)).Error);
    }

    /// <summary>
    /// What the hub throws back to the student (their contact budget spent, their link no longer opening the exam) is worded
    /// in the culture the hub's culture filter sets from their page's connection: here set directly.
    /// </summary>
    [Fact]
    public async Task TheStudentsHubRefusalsAreWordedInTheCallersLanguage()
    {
        await using var app = new ProctorWebApplication(new Dictionary<string, string?> { ["Exams:StudentMessageBurst"] = "1", ["Exams:StudentMessagesPerMinute"] = "1" });
        var owner = await app.CreateUserAsync("Tess", Roles.Teacher);
        var examId = await app.CreateExamAsync(owner, TimeSpan.FromMinutes(45));
        var ada = await app.InviteAsync(examId, "Ada");
        var before = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo("zh-CN");

            var budget = app.Services.GetRequiredService<StudentContactBudget>();
            budget.Take(ada.RosterId);
            var tooMany = Assert.Throws<HubException>(() => budget.Take(ada.RosterId));
            var notOpen = await app.WithServiceAsync<InvitationCheck.Result, InvitationCheck>(check => check.ByIdAsync(ada.RosterId));

            Assert.Equal("你在短时间内发送了太多消息。请等一分钟再发送：之前的消息监考老师已经收到。", tooMany.Message);
            Assert.Equal("本场考试尚未开放", notOpen.RefusalTitle);
            Assert.Equal("本场考试在开始前 30 分钟开放。届时请用同一链接再次进入。", notOpen.Refusal);
            Assert.Equal("此考试页面同时产生的标记过多：其余标记已保留，将在限额允许时发送。", app.Services.GetRequiredService<FlagBudget>().TooManyInWords);
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = before;
        }
    }
}
