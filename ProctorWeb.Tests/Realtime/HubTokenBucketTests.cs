using ProctorWeb.Realtime;
using ProctorWeb.Tests.Support;
using static ProctorWeb.Realtime.HubTokenBucket;

namespace ProctorWeb.Tests.Realtime;

public class HubTokenBucketTests
{
    private static readonly HubRateLimitOptions Defaults = new();

    [Fact]
    public void AQuietConnectionMayBurstThenGetsThePermittedRate()
    {
        var bucket = new HubTokenBucket(Defaults);
        var start = TimeSpan.FromSeconds(100);

        var burst = Enumerable.Range(0, 200).Select(_ => bucket.Take(start)).ToList();
        var over = bucket.Take(start);
        var secondLater = Enumerable.Range(0, 51).Select(_ => bucket.Take(start + TimeSpan.FromSeconds(1))).ToList();

        Assert.All(burst, v => Assert.Equal(Verdict.Allowed, v));
        Assert.Equal(Verdict.FirstRefusal, over);
        Assert.Equal(50, secondLater.Count(v => v == Verdict.Allowed));
        Assert.NotEqual(Verdict.Allowed, secondLater[^1]);
    }

    [Fact]
    public void AConnectionKeepingJustUnderTheRateIsNeverRefused()
    {
        var bucket = new HubTokenBucket(Defaults);

        // 45 calls a second for a minute, evenly spread.
        var verdicts = Enumerable.Range(0, 45 * 60).Select(i => bucket.Take(TimeSpan.FromSeconds(i / 45.0))).ToList();

        Assert.All(verdicts, v => Assert.Equal(Verdict.Allowed, v));
    }

    [Fact]
    public void AFloodIsClosedOnceAfterTheConfiguredRefusalsButRunningALittleFastIsOnlySlowed()
    {
        var flood = new HubTokenBucket(Defaults);
        var floodVerdicts = Enumerable.Range(0, 5_000).Select(i => flood.Take(TimeSpan.FromMilliseconds(i / 10.0))).ToList();
        var fast = new HubTokenBucket(Defaults);
        // Twice the rate for a minute: half refused, never closed.
        var fastVerdicts = Enumerable.Range(0, 100 * 60).Select(i => fast.Take(TimeSpan.FromSeconds(i / 100.0))).ToList();

        Assert.Equal(1, floodVerdicts.Count(v => v == Verdict.Close));
        Assert.InRange(floodVerdicts.IndexOf(Verdict.Close), 200 + 500 - 1, 200 + 500 + 40);
        Assert.DoesNotContain(Verdict.Close, fastVerdicts);
        Assert.InRange(fastVerdicts.Count(v => v == Verdict.Allowed), 200 + 50 * 59, 200 + 50 * 61);
    }

    [Theory]
    [InlineData("PermitsPerSecond", "0")]
    [InlineData("Burst", "0")]
    [InlineData("CloseAfterRefusals", "0")]
    public async Task ARateLimitOutOfRangeStopsTheAppFromStarting(string setting, string value)
    {
        await using var app = new ProctorWebApplication(new Dictionary<string, string?> { [$"{HubRateLimitOptions.Section}:{setting}"] = value });

        var error = StartupFailure.Of(app);

        Assert.Contains(setting, error.Message);
    }
}
