using Microsoft.Extensions.DependencyInjection;
using ProctorWeb.Data;
using ProctorWeb.Tests.Support;

namespace ProctorWeb.Tests.Pages;

// The clip rows' helpers: each cell gets a clip of its own, stored straight (uploads have their own tests).
public partial class AuthorizationMatrixTests
{
    /// <summary>
    /// A request to /Join/Clips as the caller's exam page would send it: students with their exam page's token in the
    /// header, anyone else with the token the sign-in page gives them.
    /// </summary>
    private static Row ClipUpload(string target, Func<ExamCallers, StudentPage, Task<HttpResponseMessage>> send,
        Outcome a, Outcome s, Outcome so, Outcome t, Outcome c, Outcome o, Outcome ad) =>
        new(target, async (scene, caller) =>
        {
            var browser = scene.BrowserOf(caller);
            var page = caller is Caller.StudentOfThisExam or Caller.StudentOfAnotherExam
                ? await StudentPage.OpenAsync(browser)
                : new StudentPage(browser, await Forms.GetAntiforgeryTokenAsync(browser, "/Account/Login"));
            return await send(scene, page);
        }, a, s, so, t, c, o, ad);

    /// <summary>A clip of Ada's, started for a flag of hers and with nothing received yet.</summary>
    private static long StartedClipOfAda(ExamCallers scene) => AddClipOfAda(scene, whole: false);

    /// <summary>A whole clip of Ada's, its file in the app's clips folder.</summary>
    private static long WholeClipOfAda(ExamCallers scene) => AddClipOfAda(scene, whole: true);

    private static long AddClipOfAda(ExamCallers scene, bool whole)
    {
        var bytes = ClipScene.Bytes(1000);
        using var scope = scene.App.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var clip = new Clip
        {
            RosterEntryId = scene.Ada.RosterId, Kind = ClipKinds.Flag, FlagId = NewFlagOf(scene), MimeType = "video/webm",
            StartedAtUtc = DateTime.UtcNow.AddSeconds(-20), EndedAtUtc = DateTime.UtcNow, DeclaredBytes = bytes.Length,
            ReceivedBytes = whole ? bytes.Length : 0, Complete = whole, Sha256 = whole ? Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)) : null,
            FileName = $"{Guid.NewGuid():N}.webm", CreatedAtUtc = DateTime.UtcNow,
        };
        if (whole)
        {
            File.WriteAllBytes(Path.Combine(scene.App.ClipsPath, clip.FileName), bytes);
        }
        db.Clips.Add(clip);
        db.SaveChanges();
        return clip.Id;
    }
}
