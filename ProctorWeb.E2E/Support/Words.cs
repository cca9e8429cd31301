using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace ProctorWeb.E2E.Support;

/// <summary>
/// What the app says in a browser's language, read from the app's own resource files (ProctorWeb/Text), so a test
/// written with the English words finds the Chinese ones the page shows: <c>words["Talk to {name}", ("name", "Ada")]</c>.
/// </summary>
public sealed partial class Words(string locale)
{
    private static readonly Lazy<IReadOnlyDictionary<string, string>> Chinese = new(Load);

    public static readonly Words English = new("en-US");

    public bool IsChinese => locale.StartsWith("zh", StringComparison.OrdinalIgnoreCase);

    public string this[string english, params (string Name, object Value)[] values]
    {
        get
        {
            var text = IsChinese ? Chinese.Value.TryGetValue(english, out var chinese) ? chinese : throw new KeyNotFoundException($"No Chinese for \"{english}\".") : english;
            return Hole().Replace(text, m =>
            {
                var name = m.Groups[1].Value;
                var index = int.TryParse(name, out var i) ? i : -1;
                var found = index >= 0 && index < values.Length ? values[index] : values.FirstOrDefault(v => v.Name == name);
                return found.Name is null ? m.Value : Convert.ToString(found.Value, System.Globalization.CultureInfo.InvariantCulture)!;
            });
        }
    }

    private static IReadOnlyDictionary<string, string> Load()
    {
        var folder = Path.Combine(RepositoryRoot.Path, "ProctorWeb", "Text");
        var all = new Dictionary<string, string>();
        foreach (var file in Directory.GetFiles(folder, "*.zh-CN.resx"))
        {
            foreach (var data in XDocument.Load(file).Root!.Elements("data"))
            {
                all[(string)data.Attribute("name")!] = (string?)data.Element("value") ?? "";
            }
        }
        return all;
    }


    [GeneratedRegex(@"\{(\w+)\}")]
    private static partial Regex Hole();
}
