namespace ProctorWeb.Tests.Support;

/// <summary>
/// Waits for what the app does a moment after a call returns and tells nobody about (a timer's database write
/// with no one connected to hear of it), by looking again every few milliseconds until it holds or time is up.
/// </summary>
public static class Eventually
{
    public static async Task<T> MatchAsync<T>(Func<Task<T>> read, Func<T, bool> holds, string what, TimeSpan? timeout = null)
    {
        var limit = timeout ?? TimeSpan.FromSeconds(10);
        using var deadline = new CancellationTokenSource(limit);
        using var poll = new PeriodicTimer(TimeSpan.FromMilliseconds(20));
        var last = await read();
        while (!holds(last))
        {
            if (!await poll.WaitForNextTickAsync(CancellationToken.None) || deadline.IsCancellationRequested)
            {
                throw new Xunit.Sdk.XunitException($"{what} did not happen within {limit.TotalSeconds:0.#} s; last seen: {last}");
            }
            last = await read();
        }
        return last;
    }
}
