using System.Xml.Linq;
using ProctorWeb.Tests.Support;

namespace ProctorWeb.Tests.Localization;

/// <summary>The resource files under ProctorWeb/Text as written in the repository: NAME.resx (English) beside NAME.zh-CN.resx.</summary>
public sealed record ResourceFile(string Name, IReadOnlyDictionary<string, string> English, IReadOnlyDictionary<string, string> Chinese)
{
    public static string Folder => RepositoryRoot.Combine("ProctorWeb", "Text");

    public bool IsClientText => File.ReadAllText(Path.Combine(Folder, Name + ".cs")).Contains(": IClientText");

    public static IReadOnlyList<ResourceFile> All() =>
        Directory.GetFiles(Folder, "*.resx")
            .Select(Path.GetFileName)
            .Where(f => f!.Count(c => c == '.') == 1)
            .Select(f => Path.GetFileNameWithoutExtension(f)!)
            .Order(StringComparer.Ordinal)
            .Select(name => new ResourceFile(name, Read(Path.Combine(Folder, name + ".resx")), Read(Path.Combine(Folder, name + ".zh-CN.resx"))))
            .ToList();

    private static Dictionary<string, string> Read(string path) =>
        File.Exists(path)
            ? XDocument.Load(path).Root!.Elements("data").ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value") ?? "")
            : [];
}
