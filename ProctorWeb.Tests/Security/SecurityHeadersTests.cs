using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using ProctorWeb.Data;
using ProctorWeb.Security;
using ProctorWeb.Tests.Support;

namespace ProctorWeb.Tests.Security;

public partial class SecurityHeadersTests
{
    [Fact]
    public async Task PagesErrorsAndStaticFilesAllCarryTheSecurityHeaders()
    {
        await using var app = new ProctorWebApplication();
        var teacher = await app.SignInNewTeacherAsync("Tess");
        var browser = app.CreateBrowser(new CookieContainer());

        var responses = new Dictionary<string, HttpResponseMessage>
        {
            ["home"] = await browser.GetAsync("/"),
            ["sign in"] = await browser.GetAsync("/Account/Login"),
            ["a redirect to sign in"] = await browser.GetAsync("/Exams"),
            ["an unknown invitation"] = await browser.GetAsync("/Join/not-a-real-secret"),
            ["a missing page"] = await browser.GetAsync("/no/such/page"),
            ["a stylesheet"] = await browser.GetAsync("/css/site.css"),
            ["a script"] = await browser.GetAsync("/js/signaling.js"),
            ["a teacher's page"] = await teacher.Browser.GetAsync("/Exams/Schedule"),
        };

        Assert.All(responses, r =>
        {
            var headers = r.Value.Headers;
            Assert.True(headers.TryGetValues("Content-Security-Policy", out var csp), $"{r.Key} has no CSP");
            Assert.Equal(SecurityHeaders.ContentSecurityPolicy, Assert.Single(csp));
            Assert.Equal("nosniff", Assert.Single(headers.GetValues("X-Content-Type-Options")));
            Assert.Equal("no-referrer", Assert.Single(headers.GetValues("Referrer-Policy")));
            Assert.Equal(SecurityHeaders.PermissionsPolicy, Assert.Single(headers.GetValues("Permissions-Policy")));
        });
        var csp = SecurityHeaders.ContentSecurityPolicy;
        Assert.Contains("script-src 'self';", csp);
        Assert.DoesNotContain("unsafe-inline", csp);
        Assert.DoesNotContain("unsafe-eval", csp);
        Assert.DoesNotContain("wasm", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.StartsWith("camera=(self), microphone=(self), fullscreen=(self)", SecurityHeaders.PermissionsPolicy);
    }

    [Fact]
    public async Task OnlyTheExamRoomMayCompileWebAssemblyAndNoPageMayEvaluateScriptText()
    {
        await using var app = new ProctorWebApplication();
        var teacher = await app.SignInNewTeacherAsync("Tess");
        var examId = await app.CreateExamAsync(teacher.User, TimeSpan.FromMinutes(-1));
        var invitation = await app.InviteAsync(examId, "Ada");
        var student = app.CreateBrowser(await app.RedeemAsync(invitation));

        var room = await student.GetAsync("/Join/Room");
        var others = new Dictionary<string, HttpResponseMessage>
        {
            ["the join link"] = await student.GetAsync(invitation.Link),
            ["a teacher's exam page"] = await teacher.Browser.GetAsync($"/Exams/{examId}"),
            ["the monitor"] = await teacher.Browser.GetAsync($"/Exams/{examId}/Monitor"),
            ["calls"] = await teacher.Browser.GetAsync("/Calls"),
        };

        Assert.Equal(HttpStatusCode.OK, room.StatusCode);
        var roomPolicy = Assert.Single(room.Headers.GetValues("Content-Security-Policy"));
        Assert.Equal(SecurityHeaders.ExamRoomContentSecurityPolicy, roomPolicy);
        // The face checks' WASM backend needs exactly this; 'unsafe-eval' would also let script text run.
        Assert.Contains("script-src 'self' 'wasm-unsafe-eval';", roomPolicy);
        Assert.DoesNotContain("'unsafe-eval'", roomPolicy);
        Assert.DoesNotContain("unsafe-inline", roomPolicy);
        Assert.Equal(SecurityHeaders.ContentSecurityPolicy, roomPolicy.Replace(" 'wasm-unsafe-eval'", ""));
        Assert.All(others, r =>
        {
            Assert.True(r.Value.StatusCode == HttpStatusCode.OK, $"{r.Key} answered {(int)r.Value.StatusCode}");
            Assert.Equal(SecurityHeaders.ContentSecurityPolicy, Assert.Single(r.Value.Headers.GetValues("Content-Security-Policy")));
        });
    }

    [Fact]
    public async Task OverHttpsTheSignInInvitationAndAntiforgeryCookiesAreSecureHttpOnlyAndSameSite()
    {
        await using var app = new ProctorWebApplication();
        var teacher = await app.CreateUserAsync("Tess", Roles.Teacher);
        var examId = await app.CreateExamAsync(teacher, TimeSpan.FromMinutes(-1));
        var invitation = await app.InviteAsync(examId, "Ada");
        var https = new Uri("https://localhost/");
        var setCookies = new List<string>();

        async Task<HttpResponseMessage> PostFormAsync(HttpClient browser, string path, Dictionary<string, string> fields)
        {
            var form = await browser.GetAsync(path);
            setCookies.AddRange(form.Headers.TryGetValues("Set-Cookie", out var formCookies) ? formCookies : []);
            var token = Forms.AntiforgeryToken(await form.Content.ReadAsStringAsync());
            var response = await browser.PostAsync(path, new FormUrlEncodedContent(fields.Append(new("__RequestVerificationToken", token))));
            setCookies.AddRange(response.Headers.TryGetValues("Set-Cookie", out var postCookies) ? postCookies : []);
            return response;
        }

        var teacherBrowser = app.CreateDefaultClient(https, new CookieContainerHandler(new CookieContainer()));
        var signedIn = await PostFormAsync(teacherBrowser, "/Account/Login", new() { ["Input.Email"] = teacher.Email, ["Input.Password"] = teacher.Password });
        var studentBrowser = app.CreateDefaultClient(https, new CookieContainerHandler(new CookieContainer()));
        var joined = await PostFormAsync(studentBrowser, invitation.Link, new() { ["Agree"] = "true" });

        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, joined.StatusCode);
        var byName = setCookies.GroupBy(c => c[..c.IndexOf('=')]).ToDictionary(g => g.Key, g => g.Last());
        Assert.Contains("proctorweb.auth", byName.Keys);
        Assert.Contains("proctorweb.invitation", byName.Keys);
        Assert.Contains("proctorweb.antiforgery", byName.Keys);
        Assert.All(setCookies, cookie =>
        {
            var flags = cookie.Split(';').Skip(1).Select(f => f.Trim().ToLowerInvariant()).ToList();
            Assert.True(flags.Contains("secure"), $"Not Secure: {cookie}");
            Assert.True(flags.Contains("httponly"), $"Not HttpOnly: {cookie}");
            Assert.True(flags.Any(f => f is "samesite=lax" or "samesite=strict"), $"No SameSite: {cookie}");
        });
    }

