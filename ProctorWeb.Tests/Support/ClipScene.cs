using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ProctorWeb.Data;
using ProctorWeb.Evidence;

namespace ProctorWeb.Tests.Support;

/// <summary>
/// One app with a running exam owned by Tess, Ada and Bob invited with their links redeemed, a flag of each, and Ada's
/// page ready to upload clips as the browser would: fetch with the exam page's antiforgery token in a header.
/// </summary>
public sealed class ClipScene : IAsyncDisposable
{
    public const string WebM = "video/webm;codecs=vp8,opus";

    private ClipScene(ProctorWebApplication app) => App = app;

    public ProctorWebApplication App { get; }
    public SignedInUser Teacher { get; private set; } = null!;
    public int ExamId { get; private set; }
    public Invitation Ada { get; private set; } = null!;
    public Invitation Bob { get; private set; } = null!;
    public StudentPage AdaPage { get; private set; } = null!;
    public StudentPage BobPage { get; private set; } = null!;
    public long AdaFlag { get; private set; }
    public long BobFlag { get; private set; }

    /// <param name="settings">Clips:* and other settings for this app (small chunks, few clips).</param>
    public static async Task<ClipScene> StartAsync(Dictionary<string, string?>? settings = null, ManualClock? clock = null)
    {
        var scene = new ClipScene(new ProctorWebApplication(settings) { Clock = clock });
        try
        {
            scene.Teacher = await scene.App.SignInNewTeacherAsync("Tess");
            scene.ExamId = await scene.App.CreateExamAsync(scene.Teacher.User, TimeSpan.FromMinutes(-1));
            (scene.Ada, scene.AdaPage) = await scene.InviteAsync(scene.ExamId, "Ada Lovelace");
            (scene.Bob, scene.BobPage) = await scene.InviteAsync(scene.ExamId, "Bob Marley");
            scene.AdaFlag = await scene.FlagAsync(scene.Ada.RosterId);
            scene.BobFlag = await scene.FlagAsync(scene.Bob.RosterId);
            return scene;
        }
        catch
        {
            await scene.DisposeAsync();
            throw;
        }
    }

    /// <summary>A student of <paramref name="examId"/> with their link redeemed, their exam page open, and joined (as the hub records it).</summary>
    public async Task<(Invitation, StudentPage)> InviteAsync(int examId, string name)
    {
        var invitation = await App.InviteAsync(examId, name);
        var browser = App.CreateBrowser(await App.RedeemAsync(invitation));
        await App.WithServiceAsync<int, AppDbContext>(db =>
        {
            db.Attendance.Add(new AttendanceEvent { RosterEntryId = invitation.RosterId, Kind = AttendanceKinds.Joined, AtUtc = DateTime.UtcNow });
            return db.SaveChangesAsync();
        });
        return (invitation, await StudentPage.OpenAsync(browser));
    }

    /// <summary>A flag of the student, stored as ReportFlag would store it.</summary>
    public Task<long> FlagAsync(int rosterId) => App.WithServiceAsync<long, AppDbContext>(async db =>
    {
        var flag = new Flag { RosterEntryId = rosterId, ClientId = Guid.NewGuid().ToString("N"), Kind = "tab-hidden", StartedAtUtc = DateTime.UtcNow };
        db.Flags.Add(flag);
        await db.SaveChangesAsync();
        return flag.Id;
    });

    public static ClipStart ForFlag(long flagId, long totalBytes, string mime = WebM) =>
        new(flagId, null, null, mime, totalBytes, DateTime.UtcNow.AddSeconds(-10), DateTime.UtcNow.AddSeconds(10));

    public static byte[] Bytes(int length, int seed = 1)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    public Task<List<Clip>> ClipsAsync() => App.WithServiceAsync<List<Clip>, AppDbContext>(db => db.Clips.AsNoTracking().OrderBy(c => c.Id).ToListAsync());

    /// <summary>The files in the clips folder, by name (none if the folder is empty).</summary>
    public IReadOnlyList<string> FilesOnDisk() =>
        Directory.Exists(App.ClipsPath) ? Directory.GetFiles(App.ClipsPath).Select(Path.GetFileName).OfType<string>().Order().ToList() : [];

    public string ClipsPath(Invitation student) => $"/Exams/{student.ExamId}/Students/{student.RosterId}/Clips";

    public ValueTask DisposeAsync() => App.DisposeAsync();
}

/// <summary>A student's exam page as it talks to /Join/Clips: JSON to start, raw bytes per chunk, the token in a header.</summary>
public sealed class StudentPage(HttpClient browser, string token)
{
    public HttpClient Browser => browser;

    /// <summary>Opens the exam page for its antiforgery token, as the page's own script has it.</summary>
    public static async Task<StudentPage> OpenAsync(HttpClient browser) => new(browser, await Forms.GetAntiforgeryTokenAsync(browser, "/Join/Room"));

    public Task<HttpResponseMessage> StartAsync(ClipStart start) => SendAsync("/Join/Clips", JsonContent.Create(start));

    public Task<HttpResponseMessage> ChunkAsync(long clipId, long offset, ReadOnlySpan<byte> bytes)
    {
        var body = new ByteArrayContent(bytes.ToArray());
        body.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        return SendAsync($"/Join/Clips?handler=Chunk&clipId={clipId}&offset={offset}", body);
    }

    public Task<HttpResponseMessage> StatusAsync(long clipId) => browser.GetAsync($"/Join/Clips?clipId={clipId}");

    /// <summary>Starts a clip that must be accepted; returns its id.</summary>
    public async Task<long> StartedAsync(ClipStart start) => (await ProgressOf(await StartAsync(start))).ClipId;

    /// <summary>Sends <paramref name="bytes"/> from <paramref name="from"/> on, chunk by chunk, each accepted; returns the last answer.</summary>
    public async Task<ClipProgress> SendAsync(long clipId, byte[] bytes, int chunkBytes, long from = 0)
    {
        ClipProgress? last = null;
        for (var offset = from; offset < bytes.Length; offset += chunkBytes)
        {
            last = await ProgressOf(await ChunkAsync(clipId, offset, bytes.AsSpan((int)offset, (int)Math.Min(chunkBytes, bytes.Length - offset))));
        }
        return last ?? throw new ArgumentException("Nothing to send.", nameof(bytes));
    }

    public static async Task<ClipProgress> ProgressOf(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"The upload was refused: {(int)response.StatusCode} {text}");
        return JsonSerializer.Deserialize<ClipProgress>(text, JsonSerializerOptions.Web)!;
    }

    /// <summary>A refusal's words and the received length it carries.</summary>
    public static async Task<(string Error, long? ReceivedBytes)> RefusalOf(HttpResponseMessage response)
    {
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var received = json.RootElement.TryGetProperty("receivedBytes", out var r) && r.ValueKind == JsonValueKind.Number ? r.GetInt64() : (long?)null;
        return (json.RootElement.GetProperty("error").GetString()!, received);
    }

    private async Task<HttpResponseMessage> SendAsync(string path, HttpContent body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = body };
        request.Headers.Add("RequestVerificationToken", token);
        return await browser.SendAsync(request);
    }
}
