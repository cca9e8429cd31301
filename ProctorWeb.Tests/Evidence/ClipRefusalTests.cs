using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ProctorWeb.Retention;
using ProctorWeb.Evidence;
using ProctorWeb.Tests.Support;

namespace ProctorWeb.Tests.Evidence;

/// <summary>Every refused upload says why, and leaves nothing a proctor could see and no file under a final name.</summary>
public class ClipRefusalTests
{
    private static readonly Dictionary<string, string?> Limits = new() { ["Clips:ChunkBytes"] = "4096", ["Clips:MaxBytesPerClip"] = "20000", ["Clips:MaxClipsPerStudent"] = "2" };

    public static TheoryData<string, Func<ClipScene, ClipStart>, HttpStatusCode, string> BadStarts => new()
    {
        { "more bytes than a clip may have", s => ClipScene.ForFlag(s.AdaFlag, 20_001), HttpStatusCode.RequestEntityTooLarge, "at most 20000 bytes" },
        { "an MP4", s => ClipScene.ForFlag(s.AdaFlag, 1000, "video/mp4"), HttpStatusCode.BadRequest, "Only a WebM video" },
        { "WebM with a parameter other than codecs", s => ClipScene.ForFlag(s.AdaFlag, 1000, "video/webm;x=<script>"), HttpStatusCode.BadRequest, "Only a WebM video" },
        { "no type", s => ClipScene.ForFlag(s.AdaFlag, 1000, ""), HttpStatusCode.BadRequest, "Only a WebM video" },
        { "no size", s => ClipScene.ForFlag(s.AdaFlag, 0), HttpStatusCode.BadRequest, "how many bytes" },
        { "another student's flag", s => ClipScene.ForFlag(s.BobFlag, 1000), HttpStatusCode.BadRequest, "None of your flags" },
        { "a flag that does not exist", s => ClipScene.ForFlag(987_654, 1000), HttpStatusCode.BadRequest, "None of your flags" },
        { "a keep request nobody made", s => new ClipStart(null, null, 987_654, ClipScene.WebM, 1000, DateTime.UtcNow.AddSeconds(-10), DateTime.UtcNow), HttpStatusCode.BadRequest, "No proctor asked" },
        { "nothing it is for", s => ClipScene.ForFlag(s.AdaFlag, 1000) with { FlagId = null }, HttpStatusCode.BadRequest, "which one flag" },
        { "a minute of video", s => ClipScene.ForFlag(s.AdaFlag, 1000) with { EndedAtUtc = DateTime.UtcNow.AddSeconds(50) }, HttpStatusCode.BadRequest, "at most 25 seconds" },
        { "a source that is neither camera nor screen", s => ClipScene.ForFlag(s.AdaFlag, 1000) with { Source = "microphone" }, HttpStatusCode.BadRequest, "camera or screen" },
    };

    [Theory]
    [MemberData(nameof(BadStarts))]
    public async Task AStartThatBreaksARuleIsRefusedWithWordsAndStoresNothing(string what, Func<ClipScene, ClipStart> start, HttpStatusCode status, string words)
    {
        await using var scene = await ClipScene.StartAsync(Limits);

        var response = await scene.AdaPage.StartAsync(start(scene));

        Assert.True(response.StatusCode == status, $"{what}: answered {(int)response.StatusCode}");
        Assert.Contains(words, (await StudentPage.RefusalOf(response)).Error);
        Assert.Empty(await scene.ClipsAsync());
        Assert.Empty(scene.FilesOnDisk());
        scene.App.Logs.AssertNoFailures();
    }

