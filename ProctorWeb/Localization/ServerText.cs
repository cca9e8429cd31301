using Microsoft.Extensions.Localization;
using ProctorWeb.Text;

namespace ProctorWeb.Localization;

/// <summary>
/// Every server-side resource as one: validation attributes and display names on any page's input model are
/// looked up here, so each page keeps its words in its own area's resource file.
/// </summary>
public sealed class ServerText(IStringLocalizerFactory factory) : IStringLocalizer
{
    public static readonly Type[] Areas = [typeof(SharedText), typeof(AccountText), typeof(ExamText), typeof(RoomText), typeof(LiveText), typeof(FlagText)];

    private readonly IStringLocalizer[] _areas = Areas.Select(factory.Create).ToArray();

    public LocalizedString this[string name] => Find(name, a => a[name]);

    public LocalizedString this[string name, params object[] arguments] => Find(name, a => a[name, arguments]);

    public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) =>
        _areas.SelectMany(a => a.GetAllStrings(includeParentCultures));

    private LocalizedString Find(string name, Func<IStringLocalizer, LocalizedString> lookUp)
    {
        LocalizedString? missing = null;
        foreach (var area in _areas)
        {
            var found = lookUp(area);
            if (!found.ResourceNotFound)
            {
                return found;
            }
            missing ??= found;
        }
        return missing ?? new LocalizedString(name, name, resourceNotFound: true);
    }
}