    [Fact]
    public async Task OverPlainHttpCookiesAreNotMarkedSecureSoLocalDevelopmentStillWorks()
    {
        await using var app = new ProctorWebApplication();
        var response = await app.CreateBrowser(new CookieContainer()).GetAsync("/Account/Login");

        var antiforgery = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("proctorweb.antiforgery=", StringComparison.Ordinal));
        Assert.DoesNotContain("secure", antiforgery.ToLowerInvariant().Split(';').Select(f => f.Trim()));
    }

    [Fact]
    public void NoPageHasInlineScriptsStylesOrEventHandlersThatThePolicyWouldBlock()
    {
        var pages = Directory.GetFiles(RepositoryRoot.Combine("ProctorWeb", "Pages"), "*.cshtml", SearchOption.AllDirectories);
        Assert.NotEmpty(pages);
        var found = new List<string>();
        foreach (var page in pages)
        {
            var lines = File.ReadAllLines(page);
            for (var i = 0; i < lines.Length; i++)
            {
                foreach (var (rule, pattern) in Blocked)
                {
                    if (pattern.IsMatch(lines[i]))
                    {
                        found.Add($"{Path.GetRelativePath(RepositoryRoot.Path, page)}:{i + 1} {rule}: {lines[i].Trim()}");
                    }
                }
            }
        }

        Assert.True(found.Count == 0, "The CSP would block these:" + Environment.NewLine + string.Join(Environment.NewLine, found));
    }

    private static readonly (string Rule, Regex Pattern)[] Blocked =
    [
        ("inline script", InlineScript()),
        ("style element", StyleElement()),
        ("style attribute", StyleAttribute()),
        ("event handler attribute", EventHandlerAttribute()),
        ("javascript: URL", JavascriptUrl()),
    ];

    // A JSON data block (the page's words for its modules) is never run, so the policy does not apply to it.
    [GeneratedRegex(@"<script(?![^>]*\s(?:src=|type=""application/json""))[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex InlineScript();

    [GeneratedRegex(@"<style[\s>]", RegexOptions.IgnoreCase)]
    private static partial Regex StyleElement();

    [GeneratedRegex(@"\sstyle\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex StyleAttribute();

    [GeneratedRegex(@"<[^>]*\son[a-z]+\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex EventHandlerAttribute();

    [GeneratedRegex(@"javascript:", RegexOptions.IgnoreCase)]
    private static partial Regex JavascriptUrl();
}
