using System.Text.RegularExpressions;
using ProctorWeb.Tests.Support;

namespace ProctorWeb.Tests.Localization;

/// <summary>
/// Every literal the code looks up is in a resource file, so no page or module falls back to English in
/// Chinese. Server code names its localizers T (and Flags for flag words); browser modules call t('…').
/// </summary>
public partial class TextInUseTests
{
    [Fact]
    public void EveryTextThePagesAndServerCodeLookUpIsInAServerResource()
    {
        var keys = ResourceFile.All().Where(f => !f.IsClientText || f.Name == "FlagText").SelectMany(f => f.English.Keys).ToHashSet();
        var missing = Sources("*.cshtml").Concat(Sources("*.cs"))
            .SelectMany(source => ServerLookup().Matches(source.Text).Select(m => (source.File, Key: Unescape(m.Groups[1].Value))))
            .Where(use => !keys.Contains(use.Key))
            .Select(use => $"{use.File}: \"{use.Key}\"")
            .Distinct()
            .ToList();
        Assert.True(missing.Count == 0, "Not in any resource file:\n" + string.Join("\n", missing));
    }

    [Fact]
    public void EveryTextTheBrowserModulesLookUpIsInABrowserResource()
    {
        var keys = ResourceFile.All().Where(f => f.IsClientText).SelectMany(f => f.English.Keys).ToHashSet();
        var uses = Sources("*.js", "wwwroot", "js")
            .SelectMany(source => ClientLookup().Matches(source.Text).Select(m => (source.File, Key: Unescape(m.Groups[2].Value))))
            .ToList();
        Assert.NotEmpty(uses);
        var missing = uses.Where(use => !keys.Contains(use.Key)).Select(use => $"{use.File}: \"{use.Key}\"").Distinct().ToList();
        Assert.True(missing.Count == 0, "Not in any browser resource file:\n" + string.Join("\n", missing));
    }

    private static IEnumerable<(string File, string Text)> Sources(string pattern, params string[] under) =>
        Directory.GetFiles(RepositoryRoot.Combine(["ProctorWeb", .. under]), pattern, SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}") && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && !f.Contains($"{Path.DirectorySeparatorChar}lib{Path.DirectorySeparatorChar}"))
            .Select(f => (Path.GetRelativePath(RepositoryRoot.Path, f), WithoutComments(File.ReadAllLines(f))));

    // Examples in comments ("t('Talk to {name}')") are not lookups.
    private static string WithoutComments(IEnumerable<string> lines) =>
        string.Join("\n", lines.Where(l => !l.TrimStart().StartsWith("//") && !l.TrimStart().StartsWith("*") && !l.TrimStart().StartsWith("/**")));

    private static string Unescape(string literal) => literal.Replace("\\\"", "\"").Replace("\\'", "'").Replace("\\\\", "\\");

    [GeneratedRegex(@"\b(?:T|Flags)\[\s*""((?:[^""\\]|\\.)*)""")]
    private static partial Regex ServerLookup();

    [GeneratedRegex(@"\bt\(\s*(['""])((?:(?!\1)[^\\]|\\.)*)\1")]
    private static partial Regex ClientLookup();
}
