using Microsoft.EntityFrameworkCore;
using ProctorWeb.Data;
using ProctorWeb.Exams.Live;

namespace ProctorWeb.Exams;

/// <summary>Adds and removes students; each added student gets a fresh invitation.</summary>
public sealed class RosterService(AppDbContext db, InvitationCodes invitations, LiveExamCommands live, TimeProvider time)
{
    /// <summary>Adds the students whose email is not on the roster yet; returns the emails that already were.</summary>
    public async Task<List<string>> AddAsync(int examId, IEnumerable<RosterLines.Student> students)
    {
        var existing = await db.Roster.Active().Where(r => r.ExamId == examId).Select(r => r.Email).ToListAsync();
        var taken = new HashSet<string>(existing, StringComparer.OrdinalIgnoreCase);
        var duplicates = new List<string>();
        var added = new List<RosterEntry>();
        foreach (var student in students)
        {
            if (!taken.Add(student.Email))
            {
                duplicates.Add(student.Email);
                continue;
            }
            var (nonce, hash) = invitations.NewInvitation();
            added.Add(new RosterEntry { ExamId = examId, Name = student.Name, Email = student.Email, InvitationNonce = nonce, InvitationHash = hash });
        }
        db.Roster.AddRange(added);
        await db.SaveChangesAsync();
        await live.StudentsAddedAsync(examId, added);
        return duplicates;
    }

    /// <summary>Removing keeps the student's attendance but makes their link stop working.</summary>
    public async Task<bool> RemoveAsync(int examId, int rosterEntryId)
    {
        var entry = await db.Roster.Active().SingleOrDefaultAsync(r => r.Id == rosterEntryId && r.ExamId == examId);
        if (entry is null)
        {
            return false;
        }
        entry.RemovedAtUtc = time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync();
        await live.StudentRemovedAsync(examId, entry.Id, entry.Name, entry.RemovedAtUtc.Value);
        return true;
    }
}
