using System.Net;
using ProctorWeb.Cluster;
using ProctorWeb.Exams;
using ProctorWeb.Realtime;
using ProctorWeb.Tests.Support;
using ProctorWeb.Tests.Support.Cluster;

namespace ProctorWeb.Tests.Cluster;

/// <summary>
/// Two nodes behind nginx act as one site: a cookie or a form from one works on the other, an exam's hub connections
/// meet on the node that holds it whichever node served their pages, and what a page on the other node does to the
/// exam reaches them there.
/// </summary>
public class CrossNodeTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    private TestCluster Cluster => fixture.Cluster;

    [Fact]
    public async Task ASignInOnOneNodeIsValidOnTheOtherAndAFormServedByOneIsTakenByTheOther()
    {
        var exam = await ClusterSeed.RunningExamAsync(Cluster, Cluster.InvitationKey, TimeSpan.FromMinutes(20), "Ada");
        var (a, b) = (Cluster.Node("a"), Cluster.Node("b"));
        var cookies = await ClusterBrowsing.SignInAsync(a.BaseUri, exam.Teacher);
        CopyCookies(cookies, a.BaseUri, b.BaseUri);
        using var onA = TestCluster.Browser(a.BaseUri, cookies);
        using var onB = TestCluster.Browser(b.BaseUri, cookies);

        var page = await onB.GetAsync($"/Exams/{exam.ExamId}");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("b", page.Headers.GetValues(ClusterSetup.NodeHeader).Single());
        // The form (and its antiforgery token) comes from a, the post goes to b.
        var token = await Forms.GetAntiforgeryTokenAsync(onA, $"/Exams/{exam.ExamId}/Students/{exam.Students[0].RosterId}");
        var posted = await onB.PostAsync($"/Exams/{exam.ExamId}/Students/{exam.Students[0].RosterId}?handler=Note",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["Note.Text"] = "Seen on camera at the start" }));
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        Assert.Contains("Seen on camera at the start", await (await onA.GetAsync($"/Exams/{exam.ExamId}/Students/{exam.Students[0].RosterId}")).Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AStudentAndAProctorMeetOnTheExamsOwnerAndAProctorsActionOnTheOtherNodeReachesTheStudent()
    {
        var exam = await ClusterSeed.RunningExamAsync(Cluster, Cluster.InvitationKey, TimeSpan.FromMinutes(20), "Ada");
        var ada = exam.Students[0];
        var teacherCookies = await ClusterBrowsing.SignInAsync(Cluster.BaseUri, exam.Teacher);
        var adaCookies = await ClusterBrowsing.RedeemAsync(Cluster.BaseUri, ada);

        await using var proctor = await HubClient.ConnectAsync(Cluster.BaseUri, HubAddress.Exams, teacherCookies, exam.Teacher.AsUser(), $"exam={exam.ExamId}");
        await proctor.WatchAsync(exam.ExamId);
        await using var student = await HubClient.ConnectAsync(Cluster.BaseUri, HubAddress.Exams, adaCookies, new TestUser(ada.RosterId.ToString(), "", "", ada.Name), $"exam={exam.ExamId}");
        var state = await student.JoinAndReadyAsync();

        // Both on the owner: the student was given the proctor's connection, and signals pass between them.
        Assert.Contains(proctor.ConnectionId, state.Proctors);
        await student.InvokeAsync(nameof(ExamHub.Signal), proctor.ConnectionId, Signals.Offer("cross-node"));
        // Proctors know students by roster id.
        Assert.Equal(ada.RosterId.ToString(), (await proctor.WaitForSignalAsync("cross-node")).From);
        var owner = await Cluster.OwnerOfExamAsync(exam.ExamId) ?? throw new InvalidOperationException("Nobody holds the exam.");

        // The proctor ends Ada's exam from a page served by the node that does not hold it.
        var other = Cluster.Other(owner);
        CopyCookies(teacherCookies, Cluster.BaseUri, other.BaseUri);
        using var onOther = TestCluster.Browser(other.BaseUri, teacherCookies);
        var studentPage = $"/Exams/{exam.ExamId}/Students/{ada.RosterId}";
        var ended = await Forms.PostAsync(onOther, studentPage, $"{studentPage}?handler=EndExam", new() { ["End.Reason"] = "Phone on the desk" });
        Assert.Equal(HttpStatusCode.OK, ended.StatusCode);

        Assert.Equal("A proctor ended your exam: Phone on the desk", await student.WaitForAsync<string>(nameof(IExamClient.Dismissed)));
        await student.Closed.WaitAsync(HubClient.DefaultTimeout);
        await proctor.WaitForStudentAsync(ada.RosterId, StudentStatus.Finished);
    }

    [Fact]
    public async Task SigningOutOnOneNodeClosesTheAccountsMonitorHeldByTheOther()
    {
        var exam = await ClusterSeed.RunningExamAsync(Cluster, Cluster.InvitationKey, TimeSpan.FromMinutes(20), "Ada");
        var cookies = await ClusterBrowsing.SignInAsync(Cluster.BaseUri, exam.Teacher);
        await using var proctor = await HubClient.ConnectAsync(Cluster.BaseUri, HubAddress.Exams, cookies, exam.Teacher.AsUser(), $"exam={exam.ExamId}");
        await proctor.WatchAsync(exam.ExamId);
        var other = Cluster.Other(await Cluster.OwnerOfExamAsync(exam.ExamId) ?? throw new InvalidOperationException("Nobody holds the exam."));
        CopyCookies(cookies, Cluster.BaseUri, other.BaseUri);
        using var onOther = TestCluster.Browser(other.BaseUri, cookies);

        await Forms.PostAsync(onOther, "/Calls", "/Account/Logout", []);

        await proctor.Closed.WaitAsync(HubClient.DefaultTimeout);
    }

    [Fact]
    public async Task EveryCallsPageIsOnOneNodeSoEachSignedInPersonSeesTheOthersOnline()
    {
        var first = await ClusterSeed.RunningExamAsync(Cluster, Cluster.InvitationKey, TimeSpan.FromMinutes(20));
        var second = await ClusterSeed.RunningExamAsync(Cluster, Cluster.InvitationKey, TimeSpan.FromMinutes(20));
        var tess = await ClusterBrowsing.SignInAsync(Cluster.BaseUri, first.Teacher);
        var theo = await ClusterBrowsing.SignInAsync(Cluster.BaseUri, second.Teacher);

        await using var tessCalls = await HubClient.ConnectAsync(Cluster.BaseUri, HubAddress.Calls, tess, first.Teacher.AsUser());
        await using var theoCalls = await HubClient.ConnectAsync(Cluster.BaseUri, HubAddress.Calls, theo, second.Teacher.AsUser());

        await tessCalls.WaitForAsync<IReadOnlyList<ProctorWeb.Calls.OnlineUser>>(nameof(ProctorWeb.Calls.ICallClient.OnlineUsers), users => users.Any(u => u.Id == second.Teacher.Id));
        await theoCalls.WaitForAsync<IReadOnlyList<ProctorWeb.Calls.OnlineUser>>(nameof(ProctorWeb.Calls.ICallClient.OnlineUsers), users => users.Any(u => u.Id == first.Teacher.Id));
    }

    [Fact]
    public async Task TheBalancerNeverLogsAPersonalLinkButLogsOtherPages()
    {
        var exam = await ClusterSeed.RunningExamAsync(Cluster, Cluster.InvitationKey, TimeSpan.FromMinutes(20), "Ada");
        var secret = exam.Students[0].JoinPath["/Join/".Length..];

        await ClusterBrowsing.RedeemAsync(Cluster.BaseUri, exam.Students[0]);
        await ClusterBrowsing.SignInAsync(Cluster.BaseUri, exam.Teacher);

        var log = await File.ReadAllTextAsync(Cluster.Balancer.AccessLog);
        Assert.Contains("POST /Account/Login", log);
        Assert.DoesNotContain(secret, log);
        Assert.DoesNotContain("/Join/", log);
        Assert.DoesNotContain(secret, await File.ReadAllTextAsync(Cluster.Balancer.ErrorLog));
    }

    /// <summary>A browser keeps one cookie jar per site; these tests reach the same site by another port too.</summary>
    private static void CopyCookies(CookieContainer cookies, Uri from, Uri to)
    {
        foreach (Cookie cookie in cookies.GetCookies(from))
        {
            cookies.Add(to, new Cookie(cookie.Name, cookie.Value, "/"));
        }
    }
}
