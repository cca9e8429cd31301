using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;
using ProctorWeb.Calls;
using ProctorWeb.Exams;
using ProctorWeb.Tests.Support;

namespace ProctorWeb.Tests.Configuration;

public class RootAppSettingsTests
{
    private static JsonElement RootFile() => JsonDocument.Parse(File.ReadAllText(RepositoryRoot.Combine("appsettings.json"))).RootElement;

    [Fact]
    public async Task TheAppReadsTheRepositoryRootsAppSettings()
    {
        await using var app = new ProctorWebApplication();
        var file = RootFile();

        var configuration = (IConfigurationRoot)app.Services.GetRequiredService<IConfiguration>();
        var calls = app.Services.GetRequiredService<IOptions<CallOptions>>().Value;
        var exams = app.Services.GetRequiredService<IOptions<ExamOptions>>().Value;

        // Not the connection string or the invitation key file: the test app points those at its own temp files.
        Assert.Equal(file.GetProperty("Calls").GetProperty("RingTimeoutSeconds").GetInt32(), calls.RingTimeoutSeconds);
        Assert.Equal(file.GetProperty("Exams").GetProperty("OpensMinutesBeforeStart").GetInt32(), exams.OpensMinutesBeforeStart);
        // The values above could match by coincidence with defaults; the loaded file itself must be the root one.
        var loaded = configuration.Providers.OfType<JsonConfigurationProvider>()
            .Select(p => p.Source.FileProvider?.GetFileInfo(p.Source.Path!))
            .Where(f => f is { Exists: true })
            .Select(f => File.ReadAllText(f!.PhysicalPath!))
            .ToList();
        Assert.Contains(File.ReadAllText(RepositoryRoot.Combine("appsettings.json")), loaded);
    }
}
