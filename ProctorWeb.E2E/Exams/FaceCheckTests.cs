using System.Text.Json;
using ProctorWeb.E2E.Support;
using ProctorWeb.Exams;
using Xunit.Abstractions;

namespace ProctorWeb.E2E.Exams;

/// <summary>
/// The face checks in real Chromium under the exam room's own policy: the product's module and models on the
/// fixture pictures (photos of real faces, see scripts/face-fixtures.sh), and the face flags of the detectors.
/// One browser serves the whole class (<see cref="FaceCheckBrowser"/>); each test opens its own tab.
/// </summary>
public class FaceCheckTests(FaceCheckBrowser browser, ITestOutputHelper output) : IClassFixture<FaceCheckBrowser>
{
    private static readonly FlagOptions Defaults = new();

    /// <summary>Each picture looked at three times, as the checks look at a still camera again and again.</summary>
    private async Task<List<(int Faces, double? Yaw, double Ms)>> InspectAsync(string picture)
    {
        var page = await browser.PhotosAsync();
        var results = await page.EvaluateAsync<JsonElement>("""
            async name => {
                const seen = [];
                for (let i = 0; i < 3; i++) seen.push(await window.checker.inspect(window.pictures[name], { describe: false }));
                return seen;
            }
            """, picture);
        var list = results.EnumerateArray().Select(r => (
            r.GetProperty("faces").GetInt32(),
            r.GetProperty("yaw").ValueKind == JsonValueKind.Null ? (double?)null : r.GetProperty("yaw").GetDouble(),
            r.GetProperty("milliseconds").GetDouble())).ToList();
        output.WriteLine($"{picture}: faces {string.Join(", ", list.Select(r => r.Item1))}; yaw {string.Join(", ", list.Select(r => r.Item2?.ToString("0.0") ?? "-"))}°; {string.Join(", ", list.Select(r => r.Item3.ToString("0")))} ms");
        return list;
    }

    [Fact]
    public async Task AFaceLookingAtTheCameraIsOneFaceWithTheHeadStraightSmallOrLarge()
    {
        foreach (var picture in new[] { "one-face", "one-face-small", "one-face-640x360" })
        {
            var seen = await InspectAsync(picture);

            Assert.All(seen, r =>
            {
                Assert.Equal(1, r.Faces);
                Assert.InRange(r.Yaw!.Value, -10, 10);
            });
        }
    }

    [Fact]
    public async Task TwoPeopleSideBySideAreTwoFaces()
    {
        var seen = await InspectAsync("two-faces");

        Assert.All(seen, r => Assert.Equal(2, r.Faces));
    }

    [Fact]
    public async Task ACoffeeCupAPlainWallAndAFaceHalfOutOfViewAreNoFace()
    {
        foreach (var picture in new[] { "no-face-coffee", "no-face-wall", "face-half-out" })
        {
            var seen = await InspectAsync(picture);

            Assert.All(seen, r => Assert.Equal(0, r.Faces));
        }
    }

    [Fact]
    public async Task AManInProfileIsTurnedFurtherThanTheDefaultTurnedAwayAngle()
    {
        var seen = await InspectAsync("face-profile");

        Assert.All(seen, r =>
        {
            Assert.Equal(1, r.Faces);
            Assert.True(Math.Abs(r.Yaw!.Value) > Defaults.TurnedAwayDegrees, $"Yaw {r.Yaw:0.0}° is within the default {Defaults.TurnedAwayDegrees}°.");
        });
    }

    [Fact]
    public async Task AnotherPersonIsFartherThanTheDefaultDistanceAndTheSamePersonSmallerLargerOrOnTheLiveCameraIsNearer()
    {
        var page = await browser.PhotosAsync();

        // Each of the first person's pictures stands in for the ID photo in turn. The camera plays the one-face
        // picture through Chromium's capture path: other pixels of the same person.
        var distances = await page.EvaluateAsync<Dictionary<string, double>>("""
            async () => {
                const describe = async source => (await window.checker.inspect(source, { describe: true })).description;
                const stream = await navigator.mediaDevices.getUserMedia({ video: true });
                const video = document.createElement('video');
                video.muted = true;
                video.srcObject = stream;
                await video.play();
                const seen = { 'camera frame 1': await describe(video), 'camera frame 2': await describe(video) };
                stream.getTracks().forEach(t => t.stop());
                for (const name of ['one-face', 'one-face-small', 'one-face-640x360', 'other-person', 'face-profile']) seen[name] = await describe(window.pictures[name]);
                const distances = {};
                for (const reference of ['one-face', 'one-face-640x360']) {
                    for (const [name, description] of Object.entries(seen)) {
                        if (name !== reference) distances[`${reference} to ${name}`] = window.checker.distance(seen[reference], description);
                    }
                }
                distances['camera frame 1 to camera frame 2'] = window.checker.distance(seen['camera frame 1'], seen['camera frame 2']);
                return distances;
            }
            """);
        output.WriteLine(string.Join("\n", distances.Select(d => $"{d.Key}: {d.Value:0.000}")));

        Assert.All(distances, d =>
        {
            // The second person and the man in profile are other people; every other picture is the first person.
            var another = d.Key.EndsWith("other-person", StringComparison.Ordinal) || d.Key.EndsWith("face-profile", StringComparison.Ordinal);
            Assert.True(another ? d.Value > Defaults.DifferentPersonDistance : d.Value < Defaults.DifferentPersonDistance,
                $"{d.Key}: {d.Value:0.000} against the default {Defaults.DifferentPersonDistance}");
        });
    }

