namespace ProctorWeb.Evidence;

public static class EvidenceSetup
{
    public static IServiceCollection AddEvidence(this IServiceCollection services)
    {
        services.AddOptions<ClipOptions>().BindConfiguration(ClipOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ClipFolder>();
        services.AddHostedService<ClipFolder.Preparation>();
        services.AddSingleton<ClipLocks>();
        services.AddScoped<ClipUploads>();
        services.AddScoped<ClipStore>();
        services.AddScoped<KeepRequests>();
        return services;
    }
}
