using Microsoft.EntityFrameworkCore;
using ProctorWeb.Data;

namespace ProctorWeb.Exams;

/// <summary>What a proctor's monitor starts from: the roster as stored, every flag of the exam and what students wrote.</summary>
public static class MonitorQueries
{
    /// <summary>
    /// Each student on the roster with the status their latest attendance gives (live seats override it later),
    /// the kinds of ID photo they have taken, and their accommodations.
    /// </summary>
    public static async Task<List<StudentTile>> RosterTilesAsync(this AppDbContext db, Exam exam)
    {
        var roster = await db.Roster.AsNoTracking().Active().Where(r => r.ExamId == exam.Id).OrderBy(r => r.Name)
            .Select(r => new
            {
                r.Id, r.Name, r.ExtraMinutes, r.Exemptions,
                Attendance = r.Attendance.Select(a => new AttendanceEvent { Id = a.Id, Kind = a.Kind, AtUtc = a.AtUtc }).ToList(),
                Photos = db.IdPhotos.Where(p => p.RosterEntryId == r.Id).Select(p => p.Kind).ToList(),
            })
            .ToListAsync();
        return roster.Select(r => new StudentTile(r.Id, r.Name, AttendanceFacts.TileStatus(AttendanceFacts.Latest(r.Attendance)?.Kind),
            Photos: r.Photos.Count == 0 ? null : r.Photos.Order(StringComparer.Ordinal).ToList(),
            Accommodation: new Accommodation(r.ExtraMinutes, r.Exemptions) is { IsNone: false } accommodation ? TileAccommodation.Of(exam, accommodation) : null)).ToList();
    }

    /// <summary>The newest <paramref name="count"/> messages students of the roster wrote to the proctors, oldest first.</summary>
    public static async Task<List<StudentMessage>> StudentMessagesAsync(this AppDbContext db, int examId, int count)
    {
        var newest = await (
            from m in db.Messages.AsNoTracking()
            join r in db.Roster.Active() on m.RosterEntryId equals r.Id
            where m.ExamId == examId && m.FromStudent
            orderby m.SentAtUtc descending, m.Id descending
            select new StudentMessage(r.Id, r.Name, m.Text, m.SentAtUtc)).Take(count).ToListAsync();
        newest.Reverse();
        return newest;
    }

    public static async Task<List<FlagView>> FlagViewsAsync(this AppDbContext db, int examId)
    {
        var flags = await db.Roster.AsNoTracking().Active().Where(r => r.ExamId == examId).SelectMany(r => r.Flags).OrderBy(f => f.Id).ToListAsync();
        return flags.Select(ExamRecorder.View).ToList();
    }
}
