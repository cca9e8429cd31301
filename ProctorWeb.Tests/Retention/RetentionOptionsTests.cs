using ProctorWeb.Tests.Support;

namespace ProctorWeb.Tests.Retention;

public class RetentionOptionsTests
{
    [Theory]
    [InlineData("0")]
    [InlineData("3651")]
    public async Task ADefaultRetentionOutOfRangeStopsTheAppFromStarting(string days)
    {
        await using var app = new ProctorWebApplication(new Dictionary<string, string?> { ["Retention:DefaultDays"] = days });

        var error = StartupFailure.Of(app);

        Assert.Contains("DefaultDays", error.Message);
    }
}