    [Fact]
    public async Task AChunkLargerThanAllowedOrBeyondTheDeclaredSizeIsRefusedAndNothingIsWritten()
    {
        await using var scene = await ClipScene.StartAsync(Limits);
        var id = await scene.AdaPage.StartedAsync(ClipScene.ForFlag(scene.AdaFlag, 5000));

        var tooLarge = await scene.AdaPage.ChunkAsync(id, 0, ClipScene.Bytes(4097));
        var beyond = await scene.AdaPage.ChunkAsync(id, 0, ClipScene.Bytes(4096));
        var pastTheEnd = await scene.AdaPage.ChunkAsync(id, 4096, ClipScene.Bytes(1000));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
        Assert.Contains("at most 4096 bytes", (await StudentPage.RefusalOf(tooLarge)).Error);
        Assert.Equal(HttpStatusCode.OK, beyond.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, pastTheEnd.StatusCode);
        Assert.Contains("beyond the 5000 bytes declared", (await StudentPage.RefusalOf(pastTheEnd)).Error);
        var clip = Assert.Single(await scene.ClipsAsync());
        Assert.Equal((4096L, false), (clip.ReceivedBytes, clip.Complete));
        Assert.Equal([$"{clip.FileName}.part"], scene.FilesOnDisk());
        Assert.Equal(4096, new FileInfo(Path.Combine(scene.App.ClipsPath, $"{clip.FileName}.part")).Length);
    }

    [Fact]
    public async Task AStudentSendsNoMoreClipsThanTheLimit()
    {
        await using var scene = await ClipScene.StartAsync(Limits);
        await scene.AdaPage.StartedAsync(ClipScene.ForFlag(scene.AdaFlag, 1000));
        await scene.AdaPage.StartedAsync(ClipScene.ForFlag(await scene.FlagAsync(scene.Ada.RosterId), 1000));

        var third = await scene.AdaPage.StartAsync(ClipScene.ForFlag(await scene.FlagAsync(scene.Ada.RosterId), 1000));
        var bobsFirst = await scene.BobPage.StartAsync(ClipScene.ForFlag(scene.BobFlag, 1000));

        Assert.Equal(HttpStatusCode.Conflict, third.StatusCode);
        Assert.Contains("at most 2 clips per student", (await StudentPage.RefusalOf(third)).Error);
        // The code the page acts on (it stops recording), not words it would have to parse.
        Assert.Contains("\"code\":\"quota-reached\"", await third.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, bobsFirst.StatusCode);
        Assert.Equal(3, (await scene.ClipsAsync()).Count);
    }

    [Fact]
    public async Task AStudentOfAnotherExamCanNeitherUseThisExamsFlagNorTouchItsClips()
    {
        await using var scene = await ClipScene.StartAsync(Limits);
        var otherExam = await scene.App.CreateExamAsync(scene.Teacher.User, TimeSpan.FromMinutes(-1), title: "Another exam");
        var (_, dan) = await scene.InviteAsync(otherExam, "Dan Brown");
        var adas = await scene.AdaPage.StartedAsync(ClipScene.ForFlag(scene.AdaFlag, 5000));

        var start = await dan.StartAsync(ClipScene.ForFlag(scene.AdaFlag, 1000));
        var chunk = await dan.ChunkAsync(adas, 0, ClipScene.Bytes(1000));
        var status = await dan.StatusAsync(adas);

        Assert.Equal(HttpStatusCode.BadRequest, start.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, chunk.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, status.StatusCode);
        Assert.Equal(0, Assert.Single(await scene.ClipsAsync()).ReceivedBytes);
        Assert.Empty(scene.FilesOnDisk());
    }

