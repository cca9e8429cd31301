using System.Net;
using System.Net.Http.Headers;
using ProctorWeb.Data;
using ProctorWeb.Evidence;
using ProctorWeb.Retention;
using ProctorWeb.Tests.Support;

namespace ProctorWeb.Tests.Evidence;

public class ClipAccessTests
{
    private static async Task<(long Id, byte[] Bytes)> WholeClipOfAdaAsync(ClipScene scene)
    {
        var bytes = ClipScene.Bytes(10_000);
        var id = await scene.AdaPage.StartedAsync(ClipScene.ForFlag(scene.AdaFlag, bytes.Length));
        await scene.AdaPage.SendAsync(id, bytes, 4096);
        return (id, bytes);
    }

    [Fact]
    public async Task AProctorsPlayerMaySeekWithRangeRequestsAndNothingIsCached()
    {
        await using var scene = await ClipScene.StartAsync();
        var (id, bytes) = await WholeClipOfAdaAsync(scene);
        var coProctor = await scene.App.SignInNewTeacherAsync("Colin");
        await scene.App.WithServiceAsync<int, AppDbContext>(db =>
        {
            db.ExamProctors.Add(new ExamProctor { ExamId = scene.ExamId, UserId = coProctor.User.Id });
            return db.SaveChangesAsync();
        });
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{scene.ClipsPath(scene.Ada)}/{id}");
        request.Headers.Range = new RangeHeaderValue(100, 199);

        var part = await coProctor.Browser.SendAsync(request);

        Assert.Equal(HttpStatusCode.PartialContent, part.StatusCode);
        Assert.Equal("bytes 100-199/10000", part.Content.Headers.ContentRange?.ToString());
        Assert.Equal(bytes[100..200], await part.Content.ReadAsByteArrayAsync());
        Assert.Equal("no-store", part.Headers.CacheControl?.ToString());
        Assert.Equal("bytes", part.Headers.AcceptRanges.Single());
    }

    [Fact]
    public async Task AnotherTeacherAStudentAndAnAnonymousVisitorCanNeitherListNorFetchAClip()
    {
        await using var scene = await ClipScene.StartAsync();
        var (id, _) = await WholeClipOfAdaAsync(scene);
        var otto = await scene.App.SignInNewTeacherAsync("Otto");
        var list = scene.ClipsPath(scene.Ada);
        var clip = $"{list}/{id}";

        foreach (var path in new[] { list, clip })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await otto.Browser.GetAsync(path)).StatusCode);
            // Ada herself is no teacher: her invitation is not a sign-in.
            var ada = await scene.AdaPage.Browser.GetAsync(path);
            var anonymous = await scene.App.CreateBrowser(new()).GetAsync(path);
            Assert.Equal((HttpStatusCode.Redirect, "/Account/Login"), (ada.StatusCode, ada.Headers.Location?.AbsolutePath));
            Assert.Equal((HttpStatusCode.Redirect, "/Account/Login"), (anonymous.StatusCode, anonymous.Headers.Location?.AbsolutePath));
        }
        // Through another exam of the owner's, Ada's clip is not found either.
        var otherExam = await scene.App.CreateExamAsync(scene.Teacher.User, TimeSpan.FromMinutes(-1));
        Assert.Equal(HttpStatusCode.NotFound, (await scene.Teacher.Browser.GetAsync($"/Exams/{otherExam}/Students/{scene.Ada.RosterId}/Clips/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await scene.Teacher.Browser.GetAsync(clip)).StatusCode);
    }

    [Fact]
    public async Task DeletingAStudentsClipsTakesTheirFilesAndRowsAndIsSafeToRepeat()
    {
        await using var scene = await ClipScene.StartAsync();
        await WholeClipOfAdaAsync(scene);
        var partial = await scene.AdaPage.StartedAsync(ClipScene.ForFlag(await scene.FlagAsync(scene.Ada.RosterId), 5000));
        await scene.AdaPage.SendAsync(partial, ClipScene.Bytes(1000), 1000);
        var bobs = await scene.BobPage.StartedAsync(ClipScene.ForFlag(scene.BobFlag, 1000));
        await scene.BobPage.SendAsync(bobs, ClipScene.Bytes(1000), 1000);

        await scene.App.WithServiceAsync<bool, ClipStore>(async clips =>
        {
            await clips.DeleteForStudentAsync(scene.Ada.RosterId);
            await clips.DeleteForStudentAsync(scene.Ada.RosterId);
            return true;
        });

        var left = Assert.Single(await scene.ClipsAsync());
        Assert.Equal(bobs, left.Id);
        Assert.Equal([left.FileName], scene.FilesOnDisk());
    }

    [Fact]
    public async Task WhenAnExamsStudentDataIsDeletedEveryClipFileAndRowGoesWithIt()
    {
        await using var scene = await ClipScene.StartAsync();
        await WholeClipOfAdaAsync(scene);
        var partial = await scene.BobPage.StartedAsync(ClipScene.ForFlag(scene.BobFlag, 5000));
        await scene.BobPage.SendAsync(partial, ClipScene.Bytes(1000), 1000);
        Assert.Equal(2, scene.FilesOnDisk().Count);

        Assert.True(await scene.App.WithServiceAsync<bool, StudentDataEraser>(eraser => eraser.DeleteStudentDataAsync(scene.ExamId)));

        Assert.Empty(await scene.ClipsAsync());
        Assert.Empty(scene.FilesOnDisk());
    }

    [Fact]
    public async Task ABadClipsSettingStopsTheAppFromStarting()
    {
        await using var app = new ProctorWebApplication(new Dictionary<string, string?> { ["Clips:ChunkBytes"] = $"{2 * 1024 * 1024}" });

        var error = StartupFailure.Of(app);

        Assert.Contains("ChunkBytes", error.Message);
    }
}
