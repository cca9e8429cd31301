using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.FileProviders;

namespace ProctorWeb.Configuration;

public static class RootAppSettings
{
    /// <summary>
    /// The app's one appsettings.json sits at the repository root and is copied beside the binaries
    /// at build time. Read it there, right after the default appsettings.json slot, so environment
    /// files, environment variables and the command line still override it.
    /// </summary>
    public static IConfigurationBuilder AddRootAppSettings(this IConfigurationBuilder configuration)
    {
        var sources = configuration.Sources;
        var defaultSlot = sources.ToList().FindIndex(s => s is JsonConfigurationSource { Path: "appsettings.json" });
        var source = new JsonConfigurationSource
        {
            Path = "appsettings.json",
            Optional = false,
            FileProvider = new PhysicalFileProvider(AppContext.BaseDirectory),
        };
        sources.Insert(defaultSlot + 1, source);
        return configuration;
    }
}
