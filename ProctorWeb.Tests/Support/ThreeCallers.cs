using ProctorWeb.Data;

namespace ProctorWeb.Tests.Support;

/// <summary>
/// One app with three people signed in on the calls page, each of whom sees all three in the lobby:
/// Alice (a teacher), Bob and Carol (students). Steps open another tab as one of them.
/// </summary>
public sealed class ThreeCallers : IAsyncDisposable
{
    private readonly Dictionary<HubClient, SignedInUser> _people = [];
    private readonly List<HubClient> _opened = [];

    private ThreeCallers(ProctorWebApplication app) => App = app;

    public ProctorWebApplication App { get; }
    public HubClient Alice { get; private set; } = null!;
    public HubClient Bob { get; private set; } = null!;
    public HubClient Carol { get; private set; } = null!;

    /// <param name="settings">App settings for the whole scene, such as a shorter ring timeout.</param>
    public static async Task<ThreeCallers> StartAsync(IReadOnlyDictionary<string, string?>? settings = null)
    {
        var scene = new ThreeCallers(new ProctorWebApplication(settings));
        try
        {
            scene.Alice = await scene.SignInAndConnectAsync("Alice", Roles.Teacher);
            scene.Bob = await scene.SignInAndConnectAsync("Bob", Roles.Student);
            scene.Carol = await scene.SignInAndConnectAsync("Carol", Roles.Student);
            await Lobby.EveryoneSeesEveryoneAsync(scene.Alice, scene.Bob, scene.Carol);
            return scene;
        }
        catch
        {
            await scene.DisposeAsync();
            throw;
        }
    }

    /// <summary>The person behind a connection: their browser and cookies, for pages and further tabs.</summary>
    public SignedInUser SignedInAs(HubClient caller) => _people[caller];

    /// <summary>Another tab of the same person on the calls page (it takes over from their earlier one).</summary>
    public async Task<HubClient> OpenTabAsync(HubClient caller)
    {
        var person = _people[caller];
        var tab = await App.ConnectAsync(person);
        _opened.Add(tab);
        _people[tab] = person;
        return tab;
    }

    private async Task<HubClient> SignInAndConnectAsync(string name, string role)
    {
        var person = await App.SignInAsync(await App.CreateUserAsync(name, role));
        var client = await App.ConnectAsync(person);
        _opened.Add(client);
        _people[client] = person;
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        // Closing an already closed connection is harmless, so tests may close theirs on the way.
        foreach (var client in _opened)
        {
            await client.DisposeAsync();
        }
        await App.DisposeAsync();
    }
}
