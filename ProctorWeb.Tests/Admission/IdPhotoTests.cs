using System.Net;
using Microsoft.EntityFrameworkCore;
using ProctorWeb.Data;
using ProctorWeb.Exams;
using ProctorWeb.Tests.Support;
using SkiaSharp;

namespace ProctorWeb.Tests.Admission;

public class IdPhotoTests
{
    private static async Task<(ProctorWebApplication App, SignedInUser Teacher, int ExamId, Invitation Ada, HttpClient Student)> ExamWithIdCheckAsync(TimeSpan? startsIn = null)
    {
        var app = new ProctorWebApplication();
        try
        {
            var teacher = await app.SignInNewTeacherAsync("Tess");
            var examId = await app.CreateExamAsync(teacher.User, startsIn ?? TimeSpan.FromMinutes(-1));
            await app.ConfigureExamAsync(examId, e => e.RequireIdCheck = true);
            var ada = await app.InviteAsync(examId, "Ada Lovelace");
            return (app, teacher, examId, ada, app.CreateBrowser(await app.RedeemAsync(ada)));
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    private static Task<List<IdPhoto>> PhotosAsync(ProctorWebApplication app) =>
        app.WithServiceAsync<List<IdPhoto>, AppDbContext>(db => db.IdPhotos.OrderBy(p => p.Kind).ToListAsync());

    [Fact]
    public async Task BothPhotosAreStoredAsFreshJpegsAndShownOnlyToTheExamsProctors()
    {
        var (app, teacher, examId, ada, student) = await ExamWithIdCheckAsync();
        await using var _ = app;
        // A JPEG with something after its end, as a crafted upload might carry: only the pixels are kept.
        var face = TestPhotos.Encode().Concat("trailing secret"u8.ToArray()).ToArray();
        var card = TestPhotos.Encode(480, 320, SKEncodedImageFormat.Webp);

        TestPhotos.AssertStored(await TestPhotos.UploadAsync(student, IdPhotoKinds.Face, face));
        TestPhotos.AssertStored(await TestPhotos.UploadAsync(student, IdPhotoKinds.IdCard, card, "card.webp"));

        var stored = await PhotosAsync(app);
        Assert.Equal([(IdPhotoKinds.Face, 640, 360), (IdPhotoKinds.IdCard, 480, 320)], stored.Select(p => (p.Kind, p.Width, p.Height)));
        Assert.All(stored, p => Assert.Equal([0xFF, 0xD8, 0xFF], p.Jpeg[..3]));
        Assert.DoesNotContain("trailing secret", System.Text.Encoding.ASCII.GetString(stored[0].Jpeg));
        var studentPage = $"/Exams/{examId}/Students/{ada.RosterId}";
        var photo = await teacher.Browser.GetAsync($"{studentPage}?handler=Photo&kind=face");
        Assert.Equal(HttpStatusCode.OK, photo.StatusCode);
        Assert.Equal("image/jpeg", photo.Content.Headers.ContentType?.MediaType);
        Assert.Equal("no-store", photo.Headers.CacheControl?.ToString());
        Assert.Equal(stored[0].Jpeg, await photo.Content.ReadAsByteArrayAsync());
        var other = await app.SignInNewTeacherAsync("Otto");
        Assert.Equal(HttpStatusCode.NotFound, (await other.Browser.GetAsync($"{studentPage}?handler=Photo&kind=face")).StatusCode);
        var timeline = await ExamScene.ReadPageAsync(teacher.Browser, studentPage);
        Assert.Contains("alt=\"Ada Lovelace: photo of their face\"", timeline);
        Assert.Contains("alt=\"Ada Lovelace: photo of their ID card\"", timeline);
        Assert.Contains("Took the ID check's photo of their ID card", timeline);
    }

    [Fact]
    public async Task ARetakeReplacesThePhotoOfItsKind()
    {
        var (app, _, _, _, student) = await ExamWithIdCheckAsync();
        await using var __ = app;

        TestPhotos.AssertStored(await TestPhotos.UploadAsync(student, IdPhotoKinds.Face, TestPhotos.Encode(640, 360)));
        TestPhotos.AssertStored(await TestPhotos.UploadAsync(student, IdPhotoKinds.Face, TestPhotos.Encode(320, 240)));

        Assert.Equal((320, 240), (await PhotosAsync(app)).Select(p => (p.Width, p.Height)).Single());
    }

    public static TheoryData<string, string, byte[], string> NotACameraPhoto => new()
    {
        { "a PNG", IdPhotoKinds.Face, TestPhotos.Encode(format: SKEncodedImageFormat.Png), "Only a photo taken with your camera" },
        { "text named .jpg", IdPhotoKinds.Face, "<script>alert(1)</script>"u8.ToArray(), "Only a photo taken with your camera" },
        { "a JPEG cut short", IdPhotoKinds.Face, TestPhotos.Encode()[..40], "could not be read" },
        { "a picture too small to show a face", IdPhotoKinds.Face, TestPhotos.Encode(60, 40), "between 120 and 1920 pixels" },
        { "more than 512 KB", IdPhotoKinds.Face, [.. TestPhotos.Encode(), .. new byte[600 * 1024]], "larger than 512 KB" },
        { "an unknown kind of photo", "passport-scan", TestPhotos.Encode(), "your face or your ID card" },
        { "nothing at all", IdPhotoKinds.IdCard, [], "empty" },
    };

    [Theory]
    [MemberData(nameof(NotACameraPhoto))]
    public async Task AnUploadThatIsNotACameraPhotoIsRefusedWithWordsAndNothingIsStored(string what, string kind, byte[] bytes, string refusal)
    {
        var (app, _, _, _, student) = await ExamWithIdCheckAsync();
        await using var _ = app;

        var response = await TestPhotos.UploadAsync(student, kind, bytes);

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{what}: answered {(int)response.StatusCode}");
        Assert.Contains(refusal, await response.Content.ReadAsStringAsync());
        Assert.Empty(await PhotosAsync(app));
        app.Logs.AssertNoFailures();
    }

    [Fact]
    public async Task ABodyFarLargerThanAPhotoIsRefusedAndNothingIsStored()
    {
        var (app, _, _, _, student) = await ExamWithIdCheckAsync();
        await using var _ = app;

        var response = await TestPhotos.UploadAsync(student, IdPhotoKinds.Face, [.. TestPhotos.Encode(), .. new byte[4 * 1024 * 1024]]);

        Assert.True(response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.RequestEntityTooLarge, $"answered {(int)response.StatusCode}");
        Assert.Empty(await PhotosAsync(app));
    }

    [Fact]
    public async Task APhotoIsRefusedOnceTheStudentsLinkNoLongerOpensTheExam()
    {
        var (app, teacher, examId, ada, student) = await ExamWithIdCheckAsync();
        await using var _ = app;
        // The page was open before the teacher removed her: it still holds its token.
        var token = await Forms.GetAntiforgeryTokenAsync(student, "/Join/Room");
        await Forms.PostAsync(teacher.Browser, $"/Exams/{examId}", $"/Exams/{examId}?handler=Remove&studentId={ada.RosterId}&confirmed=true", []);

        var response = await TestPhotos.UploadAsync(student, IdPhotoKinds.Face, TestPhotos.Encode(), token: token);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("removed you from this exam", await response.Content.ReadAsStringAsync());
        Assert.Empty(await PhotosAsync(app));
    }

    [Fact]
    public async Task AnExamWithoutAnIdCheckTakesNoPhotos()
    {
        await using var app = new ProctorWebApplication();
        var teacher = await app.SignInNewTeacherAsync("Tess");
        var ada = await app.InviteAsync(await app.CreateExamAsync(teacher.User, TimeSpan.FromMinutes(-1)), "Ada");

        var response = await TestPhotos.UploadAsync(app.CreateBrowser(await app.RedeemAsync(ada)), IdPhotoKinds.Face, TestPhotos.Encode());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("This exam does not ask for ID photos.", await response.Content.ReadAsStringAsync());
        Assert.Empty(await PhotosAsync(app));
    }

    [Fact]
    public async Task WithAnIdCheckAStudentLeavesTheDeviceCheckOnlyAfterSendingBothPhotos()
    {
        var (app, _, _, ada, student) = await ExamWithIdCheckAsync();
        await using var _ = app;
        await using var hub = await app.ConnectStudentAsync(ada, await app.RedeemAsync(ada));
        await hub.JoinAsStudentAsync();
        TestPhotos.AssertStored(await TestPhotos.UploadAsync(student, IdPhotoKinds.Face, TestPhotos.Encode()));

        var refused = await Assert.ThrowsAsync<Microsoft.AspNetCore.SignalR.HubException>(() => hub.ReadyAsync());
        TestPhotos.AssertStored(await TestPhotos.UploadAsync(student, IdPhotoKinds.IdCard, TestPhotos.Encode()));
        var ready = await hub.ReadyAsync();

        Assert.Contains("take the photo of your face and of your ID card first", refused.Message);
        Assert.Equal(Phases.Running, ready.Phase);
    }
}
