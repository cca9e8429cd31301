using System.Net;
using System.Text.RegularExpressions;
using ProctorWeb.Tests.Support;

namespace ProctorWeb.Tests.Pages;

public partial class FormsTests
{
    [Fact]
    public async Task PostsWithoutAnAntiforgeryTokenAreRefusedAndChangeNothing()
    {
        await using var app = new ProctorWebApplication();
        var teacher = await app.SignInNewTeacherAsync("Tess");
        var examId = await app.CreateExamAsync(teacher.User, TimeSpan.FromMinutes(-1));
        var invitation = await app.InviteAsync(examId, "Ada");
        var anonymous = app.CreateBrowser(new CookieContainer());
        // Each form is first opened, so the browser holds the antiforgery cookie and only the field is missing.
        var cases = new (HttpClient Browser, string Path, Dictionary<string, string> Fields)[]
        {
            (anonymous, "/Account/Login", new() { ["Input.Email"] = teacher.User.Email, ["Input.Password"] = teacher.User.Password }),
            (anonymous, "/Account/Register", new() { ["Input.DisplayName"] = "Eve", ["Input.Email"] = "eve@example.test", ["Input.Password"] = "Correct-Horse-42", ["Input.ConfirmPassword"] = "Correct-Horse-42", ["Input.Role"] = "Student" }),
            (anonymous, invitation.Link, new() { ["Agree"] = "true" }),
            (teacher.Browser, "/Exams/Schedule", new() { ["Input.Title"] = "Forged", ["Input.StartsAt"] = DateTime.UtcNow.AddDays(1).ToString("yyyy-MM-ddTHH:mm"), ["Input.TimeZone"] = "UTC", ["Input.DurationMinutes"] = "60", ["Input.LateJoinMinutes"] = "0" }),
            (teacher.Browser, $"/Exams/{examId}?handler=Add", new() { ["Add.Name"] = "Mallory", ["Add.Email"] = "mallory@example.test" }),
            (teacher.Browser, $"/Exams/{examId}/Monitor?handler=EndExam", []),
        };

        foreach (var (browser, path, fields) in cases)
        {
            Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(path.Split('?')[0])).StatusCode);
            var response = await browser.PostAsync(path, new FormUrlEncodedContent(fields));
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{path} answered {(int)response.StatusCode} without a token");
            var cookies = response.Headers.TryGetValues("Set-Cookie", out var set) ? set : [];
            Assert.DoesNotContain(cookies, c => c.StartsWith("proctorweb.auth=", StringComparison.Ordinal) || c.StartsWith("proctorweb.invitation=", StringComparison.Ordinal));
        }

        var exams = await teacher.Browser.GetStringAsync("/Exams");
        Assert.DoesNotContain("Forged", exams);
        Assert.DoesNotContain("mallory@example.test", await teacher.Browser.GetStringAsync($"/Exams/{examId}"));
        Assert.Equal(HttpStatusCode.OK, (await teacher.Browser.GetAsync($"/Exams/{examId}/Monitor")).StatusCode);
    }

    [Fact]
    public async Task EveryFieldOfEveryFormHasAPlaceToShowItsValidationMessage()
    {
        await using var app = new ProctorWebApplication();
        var teacher = await app.SignInNewTeacherAsync("Tess");
        var examId = await app.CreateExamAsync(teacher.User, TimeSpan.FromMinutes(-1));
        var invitation = await app.InviteAsync(examId, "Ada");
        var anonymous = app.CreateBrowser(new CookieContainer());
        var pages = new (HttpClient Browser, string Path)[]
        {
            (anonymous, "/Account/Login"), (anonymous, "/Account/Register"), (anonymous, invitation.Link),
            (teacher.Browser, "/Exams/Schedule"), (teacher.Browser, $"/Exams/Schedule/{examId}"), (teacher.Browser, $"/Exams/{examId}"),
            (teacher.Browser, $"/Exams/{examId}/Students/{invitation.RosterId}"),
        };
        var missing = new List<string>();
        var fieldsSeen = 0;

        foreach (var (browser, path) in pages)
        {
            var html = await browser.GetStringAsync(path);
            foreach (Match form in FormElement().Matches(html))
            {
                // A summary of all errors covers every field of its form.
                if (AllErrorsSummary().IsMatch(form.Value))
                {
                    fieldsSeen += NamedFields(form.Value).Count();
                    continue;
                }
                foreach (var name in NamedFields(form.Value))
                {
                    fieldsSeen++;
                    if (!form.Value.Contains($"data-valmsg-for=\"{name}\""))
                    {
                        missing.Add($"{path}: {name}");
                    }
                }
            }
        }

        Assert.True(fieldsSeen > 15, $"Only {fieldsSeen} fields were found; the pattern no longer matches the forms.");
        Assert.True(missing.Count == 0, "No validation message slot for:" + Environment.NewLine + string.Join(Environment.NewLine, missing.Distinct()));
    }

    [Fact]
    public async Task AnOverlongTimeZoneOnTheScheduleFormIsShownNotSilentlyRefused()
    {
        await using var app = new ProctorWebApplication();
        var teacher = await app.SignInNewTeacherAsync("Tess");

        var response = await Forms.PostAsync(teacher.Browser, "/Exams/Schedule", new()
        {
            ["Input.Title"] = "Algebra", ["Input.StartsAt"] = DateTime.UtcNow.AddDays(1).ToString("yyyy-MM-ddTHH:mm"), ["Input.TimeZone"] = new string('Z', 65),
            ["Input.DurationMinutes"] = "60", ["Input.LateJoinMinutes"] = "0",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEqual("", Html.FieldError(await response.Content.ReadAsStringAsync(), "Input.TimeZone"));
    }

    /// <summary>Names of the fields a person fills in: not the token, not hidden ids, not checkbox companions.</summary>
    private static IEnumerable<string> NamedFields(string form) =>
        FieldElement().Matches(form)
            .Where(f => !f.Value.Contains("type=\"hidden\"") || f.Value.Contains("Input.TimeZone"))
            .Where(f => !f.Value.Contains("type=\"submit\""))
            .Select(f => NameAttribute().Match(f.Value).Groups[1].Value)
            .Where(n => n.Length > 0 && n != "__RequestVerificationToken")
            .Distinct();

    [GeneratedRegex(@"<form[^>]*method=""post""[^>]*>.*?</form>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex FormElement();

    [GeneratedRegex(@"<(input|textarea|select)\b[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex FieldElement();

    [GeneratedRegex(@"\sname=""([^""]*)""")]
    private static partial Regex NameAttribute();

    [GeneratedRegex(@"<div[^>]*data-valmsg-summary=""true""")]
    private static partial Regex AllErrorsSummary();
}
