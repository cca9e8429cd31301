using Microsoft.Extensions.Options;

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
        services.AddOptions<TurnOptions>().BindConfiguration(TurnOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<MediaOptions>().BindConfiguration(MediaOptions.Section).ValidateDataAnnotations()
            // Relay-only without a relay would leave browsers with no candidate at all: refuse to start instead.
            .Validate<IOptions<TurnOptions>, IOptions<IceServerOptions>>(
                (media, turn, ice) => media.IceTransportPolicy != "relay" || turn.Value.Enabled || ice.Value.Servers.Any(s => s.Urls.Any(u => u.StartsWith("turn", StringComparison.Ordinal))),
                "Media:IceTransportPolicy is \"relay\" but no TURN server is configured (Turn or IceServers).")
            .ValidateOnStart();
        services.AddSingleton<TurnCredentials>();
        services.AddSingleton<PeerSettingsFactory>();
        return services;
    }
}
