using ProctorWeb.Tests.Support;

namespace ProctorWeb.Tests.Realtime;

public class HubConnectionLimitTests
{
    private const string TooMany = "pages of this site open already";

    private static ProctorWebApplication AppAllowing(int connections) =>
        new(new Dictionary<string, string?> { ["HubRateLimit:ConnectionsPerUser"] = connections.ToString(System.Globalization.CultureInfo.InvariantCulture) });

    /// <summary>The refusal arrives as the connection's close, just after it opened (or, if fast enough, as the start failing).</summary>
    private static async Task<string> RefusalAsync(Func<Task<HubClient>> connect)
    {
        try
        {
            await using var client = await connect();
            return (await client.Closed.WaitAsync(HubClient.DefaultTimeout))?.Message ?? "closed without an error";
        }
        catch (Exception ex) when (ex is not TimeoutException)
        {
            return ex.Message;
        }
    }

    [Fact]
    public async Task OnePersonOpeningMoreConnectionsThanAllowedIsRefusedWithAClearMessageOnEveryHub()
    {
        await using var app = AppAllowing(2);
        var ada = await app.SignInAsync(await app.CreateUserAsync("Ada", ProctorWeb.Data.Roles.Teacher));
        await using var first = await app.ConnectAsync(ada);
        await using var second = await app.ConnectProctorAsync(ada);

        Assert.Contains(TooMany, await RefusalAsync(() => app.ConnectAsync(ada)));
        Assert.Contains(TooMany, await RefusalAsync(() => app.ConnectProctorAsync(ada)));
        // Someone else is not affected.
        await using var bob = await app.ConnectNewUserAsync("Bob");
        Assert.False(bob.Closed.IsCompleted);
    }

    [Fact]
    public async Task ClosingAConnectionMakesRoomForANewOne()
    {
        await using var app = AppAllowing(1);
        var ada = await app.SignInAsync(await app.CreateUserAsync("Ada"));
        var first = await app.ConnectAsync(ada);

        await first.DisposeAsync();

        // The server learns of the close a moment later: a new connection is let in once it has. A refused one
        // never gets to run a hub method, so a call answered is a connection accepted.
        await Eventually.MatchAsync(async () =>
        {
            await using var again = await app.ConnectAsync(ada);
            try
            {
                return await again.InvokeAsync<bool>(nameof(ProctorWeb.Calls.CallHub.Resume), "no-such-call") is false;
            }
            catch (Exception ex) when (ex is not TimeoutException)
            {
                return false;
            }
        }, accepted => accepted, "A new connection after closing the only one");
    }
}
