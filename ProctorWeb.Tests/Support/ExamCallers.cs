using System.Net;
using ProctorWeb.Data;

namespace ProctorWeb.Tests.Support;

/// <summary>Every kind of caller an exam has to tell apart, as the authorization tests walk them.</summary>
public enum Caller
{
    Anonymous,
    StudentOfThisExam,
    StudentOfAnotherExam,
    AnotherTeacher,
    CoProctor,
    Owner,
    /// <summary>An admin (also a teacher, as the product makes them) who owns and co-proctors neither exam.</summary>
    Admin,
}

/// <summary>
/// One app with "this exam" (running, owned by Tess, co-proctored by Colin, Ada invited and her link redeemed) and
/// another exam (owned by Otto, Dan invited and redeemed), Hedda the admin, and a browser's cookies for each kind of caller.
/// </summary>
public sealed class ExamCallers : IAsyncDisposable
{
    private ExamCallers(ProctorWebApplication app) => App = app;

    public ProctorWebApplication App { get; }
    public int ExamId { get; private set; }
    public int OtherExamId { get; private set; }
    public Invitation Ada { get; private set; } = null!;
    public Invitation Dan { get; private set; } = null!;
    public SignedInUser Owner { get; private set; } = null!;
    public SignedInUser CoProctor { get; private set; } = null!;
    public SignedInUser AnotherTeacher { get; private set; } = null!;
    public SignedInUser Admin { get; private set; } = null!;
    private readonly Dictionary<Caller, CookieContainer> _cookies = [];

    public static IReadOnlyList<Caller> All { get; } = Enum.GetValues<Caller>();

    public static async Task<ExamCallers> StartAsync()
    {
        var scene = new ExamCallers(new ProctorWebApplication());
        try
        {
            await scene.SetUpAsync();
            return scene;
        }
        catch
        {
            await scene.DisposeAsync();
            throw;
        }
    }

    private async Task SetUpAsync()
    {
        Owner = await App.SignInNewTeacherAsync("Tess");
        CoProctor = await App.SignInNewTeacherAsync("Colin");
        AnotherTeacher = await App.SignInNewTeacherAsync("Otto");
        Admin = await App.SignInNewAdminAsync("Hedda");
        ExamId = await App.CreateExamAsync(Owner.User, TimeSpan.FromMinutes(-1), title: "This exam", coProctors: CoProctor.User);
        OtherExamId = await App.CreateExamAsync(AnotherTeacher.User, TimeSpan.FromMinutes(-1), title: "Another exam");
        Ada = await App.InviteAsync(ExamId, "Ada Lovelace");
        Dan = await App.InviteAsync(OtherExamId, "Dan Brown");
        _cookies[Caller.Anonymous] = new CookieContainer();
        _cookies[Caller.StudentOfThisExam] = await App.RedeemAsync(Ada);
        _cookies[Caller.StudentOfAnotherExam] = await App.RedeemAsync(Dan);
        _cookies[Caller.AnotherTeacher] = AnotherTeacher.Cookies;
        _cookies[Caller.CoProctor] = CoProctor.Cookies;
        _cookies[Caller.Owner] = Owner.Cookies;
        _cookies[Caller.Admin] = Admin.Cookies;
    }

    public CookieContainer CookiesOf(Caller caller) => _cookies[caller];

    public HttpClient BrowserOf(Caller caller) => App.CreateBrowser(_cookies[caller]);

    /// <summary>A browser with a copy of the caller's cookies, for requests that would change who the caller is (signing out, redeeming a link).</summary>
    public HttpClient CopyOfBrowser(Caller caller)
    {
        var copy = new CookieContainer();
        copy.Add(_cookies[caller].GetAllCookies());
        return App.CreateBrowser(copy);
    }

    /// <summary>Who the caller is to a hub client (students by roster id).</summary>
    public TestUser UserOf(Caller caller) => caller switch
    {
        Caller.StudentOfThisExam => Ada.AsUser,
        Caller.StudentOfAnotherExam => Dan.AsUser,
        Caller.AnotherTeacher => AnotherTeacher.User,
        Caller.CoProctor => CoProctor.User,
        Caller.Owner => Owner.User,
        Caller.Admin => Admin.User,
        _ => TestUser.Anonymous,
    };

    public ValueTask DisposeAsync() => App.DisposeAsync();
}