    [Fact]
    public async Task TheLiveCameraIsCheckedAsItPlays()
    {
        var page = await browser.PhotosAsync();

        var seen = await page.EvaluateAsync<JsonElement>("""
            async () => {
                const stream = await navigator.mediaDevices.getUserMedia({ video: true });
                const video = document.createElement('video');
                video.muted = true;
                video.srcObject = stream;
                await video.play();
                const results = [];
                for (let i = 0; i < 5; i++) results.push(await window.checker.inspect(video, { describe: false }));
                stream.getTracks().forEach(t => t.stop());
                return results;
            }
            """);

        var results = seen.EnumerateArray().ToList();
        output.WriteLine($"one-face on the camera: {string.Join(", ", results.Select(r => $"{r.GetProperty("faces")} face, yaw {r.GetProperty("yaw").GetDouble():0.0}°, {r.GetProperty("milliseconds").GetDouble():0} ms"))}");
        Assert.All(results, r =>
        {
            Assert.Equal(1, r.GetProperty("faces").GetInt32());
            Assert.InRange(r.GetProperty("yaw").GetDouble(), -10, 10);
        });
    }

    [Fact]
    public async Task WhenTheLibraryOrTheModelsCannotLoadTheChecksSayWhyAndThrowNothing()
    {
        var page = await browser.OpenRoomTabAsync();
        var uncaught = new List<string>();
        page.PageError += (_, error) => uncaught.Add(error);

        var result = await page.EvaluateAsync<JsonElement>("""
            async () => {
                const { loadFaceChecks, facePaths } = await import('/js/faceChecks.js');
                const noLibrary = await loadFaceChecks({ paths: { ...facePaths, human: '/lib/nowhere/human.esm.js' } });
                const noModels = await loadFaceChecks({ describe: true, paths: { ...facePaths, models: '/lib/nowhere/' } });
                return { noLibrary: `${noLibrary.problem}: ${noLibrary.reason}`, noModels: `${noModels.problem}: ${noModels.reason}` };
            }
            """);
        output.WriteLine(result.ToString());

        Assert.StartsWith("load-failed: the face checks could not start", result.GetProperty("noLibrary").GetString());
        Assert.Equal("load-failed: the face models could not be loaded (blazeface, facemesh, faceres)", result.GetProperty("noModels").GetString());
        Assert.Empty(uncaught);
    }

