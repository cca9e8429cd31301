using Microsoft.EntityFrameworkCore;
using ProctorWeb.Data;

namespace ProctorWeb.Audit;

/// <summary>
/// Writes audit entries. Callers pass ids, counts and fixed words, never passwords, tokens, codes or students' names
/// or addresses; the lengths are capped here so a long detail cannot fail the action it records.
/// </summary>
public sealed class AuditLog(AppDbContext db, TimeProvider time)
{
    public async Task RecordAsync(string kind, string? actorId, string subject, string? detail = null, string? ip = null, CancellationToken cancellationToken = default)
    {
        // A context of its own would not see the caller's transaction; the scoped one saves only this entry when the
        // caller has no pending changes, which is how every caller uses it (after its own work is saved).
        db.AuditEntries.Add(new AuditEntry
        {
            AtUtc = time.GetUtcNow().UtcDateTime,
            Kind = Cap(kind, AuditLimits.KindLength)!,
            ActorId = actorId,
            Subject = Cap(subject, AuditLimits.SubjectLength)!,
            Detail = Cap(detail, AuditLimits.DetailLength),
            Ip = Cap(ip, AuditLimits.IpLength),
        });
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>For the admin pages: <paramref name="actorId"/> gave or took <paramref name="role"/> from the user.</summary>
    public Task RecordRoleChangeAsync(string? actorId, string userId, string role, bool granted, string? ip) =>
        RecordAsync(AuditKinds.RoleChanged, actorId, AuditKinds.User(userId), $"{(granted ? "granted" : "removed")} {role}", ip);

    /// <summary>For the admin pages: an invitation to the account <paramref name="userId"/> was sent (no address kept).</summary>
    public Task RecordInvitationAsync(string? actorId, string userId, string role, string? ip) =>
        RecordAsync(AuditKinds.Invitation, actorId, AuditKinds.User(userId), $"invited as {role}", ip);

    /// <summary>Newest first, <paramref name="pageSize"/> at a time, optionally of one kind.</summary>
    public async Task<(IReadOnlyList<AuditEntry> Entries, bool More)> ReadAsync(string? kind, int page, int pageSize)
    {
        var query = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrEmpty(kind))
        {
            query = query.Where(e => e.Kind == kind);
        }
        // Id breaks ties between entries of the same instant; it grows with time anyway.
        var rows = await query.OrderByDescending(e => e.Id)
            .Skip(Math.Max(0, page - 1) * pageSize).Take(pageSize + 1).ToListAsync();
        return (rows.Take(pageSize).ToList(), rows.Count > pageSize);
    }

    private static string? Cap(string? value, int length) => value is null || value.Length <= length ? value : value[..length];
}

public static class AuditSetup
{
    public static IServiceCollection AddAudit(this IServiceCollection services) => services.AddScoped<AuditLog>();

    /// <summary>The client's address as the app sees it (after a proxy's forwarded headers).</summary>
    public static string? ClientIp(this HttpContext context) => context.Connection.RemoteIpAddress?.ToString();
}
