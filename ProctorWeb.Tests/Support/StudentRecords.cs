using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using ProctorWeb.Data;

namespace ProctorWeb.Tests.Support;

/// <summary>A student with something in every table that holds students' data, as a finished exam leaves them.</summary>
public sealed record StudentRecords(int RosterId, string Name, string Email, byte[] PhotoMarker)
{
    /// <summary>Puts the student on the exam's roster with attendance, a reviewed flag with a note, a note, an ID photo and messages.</summary>
    public static async Task<StudentRecords> SeedAsync(ProctorWebApplication app, int examId, string proctorId, string name)
    {
        var marker = Guid.NewGuid().ToString("N");
        var entry = new RosterEntry { ExamId = examId, Name = $"{name} {marker}", Email = $"{marker}@students.test", InvitationNonce = Guid.NewGuid().ToByteArray(), InvitationHash = marker };
        // One-colour JPEGs share most of their bytes, so the photo ends (after its end marker, where decoders stop) with
        // random bytes of its own, four times over: a page boundary of the file cuts at most one copy.
        var photoMarker = System.Security.Cryptography.RandomNumberGenerator.GetBytes(16);
        byte[] photo = [.. TestPhotos.Encode(), .. photoMarker, .. photoMarker, .. photoMarker, .. photoMarker];
        await app.WithServiceAsync<int, AppDbContext>(async db =>
        {
            var at = (await db.Exams.SingleAsync(e => e.Id == examId)).StartsAtUtc;
            db.Roster.Add(entry);
            await db.SaveChangesAsync();
            var flag = new Flag { RosterEntryId = entry.Id, ClientId = marker, Kind = "paste", StartedAtUtc = at.AddMinutes(5), EndedAtUtc = at.AddMinutes(5),
                Review = FlagReviews.Confirmed, ReviewedById = proctorId, ReviewedAtUtc = at.AddMinutes(6) };
            flag.Notes.Add(new ProctorNote { RosterEntryId = entry.Id, AuthorId = proctorId, Text = $"Pasted an answer, {marker}", AtUtc = at.AddMinutes(6) });
            db.AddRange(flag,
                new AttendanceEvent { RosterEntryId = entry.Id, Kind = AttendanceKinds.Joined, AtUtc = at.AddMinutes(1) },
                new IdPhoto { RosterEntryId = entry.Id, Kind = IdPhotoKinds.Face, Jpeg = photo, Width = 640, Height = 360, TakenAtUtc = at },
                new ProctorNote { RosterEntryId = entry.Id, AuthorId = proctorId, Text = $"Looked away often, {marker}", AtUtc = at.AddMinutes(7) },
                new ExamMessage { ExamId = examId, RosterEntryId = entry.Id, AuthorId = proctorId, Text = $"Eyes on your screen, {marker}", SentAtUtc = at.AddMinutes(8) },
                new ExamMessage { ExamId = examId, AuthorId = proctorId, Text = "Ten minutes left", SentAtUtc = at.AddMinutes(50) });
            return await db.SaveChangesAsync();
        });
        return new StudentRecords(entry.Id, entry.Name, entry.Email, photoMarker);
    }

    /// <summary>Rows in each table that belong to these students, or (messages) to their exam.</summary>
    public static Task<string> RowsAsync(ProctorWebApplication app, int examId, params StudentRecords[] students) =>
        app.WithServiceAsync<string, AppDbContext>(async db =>
        {
            var ids = students.Select(s => s.RosterId).ToList();
            return $"roster {await db.Roster.CountAsync(r => ids.Contains(r.Id))}, attendance {await db.Attendance.CountAsync(a => ids.Contains(a.RosterEntryId))}, "
                + $"flags {await db.Flags.CountAsync(f => ids.Contains(f.RosterEntryId))}, notes {await db.Notes.CountAsync(n => ids.Contains(n.RosterEntryId))}, "
                + $"photos {await db.IdPhotos.CountAsync(p => ids.Contains(p.RosterEntryId))}, messages {await db.Messages.CountAsync(m => m.ExamId == examId)}";
        });

    /// <summary>What each student leaves in the tables: a roster entry, attendance, a flag, two notes, a photo; two messages each.</summary>
    public static string AllRowsOf(int students) => $"roster {students}, attendance {students}, flags {students}, notes {2 * students}, photos {students}, messages {2 * students}";

    public const string NoRows = "roster 0, attendance 0, flags 0, notes 0, photos 0, messages 0";

    /// <summary>The database file's bytes once the write-ahead log is copied into it and emptied, as a copy of the disk would hold them.</summary>
    public static byte[] DatabaseFile(ProctorWebApplication app)
    {
        using (var connection = new SqliteConnection(app.ConnectionString))
        {
            connection.Open();
            using var checkpoint = connection.CreateCommand();
            checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
            checkpoint.ExecuteNonQuery();
        }
        return File.ReadAllBytes(app.DatabasePath);
    }

    /// <summary>Whether the file holds the name, the email or the photo's own bytes.</summary>
    public bool AnyIn(byte[] file) =>
        Contains(file, Encoding.UTF8.GetBytes(Name)) || Contains(file, Encoding.UTF8.GetBytes(Email)) || Contains(file, PhotoMarker);

    private static bool Contains(byte[] file, ReadOnlySpan<byte> part) => file.AsSpan().IndexOf(part) >= 0;
}
