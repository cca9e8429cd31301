using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ProctorWeb.E2E.Support;

/// <summary>
/// One Chromium for every face-check test, since loading the models is the slow part: a student who agreed to
/// monitoring (so the exam room answers them), with the one-face picture as their camera. Each test opens its own
/// tab at the exam room's address, served with the room's real response headers (so its real Content-Security-Policy)
/// but a blank body, so that the room's own script does not run there; the fixture pictures can be fetched from
/// <c>/face-fixtures/NAME.y4m</c> and drawn with <c>fixturePicture(NAME)</c>.
/// </summary>
public sealed class FaceCheckBrowser : IAsyncLifetime
{
    /// <summary>Draws the first frame of a 4:2:0 .y4m file (as ffmpeg writes them: BT.601, limited range) on a new canvas.</summary>
    private const string PictureScript = """
        window.fixturePicture = async name => {
            const bytes = new Uint8Array(await (await fetch(`/face-fixtures/${name}.y4m`)).arrayBuffer());
            const headerEnd = bytes.indexOf(10);
            const header = new TextDecoder().decode(bytes.subarray(0, headerEnd));
            const w = Number(header.match(/ W(\d+)/)[1]), h = Number(header.match(/ H(\d+)/)[1]);
            const at = bytes.indexOf(10, headerEnd + 1) + 1;
            const luma = bytes.subarray(at, at + w * h);
            const u = bytes.subarray(at + w * h, at + w * h * 5 / 4);
            const v = bytes.subarray(at + w * h * 5 / 4, at + w * h * 3 / 2);
            const canvas = document.createElement('canvas');
            canvas.width = w;
            canvas.height = h;
            const context = canvas.getContext('2d');
            const image = context.createImageData(w, h);
            for (let y = 0; y < h; y++) {
                for (let x = 0; x < w; x++) {
                    const c = (y >> 1) * (w >> 1) + (x >> 1), l = 1.164 * (luma[y * w + x] - 16), cb = u[c] - 128, cr = v[c] - 128, i = 4 * (y * w + x);
                    image.data.set([l + 1.596 * cr, l - 0.392 * cb - 0.813 * cr, l + 2.017 * cb, 255], i);
                }
            }
            context.putImageData(image, 0, 0);
            return canvas;
        };
        """;

    public AppServer App { get; private set; } = null!;
    public IPlaywright Playwright { get; private set; } = null!;
    public Person Student { get; private set; } = null!;
    public string Fixtures { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Assertions.SetDefaultExpectTimeout(15_000);
        Fixtures = await FaceFixtures.DirectoryAsync();
        App = new AppServer();
        Playwright = await IdleBrowsers.PlaywrightAsync();
        var teacher = await App.CreateUserAsync("Tess");
        var (_, links) = await App.CreateExamAsync(teacher, DateTime.UtcNow.AddMinutes(-1), 30, "Ada");
        Student = await Person.LaunchAsync(Playwright, App, "Ada", FakeCamera.Green, Fixtures, cameraFile: await FaceFixtures.FileAsync("one-face"));
        await Student.Page.GotoAsync(links[0]);
        await Student.Page.GetByLabel("I understand and agree").CheckAsync();
        await Student.Page.GetByRole(AriaRole.Button, new() { Name = "Continue to the device check" }).ClickAsync();
        await Expect(Student.Page.GetByRole(AriaRole.Heading, new() { Name = "Device check" })).ToBeVisibleAsync();
        // Done with the real room: the tests' tabs must not be a second exam session.
        await Student.Page.GotoAsync("about:blank");
    }

    private IPage? _testTab;

    /// <summary>
    /// A new tab at /Join/Room with the room's headers and an empty page, the fixture pictures at hand. The previous
    /// test's tab closes, so that no test's timers and streams run on into the next.
    /// </summary>
    public async Task<IPage> OpenRoomTabAsync()
    {
        if (_testTab is not null)
        {
            await _testTab.CloseAsync();
        }
        var page = _testTab = await Student.OpenAnotherTabAsync();
        await page.AddInitScriptAsync(PictureScript);
        await page.RouteAsync(App.Url("/Join/Room"), async route =>
        {
            var room = await route.FetchAsync();
            Assert.Equal(200, room.Status);
            await route.FulfillAsync(new() { Response = room, Body = "<!doctype html><html lang=\"en\"><title>Face checks</title><p>Face checks</p></html>" });
        });
        await page.RouteAsync(App.Url("/face-fixtures/*"), route =>
            route.FulfillAsync(new() { Path = Path.Combine(Fixtures, Path.GetFileName(new Uri(route.Request.Url).LocalPath)) }));
        await page.GotoAsync(App.Url("/Join/Room"));
        return page;
    }

    private Task<IPage>? _photos;

    /// <summary>
    /// One tab, shared by the tests that only look at pictures, where the product's checker (describing faces) is
    /// loaded once as <c>window.checker</c>, and every still picture is at hand as <c>window.pictures[NAME]</c>.
    /// </summary>
    public async Task<IPage> PhotosAsync()
    {
        var page = await (_photos ??= OpenPhotosAsync());
        // Other tests opened tabs after it: a tab in the background may not paint its videos' new frames.
        await page.BringToFrontAsync();
        return page;
    }

    private async Task<IPage> OpenPhotosAsync()
    {
        var page = await OpenRoomTabAsync();
        _testTab = null;
        var problem = await page.EvaluateAsync<string?>("""
            async names => {
                const { loadFaceChecks } = await import('/js/faceChecks.js');
                const loaded = await loadFaceChecks({ describe: true });
                if (!loaded.checker) return loaded.reason;
                window.checker = loaded.checker;
                window.pictures = {};
                for (const name of names) window.pictures[name] = await fixturePicture(name);
                return null;
            }
            """, FaceFixtures.Stills);
        Assert.True(problem is null, $"The face checks did not load: {problem}");
        return page;
    }

    public async Task DisposeAsync()
    {
        await Student.DisposeAsync();
        await App.DisposeAsync();
    }
}
