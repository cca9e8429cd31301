using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using ProctorWeb.Accounts;
using ProctorWeb.Admission;
using ProctorWeb.Cluster;
using ProctorWeb.Data;
using ProctorWeb.Evidence;
using ProctorWeb.Exams.Live;
using ProctorWeb.Realtime;
using ProctorWeb.Text;

namespace ProctorWeb.Exams;

/// <summary>
/// Signaling for exams. A student is known only by the invitation cookie from the join page; a proctor by
/// their sign-in and the exam's owner and co-proctor list. Who sits where is the registry's, timers the
/// clock's, pushes the notifier's; each method here asks them in turn.
/// </summary>
[Authorize(AuthenticationSchemes = $"{InvitationAuth.Scheme},Identity.Application")]
// Database services are injected per method, so relaying (Signal, the hot path) never creates a DbContext.
public sealed class ExamHub(IExamRegistry registry, ExamClock clock, ExamNotifier notifier, AttendanceRecorder attendance, ExamRecorder records, TimeProvider time,
    RoomGate rooms, IStringLocalizer<LiveText> T) : Hub<IExamClient>
{
    public const string Path = "/hubs/exams";

    /// <summary>The hub's address for one exam's pages: a balancer in front of several nodes routes it to the exam's owner.</summary>
    public static string PathFor(int examId) => $"{Path}?exam={examId}";

    // An exception means the connection died (network lost, timeout) rather than closed: the student may come back.
    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        var departure = registry.Leave(Context.ConnectionId, unexpected: exception is not null);
        if (departure is StudentDeparture { Student: var student } left)
        {
            if (left.ExpectBack)
            {
                clock.ExpectBack(student.ExamId, student.RosterId);
            }
            if (left.RecordLeft)
            {
                await attendance.RecordAsync(student.RosterId, AttendanceKinds.Left);
            }
        }
        if (departure is not null)
        {
            await notifier.DepartedAsync(departure);
        }
    }

    public async Task<ExamState> JoinAsStudent([FromServices] InvitationCheck invitations, [FromServices] IOptions<ExamOptions> options)
    {
        var rosterId = Context.User.RosterEntryId() ?? throw new HubException(T["Open your personal exam link to join."]);
        var check = await invitations.ByIdAsync(rosterId);
        var entry = check.Allowed ? check.Entry! : throw new HubException(check.Refusal!);
        // The room keeps the exam's times for everyone; the student's seat adds their own extra minutes.
        var exam = LiveExam.Of(entry.Exam!, options.Value);
        await rooms.EnterAsync(Context, Rooms.Exam(exam.Id));
        clock.Track(exam);
        clock.Returned(exam.Id, entry.Id);
        var joined = registry.JoinStudent(Context.ConnectionId, Context.Abort, exam, entry.Id, entry.Name, check.NeedsAdmission, Accommodation.Of(entry));
        await notifier.StudentJoinedAsync(joined);
        await attendance.RecordJoinAsync(rosterId);
        return joined.State;
    }

    public async Task<ExamState> Ready([FromServices] IdPhotos photos)
    {
        var student = registry.StudentOf(Context.ConnectionId);
        if (student.Status == StudentStatus.Checking && !await photos.CompleteAsync(student.RosterId))
        {
            throw new HubException(T["This exam checks who you are: take the photo of your face and of your ID card first."]);
        }
        var (changed, state) = registry.Ready(Context.ConnectionId);
        if (changed is not null)
        {
            await notifier.StudentChangedAsync(changed.ExamId, changed.Tile);
        }
        return state;
    }

    /// <summary>Returns after the flag is stored, so the browser may forget it.</summary>
    public async Task<long> ReportFlag(FlagReport report)
    {
        var student = registry.ReportingStudent(Context.ConnectionId);
        var flag = await records.RecordFlagAsync(student.RosterId, report ?? throw new HubException(T["A flag report is required."]), student.Accommodation);
        await notifier.FlagChangedAsync(student.ExamId, flag);
        return flag.Id;
    }

    public async Task<MonitorSnapshot> Watch(int examId, [FromServices] AppDbContext db, [FromServices] IOptions<ExamOptions> options)
    {
        var userId = Context.User.HasAccount() ? Context.UserIdentifier : null;
        // The same answer for "no such exam" and "not yours", so nobody learns which exams exist.
        var stored = userId is null ? null : await db.Exams.AsNoTracking().ProctoredBy(userId).SingleOrDefaultAsync(e => e.Id == examId);
        if (stored is null)
        {
            throw new HubException(T["You are not a proctor of that exam."]);
        }
        var exam = LiveExam.Of(stored, options.Value);
        var roster = await db.RosterTilesAsync(stored);
        var flags = await db.FlagViewsAsync(examId);
        await rooms.EnterAsync(Context, Rooms.Exam(exam.Id));
        clock.Track(exam);
        var watch = registry.Watch(Context.ConnectionId, Context.Abort, exam, userId!, Context.User.DisplayName(), roster);
        await notifier.ProctorWatchingAsync(watch);
        var lastEnd = await db.Roster.LastEndAsync(stored);
        var studentMessages = await db.StudentMessagesAsync(examId, MonitorSnapshot.RecentStudentMessages);
        return new MonitorSnapshot(exam.Id, exam.Title, Now, exam.Window.StartsAtUtc, exam.Window.EndsAtUtc, lastEnd, watch.Tiles, flags, studentMessages);
    }

    /// <summary>Pages send this without a completion; a refusal is pushed back as SignalRefused.</summary>
    public Task Signal(string to, SignalMessage message)
    {
        SignalRoute route;
        try
        {
            var target = HubArguments.Id(to, T);
            (message ?? throw new HubException(T["A signaling message is required."])).Validate(T);
            route = registry.RouteSignal(Context.ConnectionId, target);
        }
        catch (HubException refused)
        {
            return SignalRefusals.AnswerAsync(Clients.Caller, to, refused);
        }
        return notifier.SignalAsync(route, message);
    }

    /// <summary>A student's page could not run its face checks; proctors see it on the tile and decide.</summary>
    public Task FaceChecksUnavailable(string reason)
    {
        var words = FaceCheckProblems.Words(reason) ?? throw new HubException(T["That reason is unknown."]);
        // For proctors' tiles, so in English: the monitor shows t(words), the texts are in LiveClientText.
        var student = registry.AddNotice(Context.ConnectionId, words);
        return notifier.StudentChangedAsync(student.ExamId, student.Tile);
    }

    /// <summary>The student's device cannot go fullscreen, so the exam's fullscreen rule is not flagged for them.</summary>
    public Task FullscreenUnavailable()
    {
        // For proctors' tiles, so in English: the monitor shows t(notice), the text is in LiveClientText.
        var student = registry.AddNotice(Context.ConnectionId, StudentNotices.FullscreenUnavailable);
        return notifier.StudentChangedAsync(student.ExamId, student.Tile);
    }

    public async Task Admit(string studentId)
    {
        var (proctor, admitted) = registry.Admit(Context.ConnectionId, HubArguments.Id(studentId, T));
        await attendance.RecordAsync(admitted.Student.RosterId, AttendanceKinds.Admitted, actorId: proctor.UserId);
        await notifier.PhaseChangedAsync([admitted]);
    }

    /// <summary>Returns once the decision is stored, so the student's link is refused from then on.</summary>
    public async Task Reject(string studentId, string reason)
    {
        reason = CheckedText(reason, ExamLimits.ReasonLength, T["A reason needs between 1 and {0} characters.", ExamLimits.ReasonLength]);
        var (proctor, student) = registry.Reject(Context.ConnectionId, HubArguments.Id(studentId, T));
        await attendance.RecordAsync(student.RosterId, AttendanceKinds.Rejected, reason, proctor.UserId);
        await attendance.WrittenAsync();
        // In the student's language, not the proctor's.
        await notifier.DismissedAsync(student, T => T["A proctor did not admit you to this exam: {0}", reason]);
        await notifier.StudentChangedAsync(student.ExamId, student.Tile);
    }

    public Task SetQuality(string studentId, string level)
    {
        if (!Quality.IsKnown(level))
        {
            throw new HubException(T["The quality must be 'low', 'high', 'paused', 'screen-low', 'screen-high' or 'screen-paused'."]);
        }
        var (proctor, student) = registry.ProctorAndStudentOnCamera(Context.ConnectionId, HubArguments.Id(studentId, T));
        return notifier.QualityRequestedAsync(proctor, student, level);
    }

    /// <summary>Starting to talk answers the student's raised hand.</summary>
    public async Task Talk(string studentId, bool talking)
    {
        var (proctor, student) = registry.ProctorAndStudentOnCamera(Context.ConnectionId, HubArguments.Id(studentId, T));
        await notifier.TalkingAsync(proctor, student, talking);
        if (talking)
        {
            await LowerHandOf(student);
        }
    }

    /// <summary>To any student seated in the exam, even one stuck at the device check; it answers their raised hand.</summary>
    public async Task SendMessage(string studentId, string text)
    {
        text = CheckedText(text);
        var (proctor, student) = registry.ProctorAndStudentInExam(Context.ConnectionId, HubArguments.Id(studentId, T));
        await records.RecordMessageAsync(proctor.ExamId, student.RosterId, proctor.UserId, text);
        await notifier.MessageAsync(student, new ProctorMessage(proctor.Name, text, ToEveryone: false, Now));
        await LowerHandOf(student);
    }

    /// <summary>A proctor dealt with a raised hand some other way (in person, or another proctor did).</summary>
    public Task LowerHand(string studentId)
    {
        var (_, student) = registry.ProctorAndStudentInExam(Context.ConnectionId, HubArguments.Id(studentId, T));
        return LowerHandOf(student);
    }

    /// <summary>The student asks for a proctor's attention; every proctor of the exam sees it on the tile at once.</summary>
    public async Task<bool> RaiseHand(bool raised, [FromServices] StudentContactBudget budget)
    {
        if (raised)
        {
            budget.Take(registry.StudentWhoMayWrite(Context.ConnectionId).RosterId);
        }
        var hand = registry.SetHand(Context.ConnectionId, raised);
        if (hand.Changed)
        {
            await notifier.StudentChangedAsync(hand.Student.ExamId, hand.Student.Tile);
        }
        return hand.Student.HandRaisedAtUtc is not null;
    }

    /// <summary>A student's message to every proctor of the exam, kept on their record.</summary>
    public async Task WriteToProctors(string text, [FromServices] StudentContactBudget budget)
    {
        text = CheckedText(text);
        var student = registry.StudentWhoMayWrite(Context.ConnectionId);
        budget.Take(student.RosterId);
        var sentAt = await records.RecordStudentMessageAsync(student.ExamId, student.RosterId, text);
        await notifier.StudentWroteAsync(student.ExamId, new StudentMessage(student.RosterId, student.Name, text, sentAt));
    }

    private async Task LowerHandOf(StudentSeat student)
    {
        if (registry.LowerHand(student.ExamId, student.RosterId) is { } lowered)
        {
            await notifier.HandLoweredAsync(lowered);
        }
    }

    /// <summary>"Keep a clip": the student's page is asked to upload the seconds around now; answers the request's id.</summary>
    public async Task<long> KeepClip(string studentId, [FromServices] KeepRequests requests)
    {
        var (proctor, student) = registry.ProctorAndStudentOnCamera(Context.ConnectionId, HubArguments.Id(studentId, T));
        var request = await requests.KeepAsync(student.RosterId, proctor.UserId);
        if (request.IsNew)
        {
            await notifier.KeepClipAsync(student, request.Id, request.AtUtc);
        }
        return request.Id;
    }

    public async Task Announce(string text)
    {
        text = CheckedText(text);
        var proctor = registry.ProctorOf(Context.ConnectionId);
        await records.RecordMessageAsync(proctor.ExamId, null, proctor.UserId, text);
        await notifier.AnnounceAsync(proctor.ExamId, new ProctorMessage(proctor.Name, text, ToEveryone: true, Now));
    }

    private string CheckedText(string? text) =>
        CheckedText(text, ExamLimits.MessageLength, T["A message needs between 1 and {0} characters.", ExamLimits.MessageLength]);

    private static string CheckedText(string? text, int maxLength, string refusal)
    {
        text = text?.Trim() ?? "";
        return text.Length is > 0 && text.Length <= maxLength ? text : throw new HubException(refusal);
    }

    private DateTime Now => time.GetUtcNow().UtcDateTime;
}
