using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using MimeKit;
using ProctorWeb.Audit;
using ProctorWeb.Data;
using ProctorWeb.Email;
using ProctorWeb.Localization;
using ProctorWeb.Text;

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
/// The mails and the reasons are written in the sending teacher's language (the request's), as students of a class
/// are taught in it.
/// </summary>
public sealed class InvitationMails(
    AppDbContext db, InvitationCodes invitations, PublicLinks links, IMailer mailer, AuditLog audit,
    IOptions<ExamOptions> options, TimeProvider time, ILogger<InvitationMails> logger,
    IStringLocalizer<ExamText> T)
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
            return Refused(T["This exam is not yours to send links for."]);
        }
        if (exam.EndsAtUtc <= time.GetUtcNow().UtcDateTime)
        {
            return Refused(T["This exam has ended, so its links no longer open: no mail was sent."]);
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
                LinkRecipients.Selected when selected.Count == 0 => T["No student was selected: tick the box beside each student to email, or email all."],
                LinkRecipients.Selected => T["None of the selected students is on the roster any more: nothing was sent."],
                LinkRecipients.NotSentYet => T["Every student on the roster has been sent their link already."],
                _ => T["The roster is empty: add students first."],
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
            return batch.IsCancellationRequested ? TimeRanOut : T["the mail server did not answer within {0:0} seconds", MailTimeout.TotalSeconds];
        }
        catch (Exception error)
        {
            // No address in the log line: the log is kept longer than the roster.
            logger.LogWarning(error, "Mailing the link of roster entry {RosterId} (exam {ExamId}) failed.", student.Id, exam.Id);
            return MailFailures.Describe(error);
        }
    }

    private string TimeRanOut =>
        T["sending to everyone took longer than {0:0} seconds; email those not sent yet to try again", BatchTimeLimit.TotalSeconds];

    private MimeMessage Compose(Exam exam, RosterEntry student, string? note)
    {
        var link = links.Page("/Join/Index", new { secret = invitations.SecretFor(student.InvitationNonce) });
        var owner = exam.Owner!;
        var teacherWords = string.IsNullOrWhiteSpace(note) ? "" : $"\n\n{T["A message from {0}:", owner.DisplayName]}\n\n{note.Trim()}";
        string[] lines =
        [
            T["Hello {0},", student.Name],
            "",
            T["{0} invites you to the online exam \"{1}\", proctored with ProctorWeb: you sit it on camera.", owner.DisplayName, exam.Title],
            "",
            T["Starts: {0}", When(exam.StartsAtUtc)],
            T["Ends:   {0} ({1} minutes)", When(exam.EndsAtUtc), exam.DurationMinutes],
            T["Times are in UTC (Coordinated Universal Time); the page the link opens shows them in your own time zone."],
            "",
            T["Your personal link:"],
            "",
            link,
            "",
            T["This link is yours alone: whoever opens it sits the exam as you. Do not share it or forward this mail."],
            T["It opens {0} minutes before the start, for a check of your camera and microphone.", options.Value.OpensMinutesBeforeStart] + teacherWords,
        ];
        var message = new MimeMessage
        {
            Subject = T["Your personal link for the exam \"{0}\"", exam.Title],
            Body = new TextPart("plain") { Text = string.Join("\n", lines) },
        };
        message.To.Add(new MailboxAddress(student.Name, student.Email));
        // Questions about the exam go to its teacher, not to the app's sender address.
        if (owner.Email is { } teacher)
        {
            message.ReplyTo.Add(new MailboxAddress(owner.DisplayName, teacher));
        }
        return message;
    }

    /// <summary>A moment in UTC, with the weekday and month in the mail's language (the pattern is the language's own).</summary>
    private string When(DateTime utc) =>
        utc.ToString(T["dddd d MMMM yyyy, HH:mm 'UTC'"], Cultures.IsChinese ? CultureInfo.CurrentCulture : CultureInfo.InvariantCulture);
}
