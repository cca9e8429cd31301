namespace ProctorWeb.Exams;

public static class ExamsSetup
{
    public static IServiceCollection AddExams(this IServiceCollection services)
    {
        services.AddOptions<ExamOptions>().BindConfiguration(ExamOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<FlagOptions>().BindConfiguration(FlagOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ExamRecorder>();
        services.AddSingleton<InvitationCodes>();
        services.AddSingleton<ExamRooms>();
        // One instance: the hub queues attendance on it, and as a hosted service it writes the queue (and drains it on stop).
        services.AddSingleton<AttendanceRecorder>();
        services.AddHostedService(provider => provider.GetRequiredService<AttendanceRecorder>());
        services.AddScoped<InvitationCheck>();
        services.AddScoped<RosterService>();
        services.AddAuthentication().AddInvitationCookie();
        return services;
    }

    public static IEndpointRouteBuilder MapExams(this IEndpointRouteBuilder app)
    {
        app.MapHub<ExamHub>(ExamHub.Path);
        return app;
    }
}
