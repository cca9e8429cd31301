using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;
using ProctorWeb.Audit;
using ProctorWeb.Data;
using ProctorWeb.Email;

namespace ProctorWeb.Exams;

/// <summary>Which of an exam's students get their link by mail.</summary>
public enum LinkRecipients
{
    All,
    Selected,
    NotSentYet,
}

/// <summary>
/// Mails students their personal links for the exam's owner, each mail on its own: an address the server refuses is
/// reported for that student and the others are still sent. A few go at once, and the whole batch stops starting
/// new mails after <see cref="BatchTimeLimit"/>, so a slow or unreachable server cannot hold the teacher's page.
/// </summary>
public sealed class InvitationMails(
    AppDbContext db, InvitationCodes invitations, PublicLinks links, IMailer mailer, AuditLog audit,
    IOptions<ExamOptions> options, TimeProvider time, ILogger<InvitationMails> logger)
{
    /// <summary>Mails in flight at once: enough to go through a roster quickly, few enough for any relay's connection limit.</summary>
    public const int Concurrency = 4;

    /// <summary>MailKit would wait two minutes for a silent server; one student's mail gets this long.</summary>
    public static readonly TimeSpan MailTimeout = TimeSpan.FromSeconds(20);

    /// <summary>Under the 60 s a reverse proxy usually waits for an answer; students not reached by then are reported as not sent.</summary>
    public static readonly TimeSpan BatchTimeLimit = TimeSpan.FromSeconds(45);

    public sealed record Failure(int RosterId, string Name, string Reason);

    /// <param name="Refusal">Why nothing was sent at all.</param>
    public sealed record Result(int Sent, IReadOnlyList<Failure> Failures, string? Refusal = null);

    public static Result Refused(string why) => new(0, [], why);

    /// <summary>Sends to the chosen students of an exam <paramref name="actorId"/> owns, and records who got theirs.</summary>
    public async Task<Result> SendAsync(int examId, LinkRecipients recipients, IReadOnlyCollection<int> selected, string? note, string actorId, string? ip)
    {
        // The page found the exam already; asking again with the owner keeps the service safe on its own.
        var exam = await db.Exams.OwnedBy(actorId).AsNoTracking().Include(e => e.Owner).SingleOrDefaultAsync(e => e.Id == examId);
        if (exam is null)
        {
            return Refused("This exam is not yours to send links for.");
        }
        if (exam.EndsAtUtc <= time.GetUtcNow().UtcDateTime)
        {
            return Refused("This exam has ended, so its links no longer open: no mail was sent.");
        }
        var roster = db.Roster.Active().Where(r => r.ExamId == examId);
        roster = recipients switch
        {
            LinkRecipients.Selected => roster.Where(r => selected.Contains(r.Id)),
            LinkRecipients.NotSentYet => roster.Where(r => r.LinkSentAtUtc == null),
            _ => roster,
        };
        var students = await roster.OrderBy(r => r.Name).ToListAsync();
        if (students.Count == 0)
        {
            return Refused(recipients switch
            {
                LinkRecipients.Selected when selected.Count == 0 => "No student was selected: tick the box beside each student to email, or email all.",
                LinkRecipients.Selected => "None of the selected students is on the roster any more: nothing was sent.",
                LinkRecipients.NotSentYet => "Every student on the roster has been sent their link already.",
                _ => "The roster is empty: add students first.",
            });
        }

        // Not the request's token: a teacher who closes the tab midway must not leave mails sent but unrecorded.
        using var batch = new CancellationTokenSource(BatchTimeLimit, time);
        var reasons = new string?[students.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, students.Count), new ParallelOptions { MaxDegreeOfParallelism = Concurrency },
            async (i, _) => reasons[i] = await SendOneAsync(exam, students[i], note, batch.Token));

        var now = time.GetUtcNow().UtcDateTime;
        var failures = new List<Failure>();
        for (var i = 0; i < students.Count; i++)
        {
            if (reasons[i] is { } reason)
            {
                failures.Add(new Failure(students[i].Id, students[i].Name, reason));
            }
            else
            {
                students[i].LinkSentAtUtc = now;
            }
        }
        await db.SaveChangesAsync();
        var sent = students.Count - failures.Count;
        // Counts only: the log outlives the students' data, which the retention sweep deletes.
        await audit.RecordAsync(AuditKinds.LinksEmailed, actorId, AuditKinds.Exam(examId), $"sent {sent}, failed {failures.Count}", ip);
        return new Result(sent, failures);
    }

    /// <summary>Null when the mail server took the mail, else why not.</summary>
    private async Task<string?> SendOneAsync(Exam exam, RosterEntry student, string? note, CancellationToken batch)
    {
        if (batch.IsCancellationRequested)
        {
            return TimeRanOut;
        }
        using var timeout = new CancellationTokenSource(MailTimeout, time);
        using var either = CancellationTokenSource.CreateLinkedTokenSource(batch, timeout.Token);
        try
        {
            await mailer.SendAsync(Compose(exam, student, note), either.Token);
            return null;
        }
        catch (OperationCanceledException)
        {
            return batch.IsCancellationRequested ? TimeRanOut : $"the mail server did not answer within {MailTimeout.TotalSeconds:0} seconds";
        }
        catch (Exception error)
        {
            // No address in the log line: the log is kept longer than the roster.
            logger.LogWarning(error, "Mailing the link of roster entry {RosterId} (exam {ExamId}) failed.", student.Id, exam.Id);
            return MailFailures.Describe(error);
        }
    }

    private static string TimeRanOut =>
        $"sending to everyone took longer than {BatchTimeLimit.TotalSeconds:0} seconds; email those not sent yet to try again";

    private MimeMessage Compose(Exam exam, RosterEntry student, string? note)
    {
        var link = links.Page("/Join/Index", new { secret = invitations.SecretFor(student.InvitationNonce) });
        var owner = exam.Owner!;
        var teacherWords = string.IsNullOrWhiteSpace(note) ? "" : $"""


            A message from {owner.DisplayName}:

            {note.Trim()}
            """;
        var message = new MimeMessage
        {
            Subject = $"Your personal link for the exam \"{exam.Title}\"",
            Body = new TextPart("plain")
            {
                Text = $"""
                    Hello {student.Name},

                    {owner.DisplayName} invites you to the online exam "{exam.Title}", proctored with ProctorWeb: you sit it on camera.

                    Starts: {Utc(exam.StartsAtUtc)}
                    Ends:   {Utc(exam.EndsAtUtc)} ({exam.DurationMinutes} minutes)
                    Times are in UTC (Coordinated Universal Time); the page the link opens shows them in your own time zone.

                    Your personal link:

                    {link}

                    This link is yours alone: whoever opens it sits the exam as you. Do not share it or forward this mail.
                    It opens {options.Value.OpensMinutesBeforeStart} minutes before the start, for a check of your camera and microphone.{teacherWords}
                    """,
            },
        };
        message.To.Add(new MailboxAddress(student.Name, student.Email));
        // Questions about the exam go to its teacher, not to the app's sender address.
        if (owner.Email is { } teacher)
        {
            message.ReplyTo.Add(new MailboxAddress(owner.DisplayName, teacher));
        }
        return message;
    }

    private static string Utc(DateTime utc) => utc.ToString("dddd d MMMM yyyy, HH:mm 'UTC'", CultureInfo.InvariantCulture);
}
