using System.Net;
using ProctorWeb.Exams;

namespace ProctorWeb.Tests.Support;

/// <summary>
/// Two running exams side by side, for tests about who may reach whom: exam A watched by Tess with
/// Ada and Bob live and Cara still at the device check; exam B watched by Otto with Dan live.
/// Students have full names, which no random connection id can contain (ids have no spaces).
/// </summary>
public sealed class TwoExams : IAsyncDisposable
{
    private TwoExams(ProctorWebApplication app) => App = app;

    public ProctorWebApplication App { get; }
    public int ExamA { get; private set; }
    public int ExamB { get; private set; }
    public HubClient ProctorA { get; private set; } = null!;
    public HubClient ProctorB { get; private set; } = null!;
    public HubClient Ada { get; private set; } = null!;
    public HubClient Bob { get; private set; } = null!;
    public HubClient Cara { get; private set; } = null!;
    public HubClient Dan { get; private set; } = null!;

    /// <summary>The state each student's JoinAsStudent and Ready answered with: part of what a student receives.</summary>
    public List<(HubClient Student, ExamState State)> StatesReceived { get; } = [];

    private readonly Dictionary<HubClient, CookieContainer> _cookies = [];

    private IEnumerable<HubClient> Clients => [Ada, Bob, Cara, Dan, ProctorA, ProctorB];

    public static async Task<TwoExams> StartAsync()
    {
        var exams = new TwoExams(new ProctorWebApplication());
        try
        {
            await exams.SetUpAsync();
            return exams;
        }
        catch
        {
            await exams.DisposeAsync();
            throw;
        }
    }

    private async Task SetUpAsync()
    {
        var tess = await App.SignInNewTeacherAsync("Tess");
        var otto = await App.SignInNewTeacherAsync("Otto");
        ExamA = await App.CreateExamAsync(tess.User, TimeSpan.FromMinutes(-1), title: "Exam A");
        ExamB = await App.CreateExamAsync(otto.User, TimeSpan.FromMinutes(-1), title: "Exam B");
        ProctorA = await App.ConnectProctorAsync(tess);
        ProctorB = await App.ConnectProctorAsync(otto);
        await ProctorA.WatchAsync(ExamA);
        await ProctorB.WatchAsync(ExamB);
        (_cookies[ProctorA], _cookies[ProctorB]) = (tess.Cookies, otto.Cookies);

        Ada = await ConnectStudentAsync(ExamA, "Ada Lovelace");
        Bob = await ConnectStudentAsync(ExamA, "Bob Marley");
        Cara = await ConnectStudentAsync(ExamA, "Cara Delevingne");
        Dan = await ConnectStudentAsync(ExamB, "Dan Brown");
        foreach (var (student, proctor) in new[] { (Ada, ProctorA), (Bob, ProctorA), (Dan, ProctorB) })
        {
            StatesReceived.Add((student, await student.JoinAsStudentAsync()));
            StatesReceived.Add((student, await student.ReadyAsync()));
            await proctor.WaitForStudentAsync(student.RosterId(), StudentStatus.Live);
        }
        StatesReceived.Add((Cara, await Cara.JoinAsStudentAsync()));
        await ProctorA.WaitForStudentAsync(Cara.RosterId(), StudentStatus.Checking);
    }

    private async Task<HubClient> ConnectStudentAsync(int examId, string name)
    {
        var invitation = await App.InviteAsync(examId, name);
        var cookies = await App.RedeemAsync(invitation);
        var student = await App.ConnectStudentAsync(invitation, cookies);
        _cookies[student] = cookies;
        return student;
    }

    /// <summary>A second connection with the same invitation or sign-in cookie, as from another tab; the caller disposes it.</summary>
    public Task<HubClient> ReconnectAsync(HubClient student) => App.ConnectAsync(HubAddress.Exams, _cookies[student], student.User);

    /// <summary>
    /// Returns once something sent to <paramref name="target"/> after this call has arrived, so anything
    /// sent to it earlier has arrived too: the server writes to one connection in order.
    /// </summary>
    public async Task FlushAsync(HubClient target)
    {
        var marker = $"flush-{Guid.NewGuid():N}";
        if (target == ProctorA || target == ProctorB)
        {
            await (target == ProctorA ? Ada : Dan).SignalAsync(target.ConnectionId, Signals.Offer(marker));
            await target.WaitForSignalAsync(marker);
        }
        else
        {
            await (target == Dan ? ProctorB : ProctorA).InvokeAsync(nameof(ExamHub.Announce), marker);
            await target.WaitForMessageAsync(m => m.Text == marker);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in Clients.Where(c => c is not null))
        {
            await client.DisposeAsync();
        }
        await App.DisposeAsync();
    }
}
