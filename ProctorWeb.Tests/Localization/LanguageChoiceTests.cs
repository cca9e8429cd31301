using System.Net;
using ProctorWeb.Tests.Support;

namespace ProctorWeb.Tests.Localization;

public class LanguageChoiceTests
{
    [Theory]
    [InlineData("zh-CN", "zh-CN")]
    [InlineData("zh-TW,zh;q=0.9,en;q=0.8", "zh-CN")]
    [InlineData("fr-FR,zh-Hans;q=0.8,en;q=0.5", "zh-CN")]
    [InlineData("fr-FR,en-GB;q=0.8,zh;q=0.5", "en")]
    [InlineData("de-DE", "en")]
    [InlineData("", "en")]
    public async Task ThePageSpeaksTheFirstOfTheBrowsersLanguagesTheAppKnowsAndSaysSoInHtmlLang(string acceptLanguage, string expected)
    {
        await using var app = new ProctorWebApplication();
        var browser = app.CreateBrowser(new CookieContainer());
        using var request = new HttpRequestMessage(HttpMethod.Get, "/no/such/page");
        if (acceptLanguage.Length > 0)
        {
            request.Headers.TryAddWithoutValidation("Accept-Language", acceptLanguage);
        }

        var page = await (await browser.SendAsync(request)).Content.ReadAsStringAsync();

        Assert.Contains($"<html lang=\"{expected}\">", page);
        Assert.Contains(expected == "zh-CN" ? "找不到页面" : "Page not found", Html.VisibleText(page));
    }

    [Fact]
    public async Task TheHeadersSwitcherRemembersTheChoiceOverTheBrowsersLanguageAndReturnsToThePage()
    {
        await using var app = new ProctorWebApplication();
        var cookies = new CookieContainer();
        var browser = app.CreateBrowser(cookies);
        browser.DefaultRequestHeaders.Add("Accept-Language", "en-US,en;q=0.9");

        var english = await browser.GetStringAsync("/");
        Assert.Contains("简体中文", english);
        var switched = await browser.PostAsync("/Language", new FormUrlEncodedContent(new Dictionary<string, string> { ["culture"] = "zh-CN", ["returnUrl"] = "/no/such/page?x=1" }));

        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
        Assert.Equal("/no/such/page?x=1", switched.Headers.Location?.OriginalString);
        var chinese = await browser.GetStringAsync("/");
        Assert.Contains("<html lang=\"zh-CN\">", chinese);
        Assert.Contains("在线考试与实时监考", chinese);
        Assert.Contains(">English</button>", chinese);

        await browser.PostAsync("/Language", new FormUrlEncodedContent(new Dictionary<string, string> { ["culture"] = "en", ["returnUrl"] = "/" }));
        Assert.Contains("<html lang=\"en\">", await browser.GetStringAsync("/"));
    }

    [Theory]
    [InlineData("https://evil.example/", "/")]
    [InlineData("//evil.example/", "/")]
    [InlineData("", "/")]
    public async Task TheSwitcherOnlyReturnsToAPageOfThisSite(string returnUrl, string expected)
    {
        await using var app = new ProctorWebApplication();
        var browser = app.CreateBrowser(new CookieContainer());

        var switched = await browser.PostAsync("/Language", new FormUrlEncodedContent(new Dictionary<string, string> { ["culture"] = "zh-CN", ["returnUrl"] = returnUrl }));

        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
        Assert.Equal(expected, switched.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task ALanguageTheAppDoesNotSpeakChangesNothing()
    {
        await using var app = new ProctorWebApplication();
        var cookies = new CookieContainer();
        var browser = app.CreateBrowser(cookies);

        await browser.PostAsync("/Language", new FormUrlEncodedContent(new Dictionary<string, string> { ["culture"] = "xx-<script>", ["returnUrl"] = "/" }));

        Assert.Empty(cookies.GetCookies(ProctorWebApplication.BaseUri));
        Assert.Contains("<html lang=\"en\">", await browser.GetStringAsync("/"));
    }

    [Fact]
    public async Task EachPageCarriesTheBrowserModulesWordsInItsLanguage()
    {
        await using var app = new ProctorWebApplication();
        var browser = app.CreateBrowser(new CookieContainer());
        browser.DefaultRequestHeaders.Add("Accept-Language", "zh-CN");

        var page = await browser.GetStringAsync("/");

        var json = Html.ElementText(page, "ui-text");
        using var table = System.Text.Json.JsonDocument.Parse(json);
        Assert.Equal("离开了考试页面", table.RootElement.GetProperty("flags").GetProperty("left-page").GetString());
        Assert.Equal("未知", table.RootElement.GetProperty("text").GetProperty("Unknown").GetString());
        Assert.DoesNotContain("</", json);
    }
}
