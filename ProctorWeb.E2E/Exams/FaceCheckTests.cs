using System.Text.Json;
using ProctorWeb.E2E.Support;
using ProctorWeb.Exams;
using Xunit.Abstractions;

namespace ProctorWeb.E2E.Exams;

/// <summary>
/// The face checks in real Chromium under the exam room's own policy: the product's module and models on the
/// fixture pictures (photos of real faces, see scripts/face-fixtures.sh).
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
    public async Task AFaceLookingAtTheCameraIsOneFaceWithTheHeadStraightEvenWhenSmall()
    {
        foreach (var picture in new[] { "one-face", "one-face-small" })
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
    public async Task AnotherPersonIsFartherThanTheDefaultDistanceAndTheSamePersonOnTheLiveCameraAndSmallerIsNearer()
    {
        var page = await browser.PhotosAsync();

        // The camera plays the one-face picture through Chromium's capture path: other pixels of the same person.
        var distances = await page.EvaluateAsync<Dictionary<string, double>>("""
            async () => {
                const describe = async source => (await window.checker.inspect(source, { describe: true })).description;
                const stream = await navigator.mediaDevices.getUserMedia({ video: true });
                const video = document.createElement('video');
                video.muted = true;
                video.srcObject = stream;
                await video.play();
                const first = await describe(window.pictures['one-face']);
                const camera = [await describe(video), await describe(video)];
                stream.getTracks().forEach(t => t.stop());
                const d = (a, b) => window.checker.distance(a, b);
                return {
                    'other-person': d(first, await describe(window.pictures['other-person'])),
                    'face-profile (another man)': d(first, await describe(window.pictures['face-profile'])),
                    'one-face-small': d(first, await describe(window.pictures['one-face-small'])),
                    'camera frame 1': d(first, camera[0]),
                    'camera frame 2': d(first, camera[1]),
                    'camera frame 1 to 2': d(camera[0], camera[1]),
                };
            }
            """);
        output.WriteLine(string.Join("\n", distances.Select(d => $"one-face to {d.Key}: {d.Value:0.000}")));

        Assert.True(distances["other-person"] > Defaults.DifferentPersonDistance, $"Another person at {distances["other-person"]:0.000}");
        Assert.True(distances["face-profile (another man)"] > Defaults.DifferentPersonDistance, $"Another man at {distances["face-profile (another man)"]:0.000}");
        Assert.All(["one-face-small", "camera frame 1", "camera frame 2", "camera frame 1 to 2"], same =>
            Assert.True(distances[same] < Defaults.DifferentPersonDistance, $"The same person ({same}) at {distances[same]:0.000}"));
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
                return { noLibrary: noLibrary.reason ?? null, noModels: noModels.reason ?? null };
            }
            """);
        output.WriteLine(result.ToString());

        Assert.StartsWith("the face checks could not start", result.GetProperty("noLibrary").GetString());
        Assert.Equal("the face models could not be loaded (blazeface, facemesh, faceres)", result.GetProperty("noModels").GetString());
        Assert.Empty(uncaught);
    }
}
