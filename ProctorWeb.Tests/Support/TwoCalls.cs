namespace ProctorWeb.Tests.Support;

/// <summary>
/// One app with two calls going on side by side on the calls page: Alice with Bob, and Mallory with Victor.
/// For tests where one caller misbehaves (Mallory) and the other call must not notice.
/// </summary>
public sealed class TwoCalls : IAsyncDisposable
{
    private TwoCalls(ProctorWebApplication app) => App = app;

    public ProctorWebApplication App { get; }
    public HubClient Alice { get; private set; } = null!;
    public HubClient Bob { get; private set; } = null!;
    public HubClient Mallory { get; private set; } = null!;
    public HubClient Victor { get; private set; } = null!;
    public string AliceAndBob { get; private set; } = "";
    public string MalloryAndVictor { get; private set; } = "";

    private IEnumerable<HubClient> Everyone => new[] { Alice, Bob, Mallory, Victor }.Where(c => c is not null);

    public static async Task<TwoCalls> StartAsync()
    {
        var scene = new TwoCalls(new ProctorWebApplication());
        try
        {
            scene.Alice = await scene.App.ConnectNewUserAsync("Alice");
            scene.Bob = await scene.App.ConnectNewUserAsync("Bob");
            scene.Mallory = await scene.App.ConnectNewUserAsync("Mallory");
            scene.Victor = await scene.App.ConnectNewUserAsync("Victor");
            await Lobby.EveryoneSeesEveryoneAsync([.. scene.Everyone]);
            scene.AliceAndBob = await Lobby.StartCallAsync(scene.Alice, scene.Bob);
            scene.MalloryAndVictor = await Lobby.StartCallAsync(scene.Mallory, scene.Victor);
            return scene;
        }
        catch
        {
            await scene.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in Everyone)
        {
            await client.DisposeAsync();
        }
        await App.DisposeAsync();
    }
}
