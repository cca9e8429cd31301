using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using ProctorWeb.Tests.Support;

namespace ProctorWeb.Tests.Localization;

/// <summary>A teacher whose browser asks for Chinese reads the exam pages, their errors and the invitation mail in Chinese; the CSV files stay English.</summary>
public partial class ExamPagesInChineseTests
{
    private sealed record Scene(ProctorWebApplication App, SignedInUser Teacher, int ExamId, StudentRecords Student) : IAsyncDisposable
    {
        public HttpClient Browser => Teacher.Browser;

        public ValueTask DisposeAsync() => App.DisposeAsync();
    }

    /// <summary>A running exam with one student who joined, raised a "paste" flag a proctor confirmed, took an ID photo and got messages.</summary>
    private static async Task<Scene> ChineseTeacherWithAStudentAsync(ProctorWebApplication app)
    {
        var teacher = await app.SignInNewTeacherAsync("Tess Teacher");
        teacher.Browser.DefaultRequestHeaders.Add("Accept-Language", "zh-CN");
        var examId = await app.CreateExamAsync(teacher.User, TimeSpan.FromMinutes(-20), title: "Algebra final");
        var student = await StudentRecords.SeedAsync(app, examId, teacher.User.Id, "Ada");
        return new Scene(app, teacher, examId, student);
    }

