using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Microsoft.Extensions.Localization;
using ProctorWeb.Exams;
using ProctorWeb.Text;

namespace ProctorWeb.Localization;

/// <summary>
/// The words the browser modules show, in one language: every <see cref="IClientText"/> resource merged
/// (English text → the reader's text), plus each flag kind's label. Each page carries it as JSON for text.js.
/// </summary>
public sealed class ClientTextTable(IStringLocalizerFactory factory)
{
    public static readonly Type[] Sources = typeof(IClientText).Assembly.GetTypes()
        .Where(t => t.IsClass && typeof(IClientText).IsAssignableFrom(t))
        .OrderBy(t => t.Name, StringComparer.Ordinal)
        .ToArray();

    private readonly ConcurrentDictionary<string, string> _json = new();

    // Chinese as characters (a third of \uXXXX's size); <, >, & and quotes stay escaped whatever the ranges,
    // so the JSON can never end its script element.
    private static readonly JsonSerializerOptions Encoding = new() { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };

    /// <summary>The table for the current UI culture, as JSON safe inside a script element.</summary>
    public string Json => _json.GetOrAdd(CultureInfo.CurrentUICulture.Name, _ => Build());

    private string Build()
    {
        var text = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var source in Sources)
        {
            foreach (var entry in factory.Create(source).GetAllStrings(includeParentCultures: true))
            {
                text[entry.Name] = entry.Value;
            }
        }
        var flagText = factory.Create(typeof(FlagText));
        var flags = FlagKinds.Labels.ToDictionary(k => k.Key, k => flagText[k.Value].Value);
        return JsonSerializer.Serialize(new { text, flags }, Encoding);
    }
}
