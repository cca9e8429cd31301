using Microsoft.EntityFrameworkCore;
using ProctorWeb.Data;
using ProctorWeb.Exams;

namespace ProctorWeb.Admission;

/// <summary>Students' ID photos: stored with the exam's data (they go when the roster entry goes), read only for its proctors.</summary>
public sealed class IdPhotos(AppDbContext db, TimeProvider time)
{
    /// <summary>Stores the photo of this kind, replacing an earlier one (a retake).</summary>
    public async Task SaveAsync(int rosterEntryId, string kind, IdPhotoImage.Result photo)
    {
        var stored = await db.IdPhotos.SingleOrDefaultAsync(p => p.RosterEntryId == rosterEntryId && p.Kind == kind);
        if (stored is null)
        {
            stored = new IdPhoto { RosterEntryId = rosterEntryId, Kind = kind };
            db.IdPhotos.Add(stored);
        }
        stored.Jpeg = photo.Jpeg!;
        stored.Width = photo.Width;
        stored.Height = photo.Height;
        stored.TakenAtUtc = time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync();
    }

    /// <summary>Whether the student may leave the device check: the exam asks for no ID check, or both photos are there.</summary>
    public async Task<bool> CompleteAsync(int rosterEntryId) =>
        await db.Roster.Where(r => r.Id == rosterEntryId)
            .Select(r => !r.Exam!.RequireIdCheck || db.IdPhotos.Count(p => p.RosterEntryId == r.Id) == IdPhotoKinds.All.Count)
            .SingleOrDefaultAsync();

    /// <summary>A student's photo of this kind, found only through an exam the user proctors.</summary>
    public Task<IdPhoto?> ForProctorAsync(string userId, int examId, int rosterEntryId, string kind) =>
        db.IdPhotos.AsNoTracking()
            .Where(p => p.RosterEntryId == rosterEntryId && p.Kind == kind && p.RosterEntry!.ExamId == examId)
            .Where(p => db.Exams.ProctoredBy(userId).Any(e => e.Id == examId))
            .SingleOrDefaultAsync();
}
