using Microsoft.Playwright;
using Xunit.Abstractions;

[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace ProctorWeb.E2E.Support;

/// <summary>
/// A fresh app for each test; browsers from <see cref="IdleBrowsers"/>, each person in a fresh context.
/// Browser tests run one at a time because real video encoding shares this machine's two cores.
/// </summary>
public abstract class BrowserTest(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly List<Person> _people = [];

    // One folder of fake camera and microphone files for the run: the files are the same for every test
    // (named by what they show), and idle browsers from earlier tests still play them.
    private static readonly Lazy<string> MediaDirectory = new(() => RunFolder.Create("proctorweb-media-"));

    protected ITestOutputHelper Output { get; } = output;
    protected AppServer App { get; private set; } = null!;
    protected IPlaywright Playwright { get; private set; } = null!;

    protected virtual IDictionary<string, string?> Settings => new Dictionary<string, string?>();

    public async Task InitializeAsync()
    {
        Assertions.SetDefaultExpectTimeout(15_000);
        App = new AppServer(Settings);
        Playwright = await IdleBrowsers.PlaywrightAsync();
        // The face fixtures take a while to fetch and make, mostly waiting on the network: they are made
        // beside the first tests, and a face test that needs them awaits the same task (and its error).
        _ = FaceFixtures.DirectoryAsync();
    }

    /// <summary>Restarts the app on the same port and database; the browsers stay open.</summary>
    protected async Task RestartAppAsync() => App = await App.RestartAsync();

    /// <remarks>The browser's language is <paramref name="locale"/> (its Accept-Language and formats), English unless a test reads Chinese.</remarks>
    protected async Task<Person> LaunchAsync(string name, Rgb camera, string? timezoneId = null, (int Width, int Height)? cameraSize = null, bool speaking = false, bool shareScreen = false, string? cameraFile = null, string locale = "en-US")
    {
        var person = await Person.LaunchAsync(Playwright, App, name, camera, MediaDirectory.Value, timezoneId, cameraSize, speaking, shareScreen, cameraFile, locale);
        _people.Add(person);
        return person;
    }

    /// <summary>
    /// Runs <paramref name="body"/> on a page of the app with the browser module /js/<paramref name="module"/>
    /// imported as <c>m</c>: a unit check of one module, in real Chromium.
    /// </summary>
    protected async Task<T> RunWithModuleAsync<T>(string module, string body, bool speaking = false)
    {
        var person = await LaunchAsync("Tester", FakeCamera.Green, speaking: speaking);
        await person.Page.GotoAsync(App.Url("/"));
        return await person.Page.EvaluateAsync<T>($"async () => {{ const m = await import('/js/{module}'); {body} }}");
    }

    /// <summary>Launches a browser for a new account and signs it in on the Calls page.</summary>
    protected async Task<(Person Person, TestUser User)> SignedInOnCallsAsync(string name, Rgb camera)
    {
        var user = await App.CreateUserAsync(name);
        var person = await LaunchAsync(name, camera);
        await person.SignInAsync(user);
        await person.OpenCallsAsync();
        return (person, user);
    }

    public async Task DisposeAsync()
    {
        foreach (var person in _people)
        {
            await person.DisposeAsync();
        }
        await App.DisposeAsync();
    }
}
