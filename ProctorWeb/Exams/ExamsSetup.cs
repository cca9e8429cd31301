using Microsoft.Extensions.DependencyInjection.Extensions;
using ProctorWeb.Exams.Live;

namespace ProctorWeb.Exams;

public static class ExamsSetup
{
    public static IServiceCollection AddExams(this IServiceCollection services)
    {
        services.AddOptions<ExamOptions>().BindConfiguration(ExamOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<FlagOptions>().BindConfiguration(FlagOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ExamRecorder>();
        services.AddSingleton<FlagBudget>();
        services.AddSingleton<StudentContactBudget>();
        services.AddSingleton<InvitationCodes>();
        // Live exams: the registry alone holds who sits where; the clock, the notifier and the commands act on it.
        services.AddSingleton<IExamRegistry, ExamRegistry>();
        services.AddSingleton<ExamNotifier>();
        services.AddSingleton<StudentEnds>();
        services.AddSingleton<ExamPhases>();
        services.AddSingleton<ExamClock>();
        services.AddSingleton<LiveExamCommands>();
        // Pages' requests run here, unless AddCluster sends them to the node holding the exam.
        services.TryAddSingleton<ILiveCommandRoute, RunHere>();
        services.AddHostedService<ExamClockResume>();
        // One instance: the hub queues attendance on it, and as a hosted service it writes the queue (and drains it on stop).
        services.AddSingleton<AttendanceRecorder>();
        services.AddHostedService(provider => provider.GetRequiredService<AttendanceRecorder>());
        services.AddScoped<InvitationCheck>();
        services.AddScoped<RosterService>();
        services.AddScoped<InvitationMails>();
        services.AddAuthentication().AddInvitationCookie();
        return services;
    }

    public static IEndpointRouteBuilder MapExams(this IEndpointRouteBuilder app)
    {
        app.MapHub<ExamHub>(ExamHub.Path);
        return app;
    }
}
