using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Localization;
using ProctorWeb.Localization;
using ProctorWeb.Realtime;

namespace ProctorWeb.Exams.Live;

/// <summary>
/// Everything the server pushes to proctors and students of live exams, and the two SignalR groups of
/// each exam, kept in step with the registry: a student is in the students' group (announcements)
/// exactly while seated and not finished; proctors are in the proctors' group while they watch.
/// A message that cannot be delivered is logged, never thrown at whoever caused it.
/// </summary>
public sealed class ExamNotifier(IHubContext<ExamHub, IExamClient> hub, OpenConnections connections, ConnectionLanguages languages, ServerText text,
    ILogger<ExamNotifier> logger)
{
    public static string ProctorGroupOf(int examId) => $"exam-{examId}-proctors";

    public static string StudentGroupOf(int examId) => $"exam-{examId}-students";

    private IExamClient Proctors(int examId) => hub.Clients.Group(ProctorGroupOf(examId));

    private IExamClient Student(string connectionId) => hub.Clients.Client(connectionId);

    public Task SignalAsync(SignalRoute route, SignalMessage message) => hub.Clients.Client(route.TargetConnectionId).Signal(route.From, message);

    public async Task StudentJoinedAsync(StudentJoin joined)
    {
        await SafelyAsync(() => hub.Groups.AddToGroupAsync(joined.Student.ConnectionId, StudentGroupOf(joined.Student.ExamId)));
        if (joined.Replaced is { } older)
        {
            await SafelyAsync(() => hub.Groups.RemoveFromGroupAsync(older.ConnectionId, StudentGroupOf(joined.Student.ExamId)));
            await SafelyAsync(() => Student(older.ConnectionId).SessionReplaced());
            // Closed a moment later, not at once: an abort would drop the message, and the old tab, thinking its
            // connection lost, would reconnect and take the exam back from the new one.
            connections.Revoke(older.ConnectionId);
        }
        await StudentChangedAsync(joined.Student.ExamId, joined.Student.Tile);
    }

    public async Task ProctorWatchingAsync(ProctorWatch watch)
    {
        await SafelyAsync(() => hub.Groups.AddToGroupAsync(watch.Proctor.ConnectionId, ProctorGroupOf(watch.Proctor.ExamId)));
        foreach (var student in watch.LiveStudents)
        {
            await SafelyAsync(() => Student(student).ProctorJoined(watch.Proctor.ConnectionId));
        }
    }

    /// <summary>The connection is gone, and SignalR has already taken it out of its groups.</summary>
    public async Task DepartedAsync(Departure departure)
    {
        switch (departure)
        {
            case StudentDeparture student:
                await StudentChangedAsync(student.Student.ExamId, student.Student.Tile);
                break;
            case ProctorDeparture proctor:
                foreach (var student in proctor.LiveStudents)
                {
                    await SafelyAsync(() => Student(student).ProctorLeft(proctor.Proctor.ConnectionId));
                }
                break;
        }
    }

    public Task StudentChangedAsync(int examId, StudentTile tile) => SafelyAsync(() => Proctors(examId).StudentChanged(tile));

    public Task FlagChangedAsync(int examId, FlagView flag) => SafelyAsync(() => Proctors(examId).FlagChanged(flag));

    public Task AccommodationChangedAsync(int examId, int rosterId, TileAccommodation accommodation) =>
        SafelyAsync(() => Proctors(examId).AccommodationChanged(rosterId, accommodation));

    public Task IdPhotoTakenAsync(int examId, int rosterId, string kind) => SafelyAsync(() => Proctors(examId).IdPhotoTaken(rosterId, kind));

    /// <summary>
    /// Each student's page follows its new state. A finished student leaves the students' group at once, and once told
    /// their connection is revoked (OpenConnections): the exam is over for them, so nothing more may reach them or come from them.
    /// </summary>
    public Task TimesChangedAsync(int examId, ExamTimes times) => SafelyAsync(() => Proctors(examId).TimesChanged(times));

    public async Task PhaseChangedAsync(IReadOnlyList<StudentUpdate> updates)
    {
        foreach (var (student, state) in updates)
        {
            var finished = student.Status == StudentStatus.Finished;
            if (finished)
            {
                await SafelyAsync(() => hub.Groups.RemoveFromGroupAsync(student.ConnectionId, StudentGroupOf(student.ExamId)));
            }
            await SafelyAsync(() => Student(student.ConnectionId).PhaseChanged(state));
            await StudentChangedAsync(student.ExamId, student.Tile);
            if (finished)
            {
                connections.Revoke(student.ConnectionId);
            }
        }
    }

    /// <summary>
    /// The student's exam ended for them alone: out of the group first, so no announcement slips in after the reason;
    /// then every connection of their invitation is revoked: calls refused at once, closed once the reason has left.
    /// </summary>
    /// <summary>The student is told why in their page's language (<paramref name="why"/> looks the words up), and sent away.</summary>
    public async Task DismissedAsync(StudentSeat student, Func<IStringLocalizer, string> why)
    {
        var reason = languages.For(student.ConnectionId, text, why);
        await SafelyAsync(() => hub.Groups.RemoveFromGroupAsync(student.ConnectionId, StudentGroupOf(student.ExamId)));
        await SafelyAsync(() => Student(student.ConnectionId).Dismissed(reason));
        connections.RevokeStudent(student.RosterId);
    }

    /// <summary>A proctor who lost the right to watch: out of the group at once, students' peers to them close, and their connection is revoked.</summary>
    public async Task UnwatchedAsync(ProctorDeparture departure)
    {
        await SafelyAsync(() => hub.Groups.RemoveFromGroupAsync(departure.Proctor.ConnectionId, ProctorGroupOf(departure.Proctor.ExamId)));
        await DepartedAsync(departure);
        connections.Revoke(departure.Proctor.ConnectionId);
    }

    public Task QualityRequestedAsync(ProctorSeat proctor, StudentSeat student, string level) =>
        Student(student.ConnectionId).QualityRequested(proctor.ConnectionId, level);

    public Task TalkingAsync(ProctorSeat proctor, StudentSeat student, bool talking) =>
        Student(student.ConnectionId).ProctorTalking(proctor.ConnectionId, proctor.Name, talking);

    public Task KeepClipAsync(StudentSeat student, long requestId, DateTime atUtc) => Student(student.ConnectionId).KeepClip(requestId, atUtc);

    public Task MessageAsync(StudentSeat student, ProctorMessage message) => Student(student.ConnectionId).Message(message);

    public Task AnnounceAsync(int examId, ProctorMessage message) => hub.Clients.Group(StudentGroupOf(examId)).Message(message);

    public Task StudentWroteAsync(int examId, StudentMessage message) => hub.Clients.Group(ProctorGroupOf(examId)).StudentWrote(message);

    /// <summary>The hand went down because a proctor answered: the student's page and every monitor follow.</summary>
    public async Task HandLoweredAsync(StudentSeat student)
    {
        await SafelyAsync(() => Student(student.ConnectionId).HandLowered());
        await StudentChangedAsync(student.ExamId, student.Tile);
    }

    private async Task SafelyAsync(Func<Task> send)
    {
        try
        {
            await send();
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Could not deliver an exam message");
        }
    }
}
