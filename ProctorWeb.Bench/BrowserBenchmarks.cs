using ProctorWeb.E2E.Support;

namespace ProctorWeb.Bench;

/// <summary>Scenarios 4 and 5 of issue #6, 6 of issue #11 and 10 of issue #17, in Debian's Chromium with fake cameras, against the app on loopback.</summary>
public sealed class BrowserBenchmarks(ChildServer server, Options options)
{
    public async Task RunAsync(Results results)
    {
        var media = Directory.CreateTempSubdirectory("proctorweb-bench-media-").FullName;
        try
        {
            using var playwright = await Microsoft.Playwright.Playwright.CreateAsync();
            await using var proctor = await BenchBrowser.LaunchAsync(playwright, server, media, FakeCamera.Yellow, "proctor");
            var teacher = await proctor.SignedInTeacherAsync();

            if (options.Upload)
            {
                await using var students = await BenchBrowser.LaunchAsync(playwright, server, media, FakeCamera.Red, "uploading-student", shareScreen: true);
                results.Upload = await new UploadBenchmark(students, proctor, server.Setup.Upload, server.Setup.ScreenUpload).RunAsync(teacher, BenchServer.UploadRuns);
            }
            if (options.FarmGrid)
            {
                // Before scenario 5's student browsers exist, so nothing but the farm, the proctor and the app runs.
                results.FarmGrid = await FarmGridBenchmark.RunAsync(playwright, server, media, proctor, teacher);
            }
            if (!options.Browser)
            {
                return;
            }

            // One student at a time, each in a fresh context of one browser, where the baseline runs too.
            await using (var students = await BenchBrowser.LaunchAsync(playwright, server, media, FakeCamera.Red, "joining-student"))
            {
                results.FirstFrame = await new FirstFrameBenchmark(students, proctor, server.Setup.FirstFrame).RunAsync(teacher, options.Runs);
            }

            await using var grid = new GridBenchmark(() => BenchBrowser.LaunchAsync(playwright, server, media, FakeCamera.Red, "grid-student"), proctor, server.Setup.Grid, server.ProcessId);
            foreach (var size in options.GridSizes)
            {
                var result = await grid.MeasureAsync(teacher, size);
                results.Grid.Add(result);
                if (result.Problem is not null)
                {
                    // Larger grids would only fail the same way, minutes later.
                    results.Grid.AddRange(options.GridSizes.Where(s => s > size).Select(s => GridResult.NotReached(s, $"not tried: the grid of {size} could not be set up")));
                    break;
                }
            }
        }
        catch (Exception ex)
        {
            results.Error = results.Error is null ? ex.ToString() : results.Error + "\n" + ex;
            Console.Error.WriteLine(ex);
        }
        finally
        {
            Directory.Delete(media, recursive: true);
        }
    }
}
