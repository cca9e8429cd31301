using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using ProctorWeb.Text;
using ProctorWeb.Data;
using ProctorWeb.Exams.Live;

namespace ProctorWeb.Exams;

/// <summary>Adds and removes students, and sets their accommodations; each added student gets a fresh invitation.</summary>
public sealed class RosterService(AppDbContext db, InvitationCodes invitations, LiveExamCommands live, TimeProvider time, IOptions<ExamOptions> options,
    IStringLocalizer<ExamText> T)
{
    /// <param name="Duplicates">Emails that were on the roster already, and were left as they were.</param>
    /// <param name="Refusal">Why nobody was added, when the roster would have grown past its cap.</param>
    public sealed record Added(List<string> Duplicates, string? Refusal = null);

    /// <summary>
    /// Adds the students whose email is not on the roster yet, all or none: if they would take the roster past
    /// <see cref="ExamOptions.MaxStudentsPerExam"/>, nobody is added and the refusal says how many fit.
    /// </summary>
    public async Task<Added> AddAsync(int examId, IEnumerable<RosterLines.Student> students)
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
        var cap = options.Value.MaxStudentsPerExam;
        if (existing.Count + added.Count > cap)
        {
            var room = Math.Max(0, cap - existing.Count);
            return new Added(duplicates, room == 0
                ? T["An exam can have at most {0:N0} students. This one has {1:N0}, so no more fit; nobody was added.", cap, existing.Count]
                : T["An exam can have at most {0:N0} students. This one has {1:N0}, so only {2:N0} more fit; nobody was added.", cap, existing.Count, room]);
        }
        db.Roster.AddRange(added);
        await db.SaveChangesAsync();
        await live.StudentsAddedAsync(examId, added);
        return new Added(duplicates);
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

    /// <summary>
    /// Undoes a removal: the same student, link and attendance, back on the roster. Null when done; else why not, in
    /// words (the address was added again meanwhile, or the roster is full).
    /// </summary>
    public async Task<string?> RestoreAsync(int examId, int rosterEntryId)
    {
        var entry = await db.Roster.SingleOrDefaultAsync(r => r.Id == rosterEntryId && r.ExamId == examId && r.RemovedAtUtc != null);
        if (entry is null)
        {
            return T["That student is not removed from this exam."];
        }
        var active = db.Roster.Active().Where(r => r.ExamId == examId);
        if (await active.AnyAsync(r => r.Email == entry.Email))
        {
            return T["{0} is on the roster again already, with a new link; {1} stays removed.", entry.Email, entry.Name];
        }
        var cap = options.Value.MaxStudentsPerExam;
        if (await active.CountAsync() >= cap)
        {
            return T["An exam can have at most {0:N0} students, and this one is full; {1} stays removed.", cap, entry.Name];
        }
        entry.RemovedAtUtc = null;
        await db.SaveChangesAsync();
        await live.StudentsAddedAsync(examId, [entry]);
        return null;
    }

    /// <summary>
    /// Gives these students of the exam (all present on its roster, or nobody changes) these accommodations, replacing
    /// what they had; a live exam follows at once. Returns how many changed, or null when an id is not on the roster.
    /// </summary>
    public async Task<int?> AccommodateAsync(int examId, IReadOnlyCollection<int> rosterEntryIds, Accommodation accommodation)
    {
        var entries = await db.Roster.Active().Where(r => r.ExamId == examId && rosterEntryIds.Contains(r.Id)).Include(r => r.Exam).ToListAsync();
        if (entries.Count != rosterEntryIds.Distinct().Count())
        {
            return null;
        }
        foreach (var entry in entries)
        {
            entry.ExtraMinutes = accommodation.ExtraMinutes;
            entry.Exemptions = accommodation.Exemptions;
        }
        await db.SaveChangesAsync();
        if (entries.Count > 0)
        {
            await live.AccommodationsChangedAsync(entries[0].Exam!, entries);
        }
        return entries.Count;
    }
}
