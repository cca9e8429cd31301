using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using ProctorWeb.Tests.Support;

namespace ProctorWeb.Tests.Security;

/// <summary>
/// What the server tells browsers and caches beyond the page policy: pages of students' data are never stored,
/// browsers keep to https once they have seen it, and the server does not name itself.
/// </summary>
public class CachingAndTransportHeadersTests
{
    [Fact]
    public async Task ReportsCsvsTimelinesClipListsAndInvitationLinksAreNeverStored()
    {
        await using var scene = await ExamScene.StartAsync();
        var ada = await scene.AddStudentAsync("Ada");
        var browser = scene.Teacher.Browser;

        var responses = new Dictionary<string, HttpResponseMessage>
        {
            ["the report"] = await browser.GetAsync(scene.ReportPath),
            ["the report's CSV"] = await browser.GetAsync($"{scene.ReportPath}?handler=Csv"),
            ["the flags' CSV"] = await browser.GetAsync($"{scene.ReportPath}?handler=FlagsCsv"),
            ["a student's timeline"] = await browser.GetAsync(scene.StudentPath(ada.Id)),
            ["a student's clips"] = await browser.GetAsync($"{scene.StudentPath(ada.Id)}/Clips"),
            ["the exam's invitation links"] = await browser.GetAsync($"/Exams/{scene.ExamId}"),
        };

        Assert.All(responses, r =>
        {
            Assert.True(r.Value.StatusCode == HttpStatusCode.OK, $"{r.Key} answered {(int)r.Value.StatusCode}");
            Assert.True(r.Value.Headers.CacheControl?.NoStore == true, $"{r.Key} may be stored: Cache-Control: {r.Value.Headers.CacheControl}");
        });
    }

    [Fact]
    public async Task OutsideDevelopmentHttpsAnswersCarryHstsAndPlainHttpOnesDoNot()
    {
        await using var app = new ProctorWebApplication();
        await using var production = app.WithWebHostBuilder(b => b.UseEnvironment("Production"));

        var secure = await production.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://exams.example.org/") }).GetAsync("/");
        var plain = await production.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("http://exams.example.org/") }).GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, secure.StatusCode);
        Assert.StartsWith("max-age=", Assert.Single(secure.Headers.GetValues("Strict-Transport-Security")));
        Assert.False(plain.Headers.Contains("Strict-Transport-Security"));
    }
}
