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
        // Retention deletes the clips' files with the rest of the students' data.
        services.AddScoped<Retention.IStudentFiles>(provider => provider.GetRequiredService<ClipStore>());
        services.AddScoped<KeepRequests>();
        return services;
    }
}
