using System.Net;
using ProctorWeb.Data;
using ProctorWeb.Tests.Support;

namespace ProctorWeb.Tests.Email;

public class PublicLinksTests
{
    [Fact]
    public async Task AForgedHostHeaderDoesNotChangeTheLinkInTheMail()
    {
        await using var smtp = TestSmtpServer.Start();
        await using var app = new ProctorWebApplication(new Dictionary<string, string?>(smtp.Settings()) { ["App:PublicUrl"] = "https://exams.example.org/proctor" });
        var ada = await app.CreateUserAsync("Ada");
        var browser = app.CreateBrowser(new CookieContainer());
        var token = await Forms.GetAntiforgeryTokenAsync(browser, "/Account/ForgotPassword");

        // An attacker asks for Ada's reset link from a request naming their own site as the host.
        using var request = new HttpRequestMessage(HttpMethod.Post, "/Account/ForgotPassword")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["Input.Email"] = ada.Email, ["__RequestVerificationToken"] = token }),
        };
        request.Headers.Host = "evil.example";
        request.Headers.Add("X-Forwarded-Host", "evil.example");
        var response = await browser.SendAsync(request);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var link = ReceivedMail.From((await smtp.NextAsync()).Message).Link("/proctor/Account/ResetPassword");
        Assert.StartsWith("https://exams.example.org/proctor/Account/ResetPassword?", link);
        Assert.DoesNotContain("evil.example", link);
    }

    [Fact]
    public async Task WithAPublicUrlTheLinksOnTheExamPageAndInItsCsvAreTheOnesTheMailsCarry()
    {
        await using var scene = await ExamScene.StartAsync(settings: new Dictionary<string, string?> { ["App:PublicUrl"] = "https://exams.example.org/proctor" });
        var ada = await scene.AddStudentAsync("Ada Lovelace");
        var expected = $"https://exams.example.org/proctor{scene.JoinPath(ada)}";

        var page = await Html.ReadAsync(await scene.Teacher.Browser.GetAsync($"/Exams/{scene.ExamId}"));
        var csv = await (await scene.Teacher.Browser.GetAsync($"/Exams/{scene.ExamId}?handler=LinksCsv")).Content.ReadAsStringAsync();

        Assert.Contains($"value=\"{expected}\"", page);
        Assert.Contains($"\"{expected}\"", csv);
        Assert.DoesNotContain("http://localhost", page + csv);
    }

    [Fact]
    public async Task InProductionAnSmtpHostWithoutAPublicUrlStopsTheAppAtStart()
    {
        await using var app = new ProctorWebApplication(new Dictionary<string, string?> { ["Email:Host"] = "127.0.0.1" }) { EnvironmentName = "Production" };

        var error = StartupFailure.Of(app);

        Assert.Contains("App:PublicUrl must be set when Email:Host is", error.Message);
    }

    [Theory]
    [InlineData("exams.example.org")]
    [InlineData("ftp://exams.example.org/")]
    [InlineData("https://exams.example.org/?x=1")]
    public async Task APublicUrlThatIsNotAnAbsoluteWebAddressStopsTheAppAtStart(string value)
    {
        await using var app = new ProctorWebApplication(new Dictionary<string, string?> { ["App:PublicUrl"] = value });

        var error = StartupFailure.Of(app);

        Assert.Contains("App:PublicUrl", error.Message);
    }

    [Fact]
    public async Task WithoutAPublicUrlLinksUseTheServersOwnAddressAndTheLogSaysSo()
    {
        await using var app = new ProctorWebApplication();
        var ada = await app.CreateUserAsync("Ada");
        var browser = app.CreateBrowser(new CookieContainer());

        await Forms.PostAsync(browser, "/Account/ForgotPassword", new() { ["Input.Email"] = ada.Email });

        Assert.StartsWith("http://localhost/Account/ResetPassword?", app.Mail.SingleTo(ada.Email).Link("/Account/ResetPassword"));
        Assert.Contains(app.Logs.Entries, e => e.Message.Contains("App:PublicUrl is not set"));
    }
}
