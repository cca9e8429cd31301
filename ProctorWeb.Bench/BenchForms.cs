using System.Net;
using System.Text.RegularExpressions;

namespace ProctorWeb.Bench;

/// <summary>What a browser posts before it connects: a teacher's sign-in, students' consent on their links. Cookies come back as one header value.</summary>
public static partial class BenchForms
{
    public static async Task<string> SignInAsync(HttpClient http, Uri baseUri, string email, string password)
    {
        var (antiforgery, token) = await FormTokenAsync(http, baseUri, "/Account/Login");
        var cookies = await PostFormAsync(http, baseUri, "/Account/Login", antiforgery, token, new()
        {
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        });
        return cookies;
    }

    public static async Task<List<string>> RedeemAllAsync(HttpClient http, Uri baseUri, IReadOnlyList<string> links)
    {
        // One antiforgery pair serves every anonymous POST, as it would for one browser opening many links.
        var (antiforgery, token) = await FormTokenAsync(http, baseUri, links[0]);
        var cookies = new string[links.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, links.Count), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) =>
            cookies[i] = await PostFormAsync(http, baseUri, links[i], antiforgery, token, new() { ["Agree"] = "true" }));
        return cookies.ToList();
    }

    private static async Task<(string Cookie, string Token)> FormTokenAsync(HttpClient http, Uri baseUri, string path)
    {
        using var response = await http.GetAsync(new Uri(baseUri, path));
        response.EnsureSuccessStatusCode();
        var html = await response.Content.ReadAsStringAsync();
        var token = TokenField().Match(html);
        if (!token.Success)
        {
            throw new InvalidOperationException($"No antiforgery token on {path}.");
        }
        return (CookiesFrom(response), WebUtility.HtmlDecode(token.Groups[1].Value));
    }

    /// <summary>Posts a form and returns the cookies the answer set; anything but a redirect is a failure.</summary>
    private static async Task<string> PostFormAsync(HttpClient http, Uri baseUri, string path, string cookie, string token, Dictionary<string, string> fields)
    {
        fields["__RequestVerificationToken"] = token;
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(baseUri, path)) { Content = new FormUrlEncodedContent(fields) };
        request.Headers.Add("Cookie", cookie);
        using var response = await http.SendAsync(request);
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"POST {path} answered {(int)response.StatusCode}, not a redirect.");
        }
        return CookiesFrom(response);
    }

    private static string CookiesFrom(HttpResponseMessage response) =>
        string.Join("; ", response.Headers.TryGetValues("Set-Cookie", out var values) ? values.Select(v => v.Split(';')[0]) : []);

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}