    private static async Task<string> ChinesePageAsync(HttpClient browser, string path)
    {
        var response = await browser.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<html lang=\"zh-CN\">", html);
        return Html.VisibleText(html);
    }

    [Fact]
    public async Task MyExamsTheScheduleFormAnExamsPageAStudentsTimelineAndTheReportReadInChinese()
    {
        await using var scene = await ChineseTeacherWithAStudentAsync(new ProctorWebApplication());

        var myExams = await ChinesePageAsync(scene.Browser, "/Exams");
        Assert.Contains("我的考试", myExams);
        Assert.Contains("正在进行", myExams);
        Assert.Contains("没有即将开始的考试。", myExams);
        Assert.DoesNotContain("Running now", myExams);

        var schedule = await ChinesePageAsync(scene.Browser, "/Exams/Schedule");
        Assert.Contains("给学生的说明", schedule);
        Assert.Contains("时长（分钟）", schedule);
        Assert.Contains("由监考老师逐一准许学生进入", schedule);
        Assert.DoesNotContain("Duration (minutes)", schedule);

        var exam = await ChinesePageAsync(scene.Browser, $"/Exams/{scene.ExamId}");
        Assert.Contains("学生（1）", exam);
        Assert.Contains("通过邮件发送链接", exam);
        Assert.Contains("添加学生", exam);
        Assert.DoesNotContain("Add a student", exam);

        var timeline = await ChinesePageAsync(scene.Browser, $"/Exams/{scene.ExamId}/Students/{scene.Student.RosterId}");
        Assert.Contains("时间线", timeline);
        // The flag's kind in FlagText's words, its review and the attendance in the exam's.
        Assert.Contains("标记：粘贴", timeline);
        Assert.Contains("已确认（Tess Teacher）", timeline);
        Assert.Contains("已加入", timeline);
        Assert.Contains("拍摄了身份核验的面部照片", timeline);
        Assert.Contains("结束该学生的考试", timeline);
        Assert.DoesNotContain("Flag: Paste", timeline);

        var report = await ChinesePageAsync(scene.Browser, $"/Exams/{scene.ExamId}/Report");
        Assert.Contains("报告：Algebra final", report);
        Assert.Contains("在线时长", report);
        Assert.Contains("粘贴：1", report);
        Assert.Contains("0 个待审阅，1 个已确认，0 个已驳回", report);
        Assert.DoesNotContain("Time connected", report);
    }

    [Fact]
    public async Task AScheduleWithABadDurationComesBackWithTheChineseMessageTiedToTheField()
    {
        await using var app = new ProctorWebApplication();
        var teacher = await app.SignInNewTeacherAsync("Tess");
        teacher.Browser.DefaultRequestHeaders.Add("Accept-Language", "zh-CN");
        var form = new Dictionary<string, string>
        {
            ["Input.Title"] = "Algebra midterm",
            ["Input.StartsAt"] = DateTime.UtcNow.AddDays(2).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture),
            ["Input.TimeZone"] = "UTC",
            ["Input.DurationMinutes"] = "3",
            ["Input.LateJoinMinutes"] = "0",
        };

        var response = await Forms.PostAsync(teacher.Browser, "/Exams/Schedule", form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<html lang=\"zh-CN\">", html);
        Assert.Equal("时长必须在 5 到 600 分钟之间。", Html.FieldError(html, "Input.DurationMinutes"));
        var field = Regex.Match(html, """<input[^>]*name="Input.DurationMinutes"[^>]*>""").Value;
        Assert.Contains("aria-invalid=\"true\"", field);
        Assert.Contains("aria-describedby=\"Input_DurationMinutes-error\"", field);
        Assert.Matches("""<span[^>]*id="Input_DurationMinutes-error"[^>]*>时长必须""", html);
    }

    [Fact]
    public async Task TheInvitationMailSentFromAChinesePageIsInChinese()
    {
        await using var app = new ProctorWebApplication();
        var teacher = await app.SignInNewTeacherAsync("Tess Teacher");
        teacher.Browser.DefaultRequestHeaders.Add("Accept-Language", "zh-CN");
        var examId = await app.CreateExamAsync(teacher.User, TimeSpan.FromMinutes(10), title: "Algebra final");
        var page = $"/Exams/{examId}";
        var added = await Forms.PostAsync(teacher.Browser, page, $"{page}?handler=AddMany", new() { ["Paste"] = "Ada Lovelace, ada@example.org" });
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);

        var sent = await Forms.PostAsync(teacher.Browser, page, $"{page}?handler=SendLinks", new() { ["to"] = "All", ["Note"] = "带好铅笔。" });

        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        var mail = app.Mail.SingleTo("ada@example.org");
        Assert.Equal("考试“Algebra final”的个人链接", mail.Subject);
        Assert.Contains("Ada Lovelace，你好：", mail.Text);
        Assert.Contains("Tess Teacher邀请你参加在线考试“Algebra final”", mail.Text);
        Assert.Contains("请勿分享此链接", mail.Text);
        Assert.Contains("Tess Teacher的留言：", mail.Text);
        Assert.Matches(@"开始：\d{4}年\d{1,2}月\d{1,2}日 星期. \d\d:\d\d UTC", mail.Text);
        Assert.DoesNotContain("Hello", mail.Text);
        Assert.StartsWith("http", mail.Link("/Join/"));
        Assert.Contains("已通过邮件把链接发给 1 名学生。", Html.VisibleText(await teacher.Browser.GetStringAsync(page)));
    }

    [Fact]
    public async Task TheCsvDownloadsKeepTheirEnglishHeadersAndValuesOnAChinesePage()
    {
        await using var scene = await ChineseTeacherWithAStudentAsync(new ProctorWebApplication());

        var students = await CsvAsync(scene.Browser, $"/Exams/{scene.ExamId}/Report?handler=Csv");
        var flags = await CsvAsync(scene.Browser, $"/Exams/{scene.ExamId}/Report?handler=FlagsCsv");
        var links = await CsvAsync(scene.Browser, $"/Exams/{scene.ExamId}?handler=LinksCsv");

        Assert.StartsWith("\"Name\",\"Email\",\"Extra minutes\",\"Exempt from\",\"Ends (UTC)\",\"Time connected (s)\"", students);
        Assert.Contains("\"Flags: Paste\"", students);
        Assert.StartsWith("\"Student\",\"Email\",\"Kind\",\"Started (UTC)\"", flags);
        Assert.Contains("\"Paste\"", flags);
        Assert.StartsWith("\"Name\",\"Email\",\"Link\",\"Link emailed (UTC)\"", links);
        Assert.DoesNotMatch(@"\p{IsCJKUnifiedIdeographs}", students + flags + links);
    }

    private static async Task<string> CsvAsync(HttpClient browser, string path)
    {
        var response = await browser.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync()).TrimStart('\uFEFF');
    }
}