    [Fact]
    public async Task WithTheRealModelsEachFaceOnCameraBecomesItsFlagAgainstTheIdPhoto()
    {
        var page = await browser.PhotosAsync();

        // A camera whose picture the test chooses: a canvas stream, shown in a video as the exam page's self-view.
        var events = await page.EvaluateAsync<string[]>("""
            async flags => {
                const defaults = JSON.parse(flags);
                const { startDetectors } = await import('/js/flagDetectors.js');
                const { loadFaceChecks } = await import('/js/faceChecks.js');
                const canvas = document.createElement('canvas');
                canvas.width = 320;
                canvas.height = 240;
                const context = canvas.getContext('2d');
                let showing = 'one-face';
                let frame = 0;
                const paint = () => {
                    context.drawImage(window.pictures[showing], 0, 0);
                    context.fillStyle = `rgb(${frame++ % 256}, 0, 0)`;
                    context.fillRect(0, 0, 2, 2);
                };
                paint();
                const painter = setInterval(paint, 66);
                const stream = canvas.captureStream(15);
                const preview = document.createElement('video');
                preview.muted = true;
                preview.srcObject = stream;
                document.body.append(preview);
                await preview.play();
                const events = [];
                // Only the face flags: the other detectors watch this page too.
                const faceKinds = ['no-face', 'several-faces', 'turned-away', 'different-person'];
                const reporter = {
                    start: kind => { if (faceKinds.includes(kind)) events.push(`start ${kind} (showing ${showing})`); return kind; },
                    end: kind => { if (faceKinds.includes(kind)) events.push(`end ${kind} (showing ${showing})`); },
                    instant: () => {},
                };
                let unavailable = null;
                let checks = 0;
                const detectors = startDetectors({
                    stream, preview, requireFullscreen: false, reporter,
                    // Not judged too slow on a busy test machine: this test is about the flags.
                    settings: { ...defaults, graceMilliseconds: 300, faceCheckMilliseconds: 250, faceCheckSlowMilliseconds: 10000 },
                    faceChecks: true, referenceFace: window.pictures['one-face'],
                    onFaceChecksUnavailable: (problem, reason) => { unavailable = `${problem}: ${reason}`; },
                    // The product's loader, counting the checks so the test knows when they have begun.
                    loadFaceChecker: async options => {
                        const loaded = await loadFaceChecks(options);
                        const inspect = loaded.checker.inspect;
                        loaded.checker.inspect = (...args) => { checks++; return inspect(...args); };
                        return loaded;
                    },
                });
                const until = async condition => {
                    for (const end = performance.now() + 15000; !condition() && unavailable === null;) {
                        if (performance.now() > end) throw new Error(`timed out while showing ${showing} after ${checks} checks: ${events.join('; ')}`);
                        await new Promise(resolve => setTimeout(resolve, 50));
                    }
                };
                const show = async (picture, kind) => {
                    showing = picture;
                    await until(() => events.includes(`start ${kind} (showing ${picture})`));
                };
                // The ID photo's person sits down first: nothing to flag while they are there (the reference, then
                // checks for longer than the grace time, the first of them describing the face).
                await until(() => checks >= 5);
                await show('other-person', 'different-person');
                await show('two-faces', 'several-faces');
                await show('no-face-wall', 'no-face');
                await show('face-profile', 'turned-away');
                showing = 'one-face-small';
                await until(() => ['different-person', 'turned-away'].every(k => events.some(e => e.startsWith(`end ${k} (showing one-face-small)`))));
                detectors.stop();
                clearInterval(painter);
                stream.getTracks().forEach(t => t.stop());
                preview.remove();
                if (unavailable !== null) throw new Error(`face checks unavailable: ${unavailable}`);
                return events;
            }
            """, JsonSerializer.Serialize(Defaults, ProctorWeb.Media.BrowserJson.Web)); // as the room page hands them over (data-flags)
        output.WriteLine(string.Join("\n", events));

        // The person in the ID photo never raised a flag before the other person sat down.
        Assert.StartsWith("start different-person (showing other-person)", events[0]);
        Assert.Contains("start several-faces (showing two-faces)", events);
        Assert.Contains("start no-face (showing no-face-wall)", events);
        Assert.Contains("start turned-away (showing face-profile)", events);
        Assert.DoesNotContain(events, e => e.StartsWith("start", StringComparison.Ordinal) && e.EndsWith("(showing one-face-small)", StringComparison.Ordinal));
    }

