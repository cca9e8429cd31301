using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ProctorWeb.Evidence;
using ProctorWeb.Tests.Support;

namespace ProctorWeb.Tests.Evidence;

public class ClipUploadTests
{
    private const int Chunk = 4096;
    private static readonly Dictionary<string, string?> SmallChunks = new() { ["Clips:ChunkBytes"] = $"{Chunk}" };

    [Fact]
    public async Task AClipSentInChunksIsStoredWholeWithItsSha256AndServedToTheExamsProctorsExactly()
    {
        await using var scene = await ClipScene.StartAsync(SmallChunks);
        var bytes = ClipScene.Bytes(10_000);

        var id = await scene.AdaPage.StartedAsync(ClipScene.ForFlag(scene.AdaFlag, bytes.Length));
        var done = await scene.AdaPage.SendAsync(id, bytes, Chunk);

        Assert.Equal(new ClipProgress(id, bytes.Length, bytes.Length, Complete: true), done);
        var clip = Assert.Single(await scene.ClipsAsync());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), clip.Sha256);
        Assert.Equal((scene.AdaFlag, "flag", "video/webm;codecs=\"vp8,opus\""), (clip.FlagId!.Value, clip.Kind, clip.MimeType));
        Assert.Equal([clip.FileName], scene.FilesOnDisk());
        Assert.Equal(bytes, await File.ReadAllBytesAsync(Path.Combine(scene.App.ClipsPath, clip.FileName)));
        var list = await scene.Teacher.Browser.GetAsync(scene.ClipsPath(scene.Ada));
        Assert.Equal("no-store", list.Headers.CacheControl?.ToString());
        using var json = JsonDocument.Parse(await list.Content.ReadAsStringAsync());
        var listed = Assert.Single(json.RootElement.EnumerateArray());
        Assert.Equal((id, scene.AdaFlag, clip.Sha256), (listed.GetProperty("id").GetInt64(), listed.GetProperty("flagId").GetInt64(), listed.GetProperty("sha256").GetString()));
        var served = await scene.Teacher.Browser.GetAsync($"{scene.ClipsPath(scene.Ada)}/{id}");
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal("no-store", served.Headers.CacheControl?.ToString());
        Assert.Equal("video/webm; codecs=\"vp8,opus\"", served.Content.Headers.ContentType?.ToString());
        Assert.Equal(bytes, await served.Content.ReadAsByteArrayAsync());
        scene.App.Logs.AssertNoFailures();
    }

    [Fact]
    public async Task AFlagHasAClipOfTheCameraAndOneOfTheScreenAndStartingEitherAgainResumesIt()
    {
        await using var scene = await ClipScene.StartAsync(SmallChunks);
        var camera = ClipScene.Bytes(5_000, seed: 1);
        var screen = ClipScene.Bytes(7_000, seed: 2);

        var cameraId = await scene.AdaPage.StartedAsync(ClipScene.ForFlag(scene.AdaFlag, camera.Length));
        var screenId = await scene.AdaPage.StartedAsync(ClipScene.ForFlag(scene.AdaFlag, screen.Length) with { Source = "screen" });
        var screenAgain = await scene.AdaPage.StartedAsync(ClipScene.ForFlag(scene.AdaFlag, screen.Length) with { Source = "screen" });
        await scene.AdaPage.SendAsync(cameraId, camera, Chunk);
        await scene.AdaPage.SendAsync(screenId, screen, Chunk);

        Assert.NotEqual(cameraId, screenId);
        Assert.Equal(screenId, screenAgain);
        var clips = await scene.ClipsAsync();
        Assert.Equal([("camera", camera.Length, true), ("screen", screen.Length, true)], clips.Select(c => (c.Source, (int)c.DeclaredBytes, c.Complete)));
        Assert.All(clips, c => Assert.Equal(scene.AdaFlag, c.FlagId));
    }

    [Fact]
    public async Task UntilItsLastByteArrivesAClipIsNeitherListedNorServedNorUnderItsFinalName()
    {
        await using var scene = await ClipScene.StartAsync(SmallChunks);
        var bytes = ClipScene.Bytes(10_000);
        var id = await scene.AdaPage.StartedAsync(ClipScene.ForFlag(scene.AdaFlag, bytes.Length));

        await scene.AdaPage.SendAsync(id, bytes[..(2 * Chunk)], Chunk);

        var clip = Assert.Single(await scene.ClipsAsync());
        Assert.Equal([$"{clip.FileName}.part"], scene.FilesOnDisk());
        Assert.Equal("[]", await (await scene.Teacher.Browser.GetAsync(scene.ClipsPath(scene.Ada))).Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await scene.Teacher.Browser.GetAsync($"{scene.ClipsPath(scene.Ada)}/{id}")).StatusCode);
    }

    [Fact]
    public async Task AChunkSentAgainIsNotWrittenTwice()
    {
        await using var scene = await ClipScene.StartAsync(SmallChunks);
        var bytes = ClipScene.Bytes(6_000);
        var id = await scene.AdaPage.StartedAsync(ClipScene.ForFlag(scene.AdaFlag, bytes.Length));

        var first = await StudentPage.ProgressOf(await scene.AdaPage.ChunkAsync(id, 0, bytes.AsSpan(0, Chunk)));
        var again = await StudentPage.ProgressOf(await scene.AdaPage.ChunkAsync(id, 0, bytes.AsSpan(0, Chunk)));
        await scene.AdaPage.SendAsync(id, bytes, Chunk, from: Chunk);

        Assert.Equal(Chunk, first.ReceivedBytes);
        Assert.Equal(first, again);
        var clip = Assert.Single(await scene.ClipsAsync());
        Assert.Equal(bytes, await File.ReadAllBytesAsync(Path.Combine(scene.App.ClipsPath, clip.FileName)));
    }

    [Fact]
    public async Task TheSameChunkSentTwiceAtOnceIsWrittenOnce()
    {
        await using var scene = await ClipScene.StartAsync(SmallChunks);
        var bytes = ClipScene.Bytes(6_000);
        var id = await scene.AdaPage.StartedAsync(ClipScene.ForFlag(scene.AdaFlag, bytes.Length));

        var answers = await Task.WhenAll(scene.AdaPage.ChunkAsync(id, 0, bytes.AsSpan(0, Chunk)), scene.AdaPage.ChunkAsync(id, 0, bytes.AsSpan(0, Chunk)));

        Assert.All(await Task.WhenAll(answers.Select(StudentPage.ProgressOf)), p => Assert.Equal(Chunk, p.ReceivedBytes));
        Assert.Equal(Chunk, new FileInfo(Path.Combine(scene.App.ClipsPath, scene.FilesOnDisk().Single())).Length);
    }

    [Fact]
    public async Task AnUploadCutOffResumesFromTheReceivedLengthAndEndsWithExactlyOneWholeClip()
    {
        await using var scene = await ClipScene.StartAsync(SmallChunks);
        var bytes = ClipScene.Bytes(12_000);
        var start = ClipScene.ForFlag(scene.AdaFlag, bytes.Length);
        var id = await scene.AdaPage.StartedAsync(start);
        await scene.AdaPage.SendAsync(id, bytes[..Chunk], Chunk);

        // The page reloads after the network came back: it starts the same clip again and asks how far it got.
        var restarted = await StudentPage.ProgressOf(await scene.AdaPage.StartAsync(start));
        var status = await StudentPage.ProgressOf(await scene.AdaPage.StatusAsync(id));
        var done = await scene.AdaPage.SendAsync(id, bytes, 3000, from: status.ReceivedBytes);

        Assert.Equal(new ClipProgress(id, Chunk, bytes.Length, false), restarted);
        Assert.Equal(restarted, status);
        Assert.True(done.Complete);
        var clip = Assert.Single(await scene.ClipsAsync());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), clip.Sha256);
        Assert.Equal([clip.FileName], scene.FilesOnDisk());
    }

    [Fact]
    public async Task AChunkThatWouldLeaveAGapIsRefusedWithTheLengthToGoOnFrom()
    {
        await using var scene = await ClipScene.StartAsync(SmallChunks);
        var bytes = ClipScene.Bytes(10_000);
        var id = await scene.AdaPage.StartedAsync(ClipScene.ForFlag(scene.AdaFlag, bytes.Length));
        await scene.AdaPage.SendAsync(id, bytes[..Chunk], Chunk);

        var gap = await scene.AdaPage.ChunkAsync(id, 2 * Chunk, bytes.AsSpan(2 * Chunk, 1000));

        Assert.Equal(HttpStatusCode.Conflict, gap.StatusCode);
        var (error, received) = await StudentPage.RefusalOf(gap);
        Assert.Equal(Chunk, received);
        Assert.Contains($"send from byte {Chunk}", error);
        Assert.Equal(Chunk, Assert.Single(await scene.ClipsAsync()).ReceivedBytes);
    }

    [Fact]
    public async Task AClipWhoseLastBytesWereStoredButNotItsCompletionIsFinishedWhenThePageSendsThemAgain()
    {
        await using var scene = await ClipScene.StartAsync(SmallChunks);
        var bytes = ClipScene.Bytes(6_000);
        var id = await scene.AdaPage.StartedAsync(ClipScene.ForFlag(scene.AdaFlag, bytes.Length));
        await scene.AdaPage.SendAsync(id, bytes[..Chunk], Chunk);
        // As if the app stopped between storing the length and renaming the file: every byte is in the .part file.
        var clip = Assert.Single(await scene.ClipsAsync());
        await File.WriteAllBytesAsync(Path.Combine(scene.App.ClipsPath, $"{clip.FileName}.part"), bytes);
        await scene.App.WithServiceAsync<int, ProctorWeb.Data.AppDbContext>(db =>
            db.Clips.Where(c => c.Id == id).ExecuteUpdateAsync(c => c.SetProperty(x => x.ReceivedBytes, bytes.Length)));

        var again = await StudentPage.ProgressOf(await scene.AdaPage.ChunkAsync(id, Chunk, bytes.AsSpan(Chunk)));

        Assert.True(again.Complete);
        clip = Assert.Single(await scene.ClipsAsync());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), clip.Sha256);
        Assert.Equal([clip.FileName], scene.FilesOnDisk());
    }

    [Fact]
    public async Task TheClipFolderAndItsFilesAreTheAppsUsersAlone()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // The folder inherits its ACL there; the app targets Linux.
        }
        await using var scene = await ClipScene.StartAsync(SmallChunks);
        var bytes = ClipScene.Bytes(6_000);
        var id = await scene.AdaPage.StartedAsync(ClipScene.ForFlag(scene.AdaFlag, bytes.Length));

        await scene.AdaPage.SendAsync(id, bytes[..Chunk], Chunk);
        var partMode = File.GetUnixFileMode(Path.Combine(scene.App.ClipsPath, scene.FilesOnDisk().Single()));
        await scene.AdaPage.SendAsync(id, bytes, Chunk, from: Chunk);

        Assert.Equal(ClipFolder.FolderMode, File.GetUnixFileMode(scene.App.ClipsPath));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, partMode);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(scene.App.ClipsPath, scene.FilesOnDisk().Single())));
    }
}
