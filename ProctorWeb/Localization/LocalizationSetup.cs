using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.SignalR;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.WebEncoders;

namespace ProctorWeb.Localization;

/// <summary>
/// English and Simplified Chinese: the language a person chose in the header (a cookie), else their
/// browser's; pages, validation, hubs and browser modules all speak it.
/// </summary>
public static class LocalizationSetup
{
    public static IServiceCollection AddAppLocalization(this IServiceCollection services)
    {
        services.AddLocalization();
        services.Configure<RequestLocalizationOptions>(o =>
        {
            o.DefaultRequestCulture = new RequestCulture(Cultures.English);
            o.SupportedCultures = Cultures.Supported.ToList();
            o.SupportedUICultures = Cultures.Supported.ToList();
            o.RequestCultureProviders = [new CookieRequestCultureProvider { CookieName = Cultures.CookieName }, new PreferredLanguageProvider()];
        });
        // Chinese as characters in the HTML, not as &#x…; entities three times their size.
        services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        services.TryAddSingleton<ServerText>();
        services.TryAddSingleton<ConnectionLanguages>();
        services.AddSingleton<ClientTextTable>();
        services.AddTransient<IConfigureOptions<MvcOptions>, LocalizedBindingMessages>();
        // First of the hub filters, so even a throttled or refused call answers in the caller's language.
        services.AddSingleton<HubCultureFilter>();
        services.AddOptions<HubOptions>().Configure<HubCultureFilter>((o, culture) => o.AddFilter(culture));
        return services;
    }

    /// <summary>Validation messages and display names of every page's input model, from the resource files.</summary>
    public static IMvcBuilder AddAppTextForModels(this IMvcBuilder mvc) =>
        mvc.AddDataAnnotationsLocalization(o => o.DataAnnotationLocalizerProvider = (_, factory) => new ServerText(factory));
}
