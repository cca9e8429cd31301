using Microsoft.EntityFrameworkCore;
using ProctorWeb.Data;
using ProctorWeb.Exams;
using ProctorWeb.Retention;

namespace ProctorWeb.Evidence;

/// <summary>A whole clip as the exam's proctors see it, for the student's timeline beside its flag.</summary>
public sealed record ClipView(long Id, string Kind, long? FlagId, long? RequestId, string Source, string MimeType, DateTime StartedAtUtc, DateTime EndedAtUtc, long Bytes, string Sha256)
{
    public ClipSpan Span(int rosterEntryId) => new(Id, rosterEntryId, FlagId, StartedAtUtc, EndedAtUtc);

    public TimeSpan Length => EndedAtUtc - StartedAtUtc;
}

/// <summary>Clips for the exam's proctors (whole ones only, found through an exam the user proctors), and their deletion.</summary>
public sealed class ClipStore(AppDbContext db, ClipFolder folder, ClipLocks locks, Microsoft.Extensions.Options.IOptions<ClipOptions> options) : IStudentFiles
{
    /// <summary>Retention's call, before it deletes the exam's roster entries: every student's clips go first.</summary>
    public async Task DeleteExamFilesAsync(int examId, CancellationToken cancellationToken)
    {
        foreach (var rosterEntryId in await db.Roster.Where(r => r.ExamId == examId).Select(r => r.Id).ToListAsync(cancellationToken))
        {
            await DeleteForStudentAsync(rosterEntryId);
        }
    }

    /// <summary>The student's whole clips, oldest first; null when the user does not proctor the exam or the student is not on it.</summary>
    public async Task<List<ClipView>?> ForProctorAsync(string userId, int examId, int rosterEntryId)
    {
        var known = await db.Roster.AnyAsync(r => r.Id == rosterEntryId && r.ExamId == examId && db.Exams.ProctoredBy(userId).Any(e => e.Id == examId));
        return known
            ? await Visible(userId, examId, rosterEntryId).OrderBy(c => c.StartedAtUtc).ThenBy(c => c.Id)
                .Select(c => new ClipView(c.Id, c.Kind, c.FlagId, c.RequestId, c.Source, c.MimeType, c.StartedAtUtc, c.EndedAtUtc, c.DeclaredBytes, c.Sha256!))
                .ToListAsync()
            : null;
    }

    /// <summary>The spans of every whole clip of the exam, for the report; empty when the user does not proctor it.</summary>
    public Task<List<ClipSpan>> SpansForExamAsync(string userId, int examId) =>
        db.Clips.AsNoTracking()
            .Where(c => c.Complete && c.RosterEntry!.ExamId == examId && db.Exams.ProctoredBy(userId).Any(e => e.Id == examId))
            .Select(c => new ClipSpan(c.Id, c.RosterEntryId, c.FlagId, c.StartedAtUtc, c.EndedAtUtc))
            .ToListAsync();

    /// <summary>One whole clip's file and type, or null: not this user's exam, not this student's, not whole, or gone from disk.</summary>
    public async Task<(string Path, string MimeType)?> FileForProctorAsync(string userId, int examId, int rosterEntryId, long clipId)
    {
        var clip = await Visible(userId, examId, rosterEntryId).Where(c => c.Id == clipId).Select(c => new { c.FileName, c.MimeType }).SingleOrDefaultAsync();
        var path = clip is null ? null : folder.FinalPath(clip.FileName);
        return path is not null && File.Exists(path) ? (path, clip!.MimeType) : null;
    }

    /// <summary>
    /// Deletes every clip of the student, files first and then rows, with the keep requests made of them. Safe to
    /// repeat, and to run halfway again after a crash: a file already gone is fine, and a row goes only after its file.
    /// Retention calls this before it deletes the roster entry (whose rows would otherwise cascade without the files).
    /// </summary>
    public async Task DeleteForStudentAsync(int rosterEntryId)
    {
        foreach (var id in await db.Clips.Where(c => c.RosterEntryId == rosterEntryId).Select(c => c.Id).ToListAsync())
        {
            await DeleteAsync(id);
        }
        await db.ClipRequests.Where(r => r.RosterEntryId == rosterEntryId).ExecuteDeleteAsync();
    }

    /// <summary>
    /// Uploads that never became whole by the exam's end plus the upload grace, when no more bytes are taken: their
    /// partial files and rows go, so nothing half-stored outlives the exam. Proctors never saw them.
    /// </summary>
    public async Task DeleteAbandonedAsync(DateTime nowUtc, CancellationToken cancellationToken)
    {
        var grace = TimeSpan.FromMinutes(options.Value.UploadGraceMinutes);
        var partial = await db.Clips.AsNoTracking().Where(c => !c.Complete)
            .Select(c => new { c.Id, c.RosterEntry!.Exam!.StartsAtUtc, c.RosterEntry.Exam.DurationMinutes, c.RosterEntry.Exam.EndedEarlyAtUtc, c.RosterEntry.ExtraMinutes })
            .ToListAsync(cancellationToken);
        // Each after its own student's end: one with extra minutes may still be sending.
        foreach (var clip in partial.Where(c => Exam.EndOf(c.StartsAtUtc, c.DurationMinutes, c.EndedEarlyAtUtc, c.ExtraMinutes) + grace <= nowUtc))
        {
            await DeleteAsync(clip.Id);
        }
    }

    /// <summary>The file first, then the row, under the clip's lock so an upload in flight cannot write the file again.</summary>
    private async Task DeleteAsync(long id)
    {
        using (await locks.ForClipAsync(id))
        {
            var clip = await db.Clips.SingleOrDefaultAsync(c => c.Id == id);
            if (clip is null)
            {
                return;
            }
            folder.Delete(clip.FileName);
            db.Clips.Remove(clip);
            await db.SaveChangesAsync();
        }
    }

    private IQueryable<Clip> Visible(string userId, int examId, int rosterEntryId) =>
        db.Clips.AsNoTracking()
            .Where(c => c.Complete && c.RosterEntryId == rosterEntryId && c.RosterEntry!.ExamId == examId)
            .Where(c => db.Exams.ProctoredBy(userId).Any(e => e.Id == examId));
}
