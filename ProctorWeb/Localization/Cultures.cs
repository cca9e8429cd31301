using System.Globalization;

namespace ProctorWeb.Localization;

/// <summary>The languages the app speaks: English (the default) and Simplified Chinese.</summary>
public static class Cultures
{
    public const string English = "en";
    public const string Chinese = "zh-CN";

    /// <summary>Remembers a person's choice from the header's switcher, ahead of their browser's languages.</summary>
    public const string CookieName = ".ProctorWeb.Language";

    public static readonly IReadOnlyList<CultureInfo> Supported = [new(English), new(Chinese)];

    /// <summary>The supported culture a language tag means: any Chinese (zh, zh-Hans, zh-TW) reads Simplified, any English English.</summary>
    public static string? Match(string? tag)
    {
        if (string.IsNullOrWhiteSpace(tag))
        {
            return null;
        }
        var primary = tag.Trim().Split('-', '_')[0];
        return primary.Equals("zh", StringComparison.OrdinalIgnoreCase) ? Chinese
            : primary.Equals("en", StringComparison.OrdinalIgnoreCase) ? English
            : null;
    }

    public static bool IsChinese => CultureInfo.CurrentUICulture.Name == Chinese;
}