    /// <summary>
    /// Starts the detectors with face checks on a canvas stream, with a checker that answers from a script, one
    /// answer per check, so each test says exactly what the checks see. Sets window.face = { events, checks, describes,
    /// unavailable, detectors, hidden }.
    /// </summary>
    private const string ScriptedFaces = """
        async ({ script, checkMs, graceMs, slowAfter, checkTakesMs }) => {
            const { startDetectors } = await import('/js/flagDetectors.js');
            const canvas = document.createElement('canvas');
            canvas.width = 64;
            canvas.height = 48;
            const stream = canvas.captureStream(5);
            const preview = document.createElement('video');
            preview.muted = true;
            preview.srcObject = stream;
            const painter = setInterval(() => canvas.getContext('2d').fillRect(0, 0, Math.random() * 64, 48), 100);
            await preview.play();
            const face = window.face = { events: [], checks: 0, describes: [], unavailable: [], running: 0, mostAtOnce: 0, hidden: false };
            Object.defineProperty(document, 'hidden', { configurable: true, get: () => face.hidden });
            face.setHidden = hidden => { face.hidden = hidden; document.dispatchEvent(new Event('visibilitychange')); };
            // Only the face flags: the other detectors watch this page too.
            const faceKinds = ['no-face', 'several-faces', 'turned-away', 'different-person'];
            const reporter = {
                start: kind => { if (faceKinds.includes(kind)) face.events.push(`start ${kind} at check ${face.checks}`); return kind; },
                end: kind => { if (faceKinds.includes(kind)) face.events.push(`end ${kind} at check ${face.checks}`); },
                instant: () => {},
            };
            const checker = {
                async inspect(source, { describe = false, timed = true } = {}) {
                    if (source !== preview) return { faces: 1, yaw: 0, description: describe ? 'ada' : null, milliseconds: 1 };
                    face.running++;
                    face.mostAtOnce = Math.max(face.mostAtOnce, face.running);
                    if (checkTakesMs) await new Promise(resolve => setTimeout(resolve, checkTakesMs));
                    face.running--;
                    const [faces, yaw, who] = script[Math.min(face.checks, script.length - 1)];
                    face.checks++;
                    face.describes.push(describe);
                    return { faces, yaw, description: describe && faces === 1 ? who : null, milliseconds: 1 };
                },
                distance: (a, b) => (a === b ? 0.1 : 0.9),
                get tooSlow() { return slowAfter && face.checks >= slowAfter ? 'each face check took 900 ms (more than 500 ms)' : null; },
            };
            face.detectors = startDetectors({
                stream, preview, requireFullscreen: false, reporter,
                settings: { graceMilliseconds: graceMs, sampleMilliseconds: 500, darkBrightness: 30, frozenDifference: 0.3, voiceLevel: 0.05,
                    faceCheckMilliseconds: checkMs, turnedAwayDegrees: 30, differentPersonDistance: 0.5, faceCheckSlowMilliseconds: 500 },
                faceChecks: true, referenceFace: canvas,
                onFaceChecksUnavailable: (problem, reason) => face.unavailable.push(`${problem}: ${reason}`),
                loadFaceChecker: async () => ({ checker }),
            });
            face.stop = () => { face.detectors.stop(); clearInterval(painter); };
        }
        """;

    private static Task WaitInPageAsync(Microsoft.Playwright.IPage page, string condition) =>
        page.WaitForFunctionAsync(condition, null, new() { Timeout = 15_000, PollingInterval = 20 });

    [Fact]
    public async Task NoFaceSeveralFacesTurnedAwayAndADifferentPersonBecomeFlagsOnlyAfterTheGraceTime()
    {
        var page = await browser.OpenRoomTabAsync();
        // [faces, yaw, whose face]: a check at most every 30 ms with a grace of 250 ms, so 2 checks are a flicker
        // and 12 (at least 360 ms) a flag. A different face is seen on the next description, within 5 checks.
        object[][] Repeat(int times, object[] answer) => Enumerable.Repeat(answer, times).ToArray();
        var ada = new object[] { 1, 2, "ada" };
        var script = new[]
        {
            Repeat(6, ada), Repeat(2, [0, null!, null!]), Repeat(6, ada),
            Repeat(12, [0, null!, null!]), Repeat(12, ada),
            Repeat(12, [2, null!, null!]), Repeat(12, ada),
            Repeat(12, [1, -45, "ada"]), Repeat(12, [1, 25, "ada"]),
            Repeat(18, [1, 0, "ben"]), Repeat(18, ada),
        }.SelectMany(x => x).ToArray();

        await page.EvaluateAsync(ScriptedFaces, new { script, checkMs = 30, graceMs = 250, slowAfter = 0, checkTakesMs = 0 });
        await WaitInPageAsync(page, $"() => window.face.checks >= {script.Length + 10}");
        var events = await page.EvaluateAsync<string[]>("() => { window.face.stop(); return window.face.events; }");
        output.WriteLine(string.Join("\n", events));

        // Each flag in turn, each ended once its condition had been gone for the grace time; the flicker raised nothing.
        Assert.Equal(["start no-face", "end no-face", "start several-faces", "end several-faces", "start turned-away", "end turned-away",
            "start different-person", "end different-person"], events.Select(e => e[..e.IndexOf(" at ", StringComparison.Ordinal)]));
        Assert.Empty(await page.EvaluateAsync<string[]>("() => window.face.unavailable"));
    }

    [Fact]
    public async Task TheSameFaceIsDescribedOnEveryFifthCheckAndANewFaceAtOnce()
    {
        var page = await browser.OpenRoomTabAsync();
        var ada = new object[] { 1, 0, "ada" };
        object[] nobody = [0, null!, null!];
        object[][] script = [ada, ada, ada, ada, ada, ada, ada, nobody, ada, ada, ada];

        await page.EvaluateAsync(ScriptedFaces, new { script, checkMs = 20, graceMs = 1000, slowAfter = 0, checkTakesMs = 0 });
        await WaitInPageAsync(page, $"() => window.face.checks >= {script.Length}");
        var describes = await page.EvaluateAsync<bool[]>("() => { window.face.stop(); return window.face.describes; }");

        Assert.Equal([true, false, false, false, false, true, false, false, true, false, false], describes.Take(script.Length));
    }