    [Fact]
    public async Task AStudentRemovedFromTheRosterSendsNothingMore()
    {
        await using var scene = await ClipScene.StartAsync(Limits);
        var id = await scene.AdaPage.StartedAsync(ClipScene.ForFlag(scene.AdaFlag, 5000));
        await Forms.PostAsync(scene.Teacher.Browser, $"/Exams/{scene.ExamId}", $"/Exams/{scene.ExamId}?handler=Remove&studentId={scene.Ada.RosterId}&confirmed=true", []);

        var chunk = await scene.AdaPage.ChunkAsync(id, 0, ClipScene.Bytes(1000));
        var start = await scene.AdaPage.StartAsync(ClipScene.ForFlag(await scene.FlagAsync(scene.Ada.RosterId), 1000));

        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.Forbidden), (chunk.StatusCode, start.StatusCode));
        Assert.Contains("removed you from this exam", (await StudentPage.RefusalOf(chunk)).Error);
        Assert.Equal(0, Assert.Single(await scene.ClipsAsync()).ReceivedBytes);
        Assert.Empty(scene.FilesOnDisk());
    }

    [Fact]
    public async Task WithoutAnInvitationOrItsTokenNothingIsAccepted()
    {
        await using var scene = await ClipScene.StartAsync(Limits);
        var anonymous = new StudentPage(scene.App.CreateBrowser(new()), "no-token");
        var forged = new StudentPage(scene.AdaPage.Browser, "forged-token");

        var fromNobody = await anonymous.StartAsync(ClipScene.ForFlag(scene.AdaFlag, 1000));
        var withoutToken = await forged.StartAsync(ClipScene.ForFlag(scene.AdaFlag, 1000));

        Assert.Equal(HttpStatusCode.Redirect, fromNobody.StatusCode);
        Assert.Equal("/Join/Missing", fromNobody.Headers.Location?.AbsolutePath);
        Assert.Equal(HttpStatusCode.BadRequest, withoutToken.StatusCode);
        Assert.Empty(await scene.ClipsAsync());
    }

    [Fact]
    public async Task ClipsArriveDuringTheGraceAfterTheExamsEndAndAreRefusedOnceItPasses()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        await using var scene = await ClipScene.StartAsync(Limits, clock);
        var bytes = ClipScene.Bytes(8000);
        var id = await scene.AdaPage.StartedAsync(ClipScene.ForFlag(scene.AdaFlag, bytes.Length));
        var later = await scene.AdaPage.StartedAsync(ClipScene.ForFlag(await scene.FlagAsync(scene.Ada.RosterId), bytes.Length));

        // The exam started a minute ago and lasts an hour; the grace is ten minutes.
        clock.Advance(TimeSpan.FromMinutes(59 + 5));
        await scene.AdaPage.SendAsync(id, bytes, 4096);
        clock.Advance(TimeSpan.FromMinutes(6));
        var late = await scene.AdaPage.ChunkAsync(later, 0, bytes.AsSpan(0, 4096));
        var lateStart = await scene.AdaPage.StartAsync(ClipScene.ForFlag(await scene.FlagAsync(scene.Ada.RosterId), 1000));

        Assert.Equal(HttpStatusCode.Forbidden, late.StatusCode);
        Assert.Contains("until 10 minutes after its end", (await StudentPage.RefusalOf(late)).Error);
        Assert.Equal(HttpStatusCode.Forbidden, lateStart.StatusCode);
        var clips = await scene.ClipsAsync();
        Assert.Equal([(id, true), (later, false)], clips.Select(c => (c.Id, c.Complete)));
        Assert.Equal([clips[0].FileName], scene.FilesOnDisk());
    }

    [Fact]
    public async Task AnUploadNeverFinishedIsDeletedWithItsPartialFileOnceNoMoreBytesCanComeWhileAWholeOneStays()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        await using var scene = await ClipScene.StartAsync(Limits, clock);
        var bytes = ClipScene.Bytes(8000);
        var whole = await scene.AdaPage.StartedAsync(ClipScene.ForFlag(scene.AdaFlag, bytes.Length));
        await scene.AdaPage.SendAsync(whole, bytes, 4096);
        var partial = await scene.BobPage.StartedAsync(ClipScene.ForFlag(scene.BobFlag, bytes.Length));
        await scene.BobPage.SendAsync(partial, bytes[..4096], 4096);
        var sweep = scene.App.Services.GetServices<IHostedService>().OfType<RetentionSweep>().Single();

        // The exam started a minute ago and lasts an hour; within the ten minutes' grace Bob may still finish.
        clock.Advance(TimeSpan.FromMinutes(59 + 9));
        await sweep.SweepAsync(CancellationToken.None);
        var clips = await scene.ClipsAsync();
        Assert.Equal([whole, partial], clips.Select(c => c.Id));
        Assert.Equal(new[] { clips[0].FileName, $"{clips[1].FileName}.part" }.Order(), scene.FilesOnDisk());

        clock.Advance(TimeSpan.FromMinutes(2));
        await sweep.SweepAsync(CancellationToken.None);

        Assert.Equal([whole], (await scene.ClipsAsync()).Select(c => c.Id));
        Assert.Equal([clips[0].FileName], scene.FilesOnDisk());
    }
}
