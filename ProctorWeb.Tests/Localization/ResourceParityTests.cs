using System.Text.RegularExpressions;

namespace ProctorWeb.Tests.Localization;

public partial class ResourceParityTests
{
    [Fact]
    public void EveryResourceFileHasAChineseTwinAndTheFolderHoldsTheAreasTheAppLooksIn()
    {
        var files = ResourceFile.All();
        var names = files.Select(f => f.Name).ToList();
        Assert.Contains("SharedText", names);
        Assert.Contains("FlagText", names);
        foreach (var area in ProctorWeb.Localization.ServerText.Areas.Concat(ProctorWeb.Localization.ClientTextTable.Sources))
        {
            Assert.Contains(area.Name, names);
        }
        foreach (var file in files)
        {
            Assert.True(File.Exists(Path.Combine(ResourceFile.Folder, file.Name + ".zh-CN.resx")), $"{file.Name}.resx has no zh-CN twin.");
        }
    }

    [Fact]
    public void EveryKeyExistsInBothLanguagesWithAChineseTextThatKeepsEachPlaceholder()
    {
        var problems = new List<string>();
        foreach (var file in ResourceFile.All())
        {
            problems.AddRange(file.English.Keys.Except(file.Chinese.Keys).Select(k => $"{file.Name}: \"{k}\" is in English only"));
            problems.AddRange(file.Chinese.Keys.Except(file.English.Keys).Select(k => $"{file.Name}: \"{k}\" is in Chinese only"));
            foreach (var (key, english) in file.English)
            {
                if (english != key)
                {
                    problems.Add($"{file.Name}: the English text of \"{key}\" differs from its key, which is the English text the code shows");
                }
                if (!file.Chinese.TryGetValue(key, out var chinese))
                {
                    continue;
                }
                if (string.IsNullOrWhiteSpace(chinese))
                {
                    problems.Add($"{file.Name}: \"{key}\" has no Chinese text");
                }
                else if (!Placeholders(english).SequenceEqual(Placeholders(chinese)))
                {
                    problems.Add($"{file.Name}: \"{key}\" and its Chinese text \"{chinese}\" have different placeholders");
                }
            }
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void NoTwoBrowserResourcesTranslateTheSameEnglishDifferently()
    {
        var seen = new Dictionary<string, (string File, string Chinese)>();
        var problems = new List<string>();
        foreach (var file in ResourceFile.All().Where(f => f.IsClientText))
        {
            foreach (var (key, chinese) in file.Chinese)
            {
                if (seen.TryGetValue(key, out var earlier) && earlier.Chinese != chinese)
                {
                    problems.Add($"\"{key}\": {earlier.File} says \"{earlier.Chinese}\", {file.Name} says \"{chinese}\"");
                }
                seen[key] = (file.Name, chinese);
            }
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    private static IEnumerable<string> Placeholders(string text) =>
        Placeholder().Matches(text).Select(m => m.Value).Order(StringComparer.Ordinal);

    [GeneratedRegex(@"\{\w+(?::[^}]*)?\}")]
    private static partial Regex Placeholder();
}
