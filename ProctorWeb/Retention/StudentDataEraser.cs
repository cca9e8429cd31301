using Microsoft.EntityFrameworkCore;
using ProctorWeb.Data;
using ProctorWeb.Exams;

namespace ProctorWeb.Retention;

/// <summary>
/// Deletes everything about an exam's students, or the whole exam, each in one transaction: a crash midway leaves all
/// or nothing, and running it again after either finds nothing left to do or does all of it.
/// </summary>
public sealed class StudentDataEraser(AppDbContext db, TimeProvider time, IEnumerable<IStudentFiles> files, ILogger<StudentDataEraser> logger)
{
    /// <summary>Deletes the students' data and keeps the exam with its counts. False when there is no such exam.</summary>
    public async Task<bool> DeleteStudentDataAsync(int examId, CancellationToken cancellationToken = default)
    {
        await DeleteFilesAsync(examId, cancellationToken);
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            // A write first, so the transaction holds SQLite's write lock from its first statement and no other
            // writer can slip a row in between the counts and the deletes. A repeat keeps the first counts. On
            // PostgreSQL it locks only the exam's row (a second eraser waits), so a flag stored in between is deleted
            // but not counted: the counts are anonymous statistics, and that race is accepted.
            var now = time.GetUtcNow().UtcDateTime;
            await db.Exams.Where(e => e.Id == examId && e.DataDeletedAtUtc == null).ExecuteUpdateAsync(s => s
                .SetProperty(e => e.StudentCount, e => e.Roster.AsQueryable().Count(ExamQueries.IsActive))
                .SetProperty(e => e.FlagCount, e => e.Roster.AsQueryable().Where(ExamQueries.IsActive).SelectMany(r => r.Flags).Count())
                .SetProperty(e => e.DataDeletedAtUtc, now), cancellationToken);
            if (!await db.Exams.AnyAsync(e => e.Id == examId, cancellationToken))
            {
                return false;
            }
            await DeleteStudentRowsAsync(examId, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        await CheckpointAsync();
        return true;
    }

    /// <summary>Deletes the exam and everything in it, its co-proctors' access included. False when there is no such exam.</summary>
    public async Task<bool> DeleteExamAsync(int examId, CancellationToken cancellationToken = default)
    {
        await DeleteFilesAsync(examId, cancellationToken);
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            await DeleteStudentRowsAsync(examId, cancellationToken);
            await db.ExamProctors.Where(p => p.ExamId == examId).ExecuteDeleteAsync(cancellationToken);
            if (await db.Exams.Where(e => e.Id == examId).ExecuteDeleteAsync(cancellationToken) == 0)
            {
                // No such exam: the deletes above found nothing either, and disposing rolls them back anyway.
                return false;
            }
            await transaction.CommitAsync(cancellationToken);
        }
        await CheckpointAsync();
        return true;
    }

    /// <summary>Children before parents, each named rather than left to cascades, so what goes is visible here.</summary>
    private async Task DeleteStudentRowsAsync(int examId, CancellationToken cancellationToken)
    {
        var roster = db.Roster.Where(r => r.ExamId == examId).Select(r => r.Id);
        await db.Notes.Where(n => roster.Contains(n.RosterEntryId)).ExecuteDeleteAsync(cancellationToken);
        await db.Flags.Where(f => roster.Contains(f.RosterEntryId)).ExecuteDeleteAsync(cancellationToken);
        await db.IdPhotos.Where(p => roster.Contains(p.RosterEntryId)).ExecuteDeleteAsync(cancellationToken);
        await db.Attendance.Where(a => roster.Contains(a.RosterEntryId)).ExecuteDeleteAsync(cancellationToken);
        await db.Messages.Where(m => m.ExamId == examId).ExecuteDeleteAsync(cancellationToken);
        await db.Roster.Where(r => r.ExamId == examId).ExecuteDeleteAsync(cancellationToken);
    }

    private async Task DeleteFilesAsync(int examId, CancellationToken cancellationToken)
    {
        foreach (var store in files)
        {
            await store.DeleteExamFilesAsync(examId, cancellationToken);
        }
    }

    /// <summary>
    /// Secure delete zeroes the freed bytes in the pages it writes, but in WAL mode those pages go to the -wal file
    /// first, and the frames written when the rows were added still hold them there. Copying the log into the
    /// database and truncating it leaves the data nowhere. Best effort: a reader in the middle makes it wait for the
    /// next checkpoint, which SQLite makes by itself. PostgreSQL has neither secure delete nor anything to truncate
    /// for it (its own log is recycled by the server), so there is nothing to do; see SecureDeleteInterceptor.
    /// </summary>
    private async Task CheckpointAsync()
    {
        if (!db.Database.IsSqlite())
        {
            return;
        }
        try
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE);");
        }
        catch (Microsoft.Data.Sqlite.SqliteException e)
        {
            logger.LogWarning(e, "The write-ahead log could not be truncated after a deletion; SQLite checkpoints it later.");
        }
    }
}
