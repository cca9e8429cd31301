using System.Text.Encodings.Web;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Html;
using Microsoft.Extensions.Localization;

namespace ProctorWeb.Localization;

/// <summary>
/// A translated sentence with a link (or other markup) inside, where each language puts it in its own place:
/// <c>@T["Start again from {0}."].Around(@&lt;a href="/"&gt;@T["the start page"]&lt;/a&gt;)</c>.
/// The sentence's words are HTML-encoded; only the markup passed in is kept as markup.
/// </summary>
public static partial class Sentences
{
    public static IHtmlContent Around(this LocalizedString sentence, params Func<object?, IHtmlContent>[] parts)
    {
        var html = new HtmlContentBuilder();
        var at = 0;
        foreach (Match hole in Holes().Matches(sentence.Value))
        {
            html.Append(sentence.Value[at..hole.Index]);
            var index = int.Parse(hole.Groups[1].Value);
            if (index < parts.Length)
            {
                html.AppendHtml(parts[index](null));
            }
            at = hole.Index + hole.Length;
        }
        html.Append(sentence.Value[at..]);
        return html;
    }

    [GeneratedRegex(@"\{(\d)\}")]
    private static partial Regex Holes();
}
