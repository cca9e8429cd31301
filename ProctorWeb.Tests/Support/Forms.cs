using System.Net;
using System.Text.RegularExpressions;

namespace ProctorWeb.Tests.Support;

/// <summary>Fills in a Razor Pages form the way a browser does: fetch the page, keep its antiforgery token, post.</summary>
public static partial class Forms
{
    public static async Task<string> GetAntiforgeryTokenAsync(HttpClient browser, string path)
    {
        var response = await browser.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return AntiforgeryToken(await response.Content.ReadAsStringAsync());
    }

    public static string AntiforgeryToken(string html)
    {
        // Attribute order is the tag helper's business, so find the input first, then its value.
        var input = TokenInput().Match(html);
        Assert.True(input.Success, "The page has no __RequestVerificationToken input.");
        var value = ValueAttribute().Match(input.Value);
        Assert.True(value.Success, $"The antiforgery input has no value: {input.Value}");
        return WebUtility.HtmlDecode(value.Groups[1].Value);
    }

    /// <summary>GETs <paramref name="path"/> for its token, then posts the fields to the same address.</summary>
    public static Task<HttpResponseMessage> PostAsync(HttpClient browser, string path, Dictionary<string, string> fields) =>
        PostAsync(browser, path, path, fields);

    /// <summary>Posts a form that lives on another page, such as the layout's sign-out button.</summary>
    public static async Task<HttpResponseMessage> PostAsync(HttpClient browser, string formPage, string action, Dictionary<string, string> fields)
    {
        var token = await GetAntiforgeryTokenAsync(browser, formPage);
        return await browser.PostAsync(action, new FormUrlEncodedContent(fields.Append(new("__RequestVerificationToken", token))));
    }

    [GeneratedRegex("""<input[^>]*name="__RequestVerificationToken"[^>]*>""")]
    private static partial Regex TokenInput();

    [GeneratedRegex("\\svalue=\"([^\"]*)\"")]
    private static partial Regex ValueAttribute();
}
