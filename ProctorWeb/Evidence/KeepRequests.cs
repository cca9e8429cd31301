using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ProctorWeb.Data;

namespace ProctorWeb.Evidence;

/// <summary>A proctor's request that the student's page keep a clip of now.</summary>
public sealed record KeepRequest(long Id, DateTime AtUtc, bool IsNew);

/// <summary>Proctors' "Keep a clip" requests, stored so the student's upload can name one and the timeline say who asked.</summary>
public sealed class KeepRequests(AppDbContext db, IOptions<ClipOptions> options, TimeProvider time)
{
    /// <summary>
    /// Records a request, unless one for this student was made within the last <see cref="ClipOptions.SecondsAfter"/>
    /// seconds: that clip already covers this moment, so the same request is answered again (not new, not pushed),
    /// and clicking twice, or two proctors at once, costs the student one upload, not several.
    /// </summary>
    public async Task<KeepRequest> KeepAsync(int rosterEntryId, string proctorId)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var since = now.AddSeconds(-options.Value.SecondsAfter);
        var recent = await db.ClipRequests.AsNoTracking()
            .Where(r => r.RosterEntryId == rosterEntryId && r.AtUtc > since)
            .OrderByDescending(r => r.AtUtc).FirstOrDefaultAsync();
        if (recent is not null)
        {
            return new KeepRequest(recent.Id, recent.AtUtc, IsNew: false);
        }
        var request = new ClipRequest { RosterEntryId = rosterEntryId, ProctorId = proctorId, AtUtc = now };
        db.ClipRequests.Add(request);
        await db.SaveChangesAsync();
        return new KeepRequest(request.Id, request.AtUtc, IsNew: true);
    }
}
