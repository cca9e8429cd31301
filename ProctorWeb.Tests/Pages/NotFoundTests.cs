using System.Net;
using ProctorWeb.Tests.Support;

namespace ProctorWeb.Tests.Pages;

public class NotFoundTests
{
    [Fact]
    public async Task AnUnknownAddressAndSomeoneElsesExamAnswer404WithAPageAPersonCanRead()
    {
        await using var app = new ProctorWebApplication();
        var tess = await app.SignInNewTeacherAsync("Tess");
        var otto = await app.SignInNewTeacherAsync("Otto");
        var ottosExam = await app.CreateExamAsync(otto.User, TimeSpan.FromDays(1));

        var unknown = await app.CreateBrowser(new CookieContainer()).GetAsync("/no/such/page");
        var notYours = await tess.Browser.GetAsync($"/Exams/{ottosExam}");

        foreach (var response in new[] { unknown, notYours })
        {
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
            var page = Html.VisibleText(await response.Content.ReadAsStringAsync());
            Assert.Contains("Page not found", page);
            Assert.Contains("There is no page at this address, or it is not yours to see.", page);
        }
    }
}
