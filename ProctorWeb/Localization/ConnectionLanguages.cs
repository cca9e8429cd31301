using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Localization;

namespace ProctorWeb.Localization;

/// <summary>
/// The language each open hub connection's page speaks, so words the server sends one person because of
/// another's action (a proctor ending a student's exam) are written in the reader's language, not the actor's.
/// </summary>
public sealed class ConnectionLanguages
{
    private readonly ConcurrentDictionary<string, CultureInfo> _languages = new();

    public void Opened(string connectionId, CultureInfo culture) => _languages[connectionId] = culture;

    public void Closed(string connectionId) => _languages.TryRemove(connectionId, out _);

    /// <summary>
    /// <paramref name="words"/> looked up in the language of <paramref name="connectionId"/>'s page (English
    /// when the connection is gone): <c>languages.For(id, text, T => T["Your exam ended: {0}", reason])</c>.
    /// </summary>
    public string For(string connectionId, IStringLocalizer text, Func<IStringLocalizer, string> words)
    {
        var reader = _languages.TryGetValue(connectionId, out var culture) ? culture : CultureInfo.GetCultureInfo(Cultures.English);
        var (culture0, uiCulture0) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        try
        {
            CultureInfo.CurrentCulture = reader;
            CultureInfo.CurrentUICulture = reader;
            return words(text);
        }
        finally
        {
            CultureInfo.CurrentCulture = culture0;
            CultureInfo.CurrentUICulture = uiCulture0;
        }
    }
}
