using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ProctorWeb.Calls;
using ProctorWeb.Data;
using ProctorWeb.Exams;
using ProctorWeb.Realtime;

namespace ProctorWeb.Tests.Realtime;

public class RealtimeSetupTests
{
    [Fact]
    public void ExamsRunOnRealtimeAloneWithoutTheCallsFeature()
    {
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().Build())
            .AddRealtime()
            .AddAppDatabase()
            .AddExams();
        using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });

        using var scope = provider.CreateScope();
        Assert.NotNull(ActivatorUtilities.CreateInstance<ExamHub>(scope.ServiceProvider));
        Assert.Null(provider.GetService<CallCoordinator>());
        Assert.Same(TimeProvider.System, provider.GetRequiredService<TimeProvider>());
        // Every hub gets the connection cap, the throttle, the refusal log and the tracking of open connections, registered once by AddRealtime.
        var filters = provider.GetRequiredService<IOptions<HubOptions>>().Value;
        Assert.Equal(RealtimeSetup.MaximumHubMessageBytes, filters.MaximumReceiveMessageSize);
        Assert.Equal([typeof(HubConnectionLimitFilter), typeof(HubRateLimitFilter), typeof(RefusalLoggingFilter), typeof(OpenConnections.Tracking)], HubFilterTypes(filters));
    }

    // HubOptions keeps its filters internal; reflection reads them without widening the product's API for a test.
    private static IEnumerable<Type> HubFilterTypes(HubOptions options) =>
        ((IEnumerable<IHubFilter>)typeof(HubOptions).GetProperty("HubFilters", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!.GetValue(options)!)
            .Select(f => f.GetType());
}
