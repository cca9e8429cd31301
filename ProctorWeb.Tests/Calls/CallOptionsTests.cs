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

    [Fact]
    public async Task AConfiguredRingTimeoutReachesTheCallsPage()
    {
        await using var app = new ProctorWebApplication(new Dictionary<string, string?> { ["Calls:RingTimeoutSeconds"] = "7" });
        var ada = await app.SignInAsync(await app.CreateUserAsync("Ada"));

        Assert.Contains("data-ring-timeout=\"7\"", await ada.Browser.GetStringAsync("/Calls"));
    }
}
