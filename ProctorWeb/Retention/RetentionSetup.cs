using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ProctorWeb.Retention;

public static class RetentionSetup
{
    public static IServiceCollection AddRetention(this IServiceCollection services)
    {
        services.AddOptions<RetentionOptions>().BindConfiguration(RetentionOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        // Every connection of the database zeroes what it deletes (DataSetup adds each registered interceptor).
        services.AddSingleton<IInterceptor, SecureDeleteInterceptor>();
        services.AddScoped<StudentDataEraser>();
        services.AddHostedService<RetentionSweep>();
        return services;
    }
}
