using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using ProctorWeb.Data;
using ProctorWeb.Exams;

namespace ProctorWeb.Tests.Support;

/// <summary>
/// One app with an exam owned by Tess, who watches it, and students who joined through their own links and are
/// live for her (Ada, Bob, Cara... in that order). Steps add students, co-proctors and a student's second tab.
/// </summary>
public sealed class LiveExamScene : IAsyncDisposable
{
    private static readonly string[] Names = ["Ada", "Bob", "Cara", "Dan", "Eve", "Finn", "Gus", "Hal"];

    private readonly Dictionary<HubClient, (Invitation Invitation, CookieContainer Cookies)> _students = [];
    private readonly Dictionary<HubClient, ExamState> _liveStates = [];
    private readonly List<HubClient> _opened = [];
    private readonly List<HubClient> _live = [];

    private LiveExamScene(ProctorWebApplication app) => App = app;

    public ProctorWebApplication App { get; }
    public SignedInUser Teacher { get; private set; } = null!;
    public int ExamId { get; private set; }
    /// <summary>Tess's exam hub connection, watching the exam.</summary>
    public HubClient Proctor { get; private set; } = null!;
    /// <summary>The students who went live, in the order they did.</summary>
    public IReadOnlyList<HubClient> Students => _live;

    /// <summary>
    /// An exam that started a minute ago and lasts <paramref name="durationMinutes"/>, with <paramref name="students"/> live.
    /// With <paramref name="startsIn"/> in the future nobody can be live yet, so <paramref name="students"/> must be 0.
    /// </summary>
    /// <param name="configure">The exam's checks and admission, set before anyone joins.</param>
    /// <param name="settings">Configuration beside the app's own, such as a lower limit to reach.</param>
    public static async Task<LiveExamScene> StartAsync(int students = 1, TimeSpan? startsIn = null, int durationMinutes = 60, ManualClock? clock = null, Action<Exam>? configure = null,
        IReadOnlyDictionary<string, string?>? settings = null)
    {
        var exam = new LiveExamScene(new ProctorWebApplication(settings) { Clock = clock });
        try
        {
            exam.Teacher = await exam.App.SignInNewTeacherAsync("Tess");
            exam.ExamId = await exam.App.CreateExamAsync(exam.Teacher.User, startsIn ?? TimeSpan.FromMinutes(-1), durationMinutes);
            if (configure is not null)
            {
                await exam.App.ConfigureExamAsync(exam.ExamId, configure);
            }
            exam.Proctor = await exam.OpenAsync(exam.App.ConnectProctorAsync(exam.Teacher));
            await exam.Proctor.WatchAsync(exam.ExamId);
            foreach (var name in Names.Take(students))
            {
                await exam.AddLiveStudentAsync(name);
            }
            return exam;
        }
        catch
        {
            // The caller never gets the scene to dispose, so its connections and app go here.
            await exam.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Invites a student, opens their link, agrees and connects to the exam hub, without joining yet; with
    /// <paramref name="acceptLanguage"/>, as a browser with those languages.
    /// </summary>
    public async Task<HubClient> ConnectStudentAsync(string name, string? acceptLanguage = null)
    {
        var invitation = await App.InviteAsync(ExamId, name);
        var cookies = await App.RedeemAsync(invitation);
        var student = await OpenAsync(acceptLanguage is null
            ? App.ConnectStudentAsync(invitation, cookies)
            : HubClient.ConnectAsync(App.Server, HubAddress.Exams, cookies, invitation.AsUser, acceptLanguage: acceptLanguage));
        _students[student] = (invitation, cookies);
        return student;
    }

    /// <summary>Connects a new student who joins and passes the device check, once the proctor sees them live.</summary>
    public async Task<HubClient> AddLiveStudentAsync(string name, string? acceptLanguage = null)
    {
        var student = await ConnectStudentAsync(name, acceptLanguage);
        _liveStates[student] = await student.GoLiveAsync(Proctor);
        _live.Add(student);
        return student;
    }

    /// <summary>What Ready answered a student with when they went live.</summary>
    public ExamState LiveStateOf(HubClient student) => _liveStates[student];

    public Invitation InvitationOf(HubClient student) => _students[student].Invitation;

    /// <summary>A browser with the student's invitation cookie, as their exam page's fetches send it.</summary>
    public HttpClient BrowserOf(HubClient student) => App.CreateBrowser(_students[student].Cookies);

    /// <summary>Another connection with the student's invitation cookie, as from a second tab or after a reload; not joined yet.</summary>
    public async Task<HubClient> ReconnectAsync(HubClient student)
    {
        var again = await OpenAsync(App.ConnectStudentAsync(_students[student].Invitation, _students[student].Cookies));
        _students[again] = _students[student];
        return again;
    }

    /// <summary>A teacher added to the exam's co-proctors, signed in but not connected.</summary>
    public async Task<SignedInUser> AddCoProctorAsync(string name)
    {
        var coProctor = await App.SignInNewTeacherAsync(name);
        await App.WithServiceAsync<int, AppDbContext>(db =>
        {
            db.ExamProctors.Add(new ExamProctor { ExamId = ExamId, UserId = coProctor.User.Id });
            return db.SaveChangesAsync();
        });
        return coProctor;
    }

    private async Task<HubClient> OpenAsync(Task<HubClient> connecting)
    {
        var client = await connecting;
        _opened.Add(client);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        // Closing an already closed connection is harmless, so tests may close theirs on the way.
        foreach (var client in _opened)
        {
            await client.DisposeAsync();
        }
        await App.DisposeAsync();
    }

    /// <summary>The schedule form as the exam stands, with the co-proctors given and, if asked, another start.</summary>
    public async Task<Dictionary<string, string>> ScheduleFormAsync(string coProctorEmails, DateTime? startsAtUtc = null)
    {
        var stored = await App.WithServiceAsync<Exam, AppDbContext>(db => db.Exams.AsNoTracking().SingleAsync(e => e.Id == ExamId));
        return new()
        {
            ["Input.Title"] = stored.Title,
            ["Input.Instructions"] = stored.Instructions,
            ["Input.StartsAt"] = (startsAtUtc ?? stored.StartsAtUtc).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture),
            ["Input.TimeZone"] = "UTC",
            ["Input.DurationMinutes"] = stored.DurationMinutes.ToString(CultureInfo.InvariantCulture),
            ["Input.LateJoinMinutes"] = stored.LateJoinMinutes.ToString(CultureInfo.InvariantCulture),
            ["Input.CoProctorEmails"] = coProctorEmails,
        };
    }
}
