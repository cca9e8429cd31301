using System.Globalization;
using Microsoft.Extensions.Localization;

namespace ProctorWeb.Exams;

/// <summary>
/// The English text itself, for the exam helpers' callers that write for a file or a log rather than a reader
/// (the CSV downloads, unit tests): the English text is the key, so "translating" it into English is formatting it.
/// </summary>
public sealed class Untranslated : IStringLocalizer
{
    public static readonly Untranslated Text = new();

    public LocalizedString this[string name] => new(name, name, resourceNotFound: false);

    public LocalizedString this[string name, params object[] arguments] =>
        new(name, string.Format(CultureInfo.InvariantCulture, name, arguments), resourceNotFound: false);

    public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => [];
}
