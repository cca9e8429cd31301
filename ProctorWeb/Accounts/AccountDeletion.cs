using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using ProctorWeb.Audit;
using ProctorWeb.Data;
using ProctorWeb.Exams;
using ProctorWeb.Retention;
using ProctorWeb.Text;

namespace ProctorWeb.Accounts;

/// <summary>An exam the account owns, as the deletion page lists it.</summary>
public sealed record OwnedExam(int Id, string Title, DateTime StartsAtUtc, DateTime EndsAtUtc, int Students, ExamPhase Phase);

/// <summary>What deleting an account would do, and why it may not happen yet (<paramref name="Refusal"/>, in the reader's words; null when it may).</summary>
public sealed record AccountDeletionPlan(IReadOnlyList<OwnedExam> Owned, int CoProctored, bool LastAdmin, string? Refusal)
{
    /// <summary>Exams whose links are open: students may be in the waiting room or mid-exam.</summary>
    public IReadOnlyList<OwnedExam> Open => Owned.Where(e => e.Phase is ExamPhase.Waiting or ExamPhase.Running).ToList();
}

/// <summary>
/// Deletes an account and says first what goes with it. The exams it owns go, with everything about their students
/// (an exam belongs to its owner, and nobody else may edit or delete it); what it wrote in others' exams stays there,
/// signed "a former proctor", because it is part of those students' record. Never while one of its exams is open to
/// students, and never the last admin.
/// </summary>
public sealed class AccountDeletion(
    AppDbContext db, UserManager<AppUser> users, StudentDataEraser eraser, AccountSessions sessions,
    IOptions<ExamOptions> examOptions, TimeProvider time, AuditLog audit, AccountMails mails, ILogger<AccountDeletion> log,
    IStringLocalizer<AccountText> T)
{
    public async Task<AccountDeletionPlan> PlanAsync(AppUser user)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var owned = await db.Exams.AsNoTracking().Where(e => e.OwnerId == user.Id).OrderBy(e => e.StartsAtUtc).ToListAsync();
        var students = await db.Roster.Active().Where(r => r.Exam!.OwnerId == user.Id).GroupBy(r => r.ExamId)
            .Select(g => new { ExamId = g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.ExamId, g => g.Count);
        var coProctored = await db.ExamProctors.CountAsync(p => p.UserId == user.Id);
        var extra = await db.Roster.LongestExtraMinutesAsync(owned.Select(e => e.Id));
        var lastAdmin = await users.IsInRoleAsync(user, Roles.Admin) && (await users.GetUsersInRoleAsync(Roles.Admin)).Count == 1;
        var exams = owned.Select(e => new OwnedExam(e.Id, e.Title, e.StartsAtUtc, e.EndsAtUtc, students.GetValueOrDefault(e.Id),
            // Open until its last student's extra minutes are over.
            ExamWindow.Of(e, examOptions.Value, extra.GetValueOrDefault(e.Id)).PhaseAt(now))).ToList();
        var open = exams.FirstOrDefault(e => e.Phase is ExamPhase.Waiting or ExamPhase.Running);
        var refusal = lastAdmin ? T["You are the only admin. Make someone else an admin first (see “create-admin” in the README), so the school is not left without one."].Value
            : open is not null ? T["Your exam “{0}” is open to students now. Delete your account once it has ended.", open.Title].Value
            : null;
        return new AccountDeletionPlan(exams, coProctored, lastAdmin, refusal);
    }

    /// <summary>Deletes the account and its exams. Returns the refusal in words, or null once the account is gone.</summary>
    public async Task<string?> DeleteAsync(AppUser user, string? ip)
    {
        var plan = await PlanAsync(user);
        if (plan.Refusal is { } refusal)
        {
            return refusal;
        }
        // Its pages stop first, so nothing it still has open can write to an exam while that exam is deleted.
        await sessions.EndEverywhereAsync(user);
        var deletedExams = 0;
        foreach (var exam in plan.Owned)
        {
            if (await eraser.DeleteExamAsync(exam.Id))
            {
                deletedExams++;
                await audit.RecordAsync(AuditKinds.ExamDeleted, user.Id, AuditKinds.Exam(exam.Id), $"with its owner's account: {exam.Students} students", ip);
            }
        }
        // An exam scheduled in another tab since the plan holds the account (the owner key refuses the delete): say so
        // rather than delete an exam the page never listed.
        if (await db.Exams.AnyAsync(e => e.OwnerId == user.Id))
        {
            return T["You scheduled another exam while this page was open. Look at the list again before deleting."];
        }
        var deleted = await users.DeleteAsync(user);
        if (!deleted.Succeeded)
        {
            log.LogError("Deleting account {UserId} failed: {Errors}", user.Id, string.Join("; ", deleted.Errors.Select(e => e.Description)));
            return T["Your account could not be deleted. Please try again."];
        }
        await audit.RecordAsync(AuditKinds.AccountDeleted, user.Id, AuditKinds.User(user.Id),
            $"by its owner: {deletedExams} owned exams deleted, removed from {plan.CoProctored} as co-proctor", ip);
        try
        {
            await mails.SendAccountDeletedAsync(user, deletedExams);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The account is gone either way; a mail server that is down must not turn that into an error page.
            log.LogWarning(e, "The mail telling {UserId} their account was deleted could not be sent.", user.Id);
        }
        return null;
    }
}
