using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ProctorWeb.Accounts;
using ProctorWeb.Calls;
using ProctorWeb.Data;
using ProctorWeb.Realtime;

namespace ProctorWeb.Exams;

/// <summary>
/// Signaling for exams. A student is known only by the invitation cookie from the join page; a
/// proctor by their sign-in and the exam's owner and co-proctor list. State lives in <see cref="ExamRooms"/>.
/// </summary>
[Authorize(AuthenticationSchemes = $"{InvitationAuth.Scheme},Identity.Application")]
// Database services are injected per method, so relaying (Signal, the hot path) never creates a DbContext.
public sealed class ExamHub(ExamRooms rooms, IOptions<ExamOptions> options) : Hub<IExamClient>
{
    public const string Path = "/hubs/exams";

    // An exception means the connection died (network lost, timeout) rather than closed: the student may come back.
    public override Task OnDisconnectedAsync(Exception? exception) => rooms.DisconnectAsync(Context.ConnectionId, unexpected: exception is not null);

    public async Task<ExamState> JoinAsStudent([FromServices] InvitationCheck invitations)
    {
        var rosterId = Context.User.RosterEntryId() ?? throw new HubException("Open your personal exam link to join.");
        var check = await invitations.ByIdAsync(rosterId);
        if (!check.Allowed)
        {
            throw new HubException(check.Refusal!);
        }
        var entry = check.Entry!;
        return await rooms.JoinStudentAsync(Context.ConnectionId, Context.Abort, new ExamRooms.ExamInfo(entry.ExamId, entry.Exam!.Title, check.Window), entry.Id, entry.Name);
    }

    public Task<ExamState> Ready() => rooms.StudentReadyAsync(Context.ConnectionId);

    /// <summary>Returns after the flag is stored, so the browser may forget it.</summary>
    public async Task<long> ReportFlag(FlagReport report) =>
        (await rooms.ReportFlagAsync(Context.ConnectionId, report ?? throw new HubException("A flag report is required."))).Id;

    public async Task<MonitorSnapshot> Watch(int examId, [FromServices] AppDbContext db)
    {
        var userId = Context.User?.Identities.FirstOrDefault(i => i.AuthenticationType == IdentityConstants.ApplicationScheme)?.IsAuthenticated == true
            ? Context.UserIdentifier
            : null;
        // The same answer for "no such exam" and "not yours", so nobody learns which exams exist.
        var exam = userId is null ? null : await db.Exams.AsNoTracking().ProctoredBy(userId).SingleOrDefaultAsync(e => e.Id == examId);
        if (exam is null)
        {
            throw new HubException("You are not a proctor of that exam.");
        }
        var roster = await db.Roster.AsNoTracking().Active().Where(r => r.ExamId == examId).OrderBy(r => r.Name)
            .Select(r => new { r.Id, r.Name, Last = r.Attendance.OrderByDescending(a => a.Id).Select(a => a.Kind).FirstOrDefault() })
            .ToListAsync();
        var tiles = roster.Select(r => new StudentTile(r.Id, r.Name, r.Last switch
        {
            null => StudentStatus.NotJoined,
            AttendanceKinds.Finished => StudentStatus.Finished,
            _ => StudentStatus.Left,
        })).ToList();
        var flags = await db.Flags.AsNoTracking().Where(f => f.RosterEntry!.ExamId == examId && f.RosterEntry.RemovedAtUtc == null)
            .OrderBy(f => f.Id).ToListAsync();
        var info = new ExamRooms.ExamInfo(exam.Id, exam.Title, ExamWindow.Of(exam, options.Value));
        return await rooms.WatchAsync(Context.ConnectionId, Context.Abort, info, userId!, Context.User.DisplayName(), tiles, flags.Select(ExamRecorder.View).ToList());
    }

    public Task Signal(string to, SignalMessage message) =>
        rooms.SignalAsync(Context.ConnectionId, HubArguments.Id(to), message ?? throw new HubException("A signaling message is required."));

    public Task SetQuality(string studentId, string level) => rooms.SetQualityAsync(Context.ConnectionId, HubArguments.Id(studentId), level);

    public Task Talk(string studentId, bool talking) => rooms.TalkAsync(Context.ConnectionId, HubArguments.Id(studentId), talking);

    public Task SendMessage(string studentId, string text) => rooms.MessageAsync(Context.ConnectionId, HubArguments.Id(studentId), text);

    public Task Announce(string text) => rooms.AnnounceAsync(Context.ConnectionId, text);

}
