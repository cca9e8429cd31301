using ProctorWeb.Tests.Support;

namespace ProctorWeb.Tests.Calls;

public class CallOptionsTests
{
    [Theory]
    [InlineData("0")]
    [InlineData("301")]
    public async Task ARingTimeoutOutOfRangeStopsTheAppFromStarting(string seconds)
    {
        await using var app = new ProctorWebApplication(new Dictionary<string, string?> { ["Calls:RingTimeoutSeconds"] = seconds });

        var error = StartupFailure.Of(app);

        Assert.Contains("RingTimeoutSeconds", error.Message);
    }
}
