namespace ProctorWeb.Data;

/// <summary>
/// One thing that happened to an account or to students' data. Ids and counts only: students' data is deleted on a
/// schedule, and a log that kept their names or addresses would outlive that deletion.
/// </summary>
public class AuditEntry
{
    public long Id { get; set; }
    public DateTime AtUtc { get; set; }
    /// <summary>One of <see cref="ProctorWeb.Audit.AuditKinds"/>.</summary>
    public string Kind { get; set; } = "";
    /// <summary>The account that acted; null for the app itself (the retention sweep) or an unknown caller. No foreign key: entries outlive accounts.</summary>
    public string? ActorId { get; set; }
    /// <summary>What was acted on, as "user:{id}", "exam:{id}" or "unknown account".</summary>
    public string Subject { get; set; } = "";
    public string? Detail { get; set; }
    public string? Ip { get; set; }
}

public static class AuditLimits
{
    public const int KindLength = 32;
    public const int SubjectLength = 100;
    public const int DetailLength = 300;
    public const int IpLength = 45;
}
