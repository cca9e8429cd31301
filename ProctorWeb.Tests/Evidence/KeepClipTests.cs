using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using ProctorWeb.Data;
using ProctorWeb.Evidence;
using ProctorWeb.Exams;
using ProctorWeb.Tests.Support;

namespace ProctorWeb.Tests.Evidence;

public class KeepClipTests
{
    private static Task<long> KeepClipAsync(HubClient proctor, HubClient student) =>
        proctor.InvokeAsync<long>(nameof(ExamHub.KeepClip), student.RosterId().ToString(CultureInfo.InvariantCulture));

    [Fact]
    public async Task KeepAClipAsksThatStudentsPageAloneWhichMayThenSendAClipForTheRequest()
    {
        await using var scene = await LiveExamScene.StartAsync(students: 2);
        var (ada, bob) = (scene.Students[0], scene.Students[1]);

        var requestId = await KeepClipAsync(scene.Proctor, ada);
        var pushed = await ada.WaitForAsync<(long RequestId, DateTime AtUtc)>(nameof(IExamClient.KeepClip));
        // Clicked again at once: the clip asked for already covers this moment.
        var again = await KeepClipAsync(scene.Proctor, ada);
        // Everything sent to the students before the announcement has arrived once it has.
        await scene.Proctor.InvokeAsync(nameof(ExamHub.Announce), "Ten minutes left.");
        await ada.WaitForMessageAsync();
        await bob.WaitForMessageAsync();
        var adasPage = await StudentPage.OpenAsync(scene.BrowserOf(ada));
        var bobsPage = await StudentPage.OpenAsync(scene.BrowserOf(bob));
        var clip = ClipScene.ForFlag(0, 1000) with { FlagId = null, RequestId = requestId };
        var bobsTry = await bobsPage.StartAsync(clip);
        var clipId = await adasPage.StartedAsync(clip);

        Assert.Equal(requestId, pushed.RequestId);
        Assert.Equal(requestId, again);
        Assert.Single(ada.ReceivedSoFar<HubMessage>(nameof(IExamClient.KeepClip)));
        Assert.Empty(bob.ReceivedSoFar<HubMessage>(nameof(IExamClient.KeepClip)));
        Assert.Equal(HttpStatusCode.BadRequest, bobsTry.StatusCode);
        var (stored, request) = await scene.App.WithServiceAsync<(Clip, ClipRequest), AppDbContext>(async db =>
            (await db.Clips.SingleAsync(), await db.ClipRequests.SingleAsync()));
        Assert.Equal((clipId, ClipKinds.Kept, requestId, (long?)null), (stored.Id, stored.Kind, stored.RequestId!.Value, stored.FlagId));
        Assert.Equal((scene.Teacher.User.Id, ada.RosterId(), pushed.AtUtc), (request.ProctorId, request.RosterEntryId, request.AtUtc));
    }

    [Fact]
    public async Task AProctorOfAnotherExamCannotKeepAClipOfThisExamsStudent()
    {
        await using var exams = await TwoExams.StartAsync();

        var refused = await Assert.ThrowsAsync<HubException>(() => KeepClipAsync(exams.ProctorB, exams.Ada));

        Assert.Contains("HubException: ", refused.Message);
        Assert.Empty(exams.Ada.ReceivedSoFar<HubMessage>(nameof(IExamClient.KeepClip)));
        Assert.Equal(0, await exams.App.WithServiceAsync<int, AppDbContext>(db => db.ClipRequests.CountAsync()));
    }
}
