namespace ProctorWeb.Media;

public static class MediaSetup
{
    public static IServiceCollection AddMedia(this IServiceCollection services)
    {
        // IceServers is an array in appsettings.json; bind it into the options' list.
        services.AddOptions<IceServerOptions>()
            .Configure<IConfiguration>((o, config) => config.GetSection(IceServerOptions.Section).Bind(o.Servers))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        return services;
    }
}
