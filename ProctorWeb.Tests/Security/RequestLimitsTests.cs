using System.Net;
using System.Text;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ProctorWeb.Security;
using ProctorWeb.Tests.Support;

namespace ProctorWeb.Tests.Security;

public class RequestLimitsTests
{
    private static readonly int TooLarge = (int)RequestLimits.MaxBodyBytes + 64 * 1024;

    [Fact]
    public async Task KestrelIsToldToRefuseBodiesOverOneMegabyte()
    {
        await using var app = new ProctorWebApplication();

        var kestrel = app.Services.GetRequiredService<IOptions<KestrelServerOptions>>().Value;

        Assert.Equal(1024 * 1024, kestrel.Limits.MaxRequestBodySize);
    }

    [Theory]
    [InlineData("url-encoded")]
    [InlineData("multipart")]
    [InlineData("too many fields")]
    public async Task AFormOverTheLimitsIsRefusedWithoutACrash(string kind)
    {
        await using var app = new ProctorWebApplication();
        var teacher = await app.SignInNewTeacherAsync("Tess");
        var token = await Forms.GetAntiforgeryTokenAsync(teacher.Browser, "/Exams/Schedule");
        HttpContent content = kind switch
        {
            "url-encoded" => new FormUrlEncodedContent([new("__RequestVerificationToken", token), new("Input.Title", new string('x', TooLarge))]),
            "multipart" => new MultipartFormDataContent
            {
                { new StringContent(token), "__RequestVerificationToken" },
                { new ByteArrayContent(new byte[TooLarge]), "upload", "big.bin" },
            },
            _ => new FormUrlEncodedContent(Enumerable.Range(0, RequestLimits.MaxFormFields + 1).Select(i => new KeyValuePair<string, string>($"f{i}", "x"))
                .Append(new("__RequestVerificationToken", token))),
        };

        var response = await teacher.Browser.PostAsync("/Exams/Schedule", content);

        Assert.True(response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.RequestEntityTooLarge, $"Answered {(int)response.StatusCode}");
        app.Logs.AssertNoFailures();
        // Nothing was stored, and the app still answers normally.
        Assert.Equal(HttpStatusCode.OK, (await teacher.Browser.GetAsync("/Exams")).StatusCode);
        Assert.DoesNotContain("xxxxxxxx", await teacher.Browser.GetStringAsync("/Exams"));
    }
}