    [Fact]
    public async Task ChecksNeverOverlapAndWaitWhileThePageIsHidden()
    {
        var page = await browser.OpenRoomTabAsync();
        object[][] script = [[1, 0, "ada"]];

        // Each check takes longer than the time between checks.
        await page.EvaluateAsync(ScriptedFaces, new { script, checkMs = 30, graceMs = 1000, slowAfter = 0, checkTakesMs = 80 });
        await WaitInPageAsync(page, "() => window.face.checks >= 5");
        var hiddenAt = await page.EvaluateAsync<int>("() => { window.face.setHidden(true); return window.face.checks; }");
        // Long enough for several checks had the page been visible: at most the one under way finishes.
        var whileHidden = await page.EvaluateAsync<int>("() => new Promise(resolve => setTimeout(() => resolve(window.face.checks), 600))");
        await page.EvaluateAsync("() => window.face.setHidden(false)");
        await WaitInPageAsync(page, $"() => window.face.checks >= {whileHidden + 3}");
        var mostAtOnce = await page.EvaluateAsync<int>("() => { window.face.stop(); return window.face.mostAtOnce; }");

        Assert.Equal(1, mostAtOnce);
        Assert.InRange(whileHidden, hiddenAt, hiddenAt + 1);
    }

    [Fact]
    public async Task ADeviceTooSlowIsReportedOnceItsFaceFlagsEndAndItsChecksStop()
    {
        var page = await browser.OpenRoomTabAsync();
        object[][] script = [[0, null!, null!]];

        await page.EvaluateAsync(ScriptedFaces, new { script, checkMs = 40, graceMs = 100, slowAfter = 8, checkTakesMs = 0 });
        await WaitInPageAsync(page, "() => window.face.unavailable.length > 0 && window.face.events.includes('end no-face at check 8')");
        var checksWhenStopped = await page.EvaluateAsync<int>("() => window.face.checks");
        // Long enough for several more checks, had they not stopped.
        var later = await page.EvaluateAsync<JsonElement>("() => new Promise(resolve => setTimeout(() => resolve({ checks: window.face.checks, unavailable: window.face.unavailable }), 400))");

        Assert.Equal(8, checksWhenStopped);
        Assert.Equal(8, later.GetProperty("checks").GetInt32());
        Assert.Equal(["too-slow: each face check took 900 ms (more than 500 ms)"], later.GetProperty("unavailable").EnumerateArray().Select(r => r.GetString()));
    }

    [Fact]
    public async Task WhenTheModelsCannotLoadTheDetectorsSayWhyOnceAndNothingIsThrownAtThePage()
    {
        var page = await browser.OpenRoomTabAsync();
        var uncaught = new List<string>();
        page.PageError += (_, error) => uncaught.Add(error);

        var result = await page.EvaluateAsync<JsonElement>("""
            async () => {
                const { startDetectors } = await import('/js/flagDetectors.js');
                const { loadFaceChecks, facePaths } = await import('/js/faceChecks.js');
                const canvas = document.createElement('canvas');
                const stream = canvas.captureStream(5);
                const preview = document.createElement('video');
                preview.muted = true;
                preview.srcObject = stream;
                const reasons = [];
                const detectors = startDetectors({
                    stream, preview, requireFullscreen: false, reporter: { start: () => 0, end: () => {}, instant: () => {} },
                    settings: { graceMilliseconds: 100, sampleMilliseconds: 500, darkBrightness: 30, frozenDifference: 0.3, voiceLevel: 0.05,
                        faceCheckMilliseconds: 100, turnedAwayDegrees: 30, differentPersonDistance: 0.5, faceCheckSlowMilliseconds: 500 },
                    faceChecks: true, referenceFace: canvas,
                    onFaceChecksUnavailable: (problem, reason) => reasons.push(`${problem}: ${reason}`),
                    // The product's loader, with the models' folder answering 404.
                    loadFaceChecker: options => loadFaceChecks({ ...options, paths: { ...facePaths, models: '/lib/nowhere/' } }),
                });
                for (const end = performance.now() + 15000; reasons.length === 0 && performance.now() < end;) await new Promise(r => setTimeout(r, 50));
                detectors.stop();
                return { reasons };
            }
            """);
        output.WriteLine(result.ToString());

        var reason = Assert.Single(result.GetProperty("reasons").EnumerateArray()).GetString();
        Assert.Equal("load-failed: the face models could not be loaded (blazeface, facemesh, faceres)", reason);
        Assert.Empty(uncaught);
    }
}
