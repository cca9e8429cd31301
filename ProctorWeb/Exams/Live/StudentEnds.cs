using Microsoft.EntityFrameworkCore;
using ProctorWeb.Data;

namespace ProctorWeb.Exams.Live;

/// <summary>Each student's own end of an exam as stored: the exam's times with the student's extra minutes.</summary>
public sealed class StudentEnds(IServiceScopeFactory scopes)
{
    /// <summary>By roster id; a removed student's exam ended with the removal, so their extra minutes no longer count.</summary>
    public async Task<IReadOnlyDictionary<int, DateTime>> OfAsync(int examId)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var exam = await db.Exams.AsNoTracking().SingleOrDefaultAsync(e => e.Id == examId);
        if (exam is null)
        {
            return new Dictionary<int, DateTime>();
        }
        var roster = await db.Roster.AsNoTracking().Where(r => r.ExamId == examId)
            .Select(r => new { r.Id, r.ExtraMinutes, r.RemovedAtUtc }).ToListAsync();
        return roster.ToDictionary(r => r.Id, r => exam.EndsAtUtcFor(r.RemovedAtUtc is null ? r.ExtraMinutes : 0));
    }
}
