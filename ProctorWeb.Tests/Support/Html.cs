using System.Net;
using System.Text.RegularExpressions;

namespace ProctorWeb.Tests.Support;

/// <summary>Reads a page the way a person would: its visible text, a section under a heading, a field's value.</summary>
public static partial class Html
{
    /// <summary>The page with entities decoded, so names with apostrophes or typographic quotes compare as typed.</summary>
    public static string Decoded(string html) => WebUtility.HtmlDecode(html);

    public static async Task<string> ReadAsync(HttpResponseMessage response) => Decoded(await response.Content.ReadAsStringAsync());

    /// <summary>What a reader sees: scripts (the page's word table among them) and tags dropped, entities decoded, every run of white space one space.</summary>
    public static string VisibleText(string html) =>
        Decoded(WhiteSpace().Replace(Tag().Replace(Script().Replace(html, " "), " "), " ")).Replace(" ,", ",").Replace(" .", ".").Replace(" :", ":");

    [GeneratedRegex("<script\\b[^>]*>.*?</script>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex Script();

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tag();

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhiteSpace();

    /// <summary>The content of the &lt;section&gt; whose h2 heading is <paramref name="heading"/>.</summary>
    public static string Section(string html, string heading)
    {
        var match = Regex.Match(html, $"""<section[^>]*>\s*<h2[^>]*>{Regex.Escape(heading)}</h2>(.*?)</section>""", RegexOptions.Singleline);
        Assert.True(match.Success, $"The page has no section headed \"{heading}\".");
        return match.Groups[1].Value;
    }

    /// <summary>The validation message shown beside a field, or "" when there is none.</summary>
    public static string FieldError(string html, string field)
    {
        var match = Regex.Match(html, $"""<span[^>]*data-valmsg-for="{Regex.Escape(field)}"[^>]*>(.*?)</span>""", RegexOptions.Singleline);
        Assert.True(match.Success, $"The page has no validation message slot for {field}.");
        return Decoded(match.Groups[1].Value);
    }

    public static string TextArea(string html, string name)
    {
        var match = Regex.Match(html, $"""<textarea[^>]*name="{Regex.Escape(name)}"[^>]*>(.*?)</textarea>""", RegexOptions.Singleline);
        Assert.True(match.Success, $"The page has no textarea {name}.");
        // The tag helper starts the content with a newline, which browsers drop.
        return Decoded(match.Groups[1].Value).TrimStart('\r', '\n');
    }

    /// <summary>The value of the input a screen reader announces as <paramref name="label"/>.</summary>
    public static string InputValue(string html, string label)
    {
        var input = Regex.Match(html, $"""<input[^>]*aria-label="{Regex.Escape(label)}"[^>]*>""");
        Assert.True(input.Success, $"The page has no input labelled \"{label}\".");
        return Decoded(ValueAttribute().Match(input.Value).Groups[1].Value);
    }

    /// <summary>The raw content of the element with this id (a script's JSON, say).</summary>
    public static string ElementText(string html, string id)
    {
        var match = Regex.Match(html, $"""<(\w+)[^>]*\sid="{Regex.Escape(id)}"[^>]*>(.*?)</\1>""", RegexOptions.Singleline);
        Assert.True(match.Success, $"The page has no element with id {id}.");
        return match.Groups[2].Value;
    }

    [GeneratedRegex("\\svalue=\"([^\"]*)\"")]
    private static partial Regex ValueAttribute();
}
