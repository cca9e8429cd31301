using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace ProctorWeb.Data;

public class AppDbContext : IdentityDbContext<AppUser>, IDataProtectionKeyContext
{
    public AppDbContext(DbContextOptions<AppDbContext> options) : base(options)
    {
    }

    /// <summary>For a provider's own context (PostgresDbContext), whose options and migrations are its own.</summary>
    protected AppDbContext(DbContextOptions options) : base(options)
    {
    }

    /// <summary>The key ring that signs cookies and antiforgery tokens (DataSetup), shared by every node on this database.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<Exam> Exams => Set<Exam>();
    public DbSet<ExamProctor> ExamProctors => Set<ExamProctor>();
    public DbSet<RosterEntry> Roster => Set<RosterEntry>();
    public DbSet<AttendanceEvent> Attendance => Set<AttendanceEvent>();
    public DbSet<Flag> Flags => Set<Flag>();
    public DbSet<ProctorNote> Notes => Set<ProctorNote>();
    public DbSet<ExamMessage> Messages => Set<ExamMessage>();
    public DbSet<IdPhoto> IdPhotos => Set<IdPhoto>();
    public DbSet<Clip> Clips => Set<Clip>();
    public DbSet<ClipRequest> ClipRequests => Set<ClipRequest>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.Entity<AppUser>().Property(u => u.DisplayName).HasMaxLength(AppUserLimits.DisplayNameLength).IsRequired();

        builder.Entity<Exam>(e =>
        {
            e.Property(x => x.Title).HasMaxLength(ExamLimits.TitleLength).IsRequired();
            e.Property(x => x.Instructions).HasMaxLength(ExamLimits.InstructionsLength).IsRequired();
            e.HasOne(x => x.Owner).WithMany().HasForeignKey(x => x.OwnerId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(x => new { x.OwnerId, x.StartsAtUtc });
            e.Ignore(x => x.EndsAtUtc);
            e.Ignore(x => x.ScheduledEndUtc);
            e.Ignore(x => x.EndedEarly);
            e.Ignore(x => x.LateJoinClosesAtUtc);
        });
        builder.Entity<ExamProctor>(e =>
        {
            e.HasKey(x => new { x.ExamId, x.UserId });
            e.HasOne<Exam>().WithMany(x => x.CoProctors).HasForeignKey(x => x.ExamId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne(x => x.User).WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<RosterEntry>(e =>
        {
            e.Property(x => x.Name).HasMaxLength(ExamLimits.NameLength).IsRequired();
            e.Property(x => x.Email).HasMaxLength(ExamLimits.EmailLength).IsRequired();
            e.Property(x => x.InvitationHash).HasMaxLength(64).IsRequired();
            e.HasIndex(x => x.InvitationHash).IsUnique();
            e.HasIndex(x => new { x.ExamId, x.Email });
            e.HasOne(x => x.Exam).WithMany(x => x.Roster).HasForeignKey(x => x.ExamId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<AttendanceEvent>(e =>
        {
            e.Property(x => x.Kind).HasMaxLength(16).IsRequired();
            e.Property(x => x.Detail).HasMaxLength(ExamLimits.ReasonLength);
            e.HasIndex(x => new { x.RosterEntryId, x.AtUtc });
            e.HasOne(x => x.RosterEntry).WithMany(x => x.Attendance).HasForeignKey(x => x.RosterEntryId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne(x => x.Actor).WithMany().HasForeignKey(x => x.ActorId).OnDelete(DeleteBehavior.SetNull);
        });
        builder.Entity<IdPhoto>(e =>
        {
            e.Property(x => x.Kind).HasMaxLength(16).IsRequired();
            e.HasIndex(x => new { x.RosterEntryId, x.Kind }).IsUnique();
            e.HasOne(x => x.RosterEntry).WithMany().HasForeignKey(x => x.RosterEntryId).OnDelete(DeleteBehavior.Cascade);
        });
        // Rows follow their student, flag or request; the files do not, so delete clips through ClipStore first.
        builder.Entity<Clip>(e =>
        {
            e.Property(x => x.Kind).HasMaxLength(16).IsRequired();
            e.Property(x => x.Source).HasMaxLength(16).IsRequired();
            e.Property(x => x.MimeType).HasMaxLength(ClipLimits.MimeTypeLength).IsRequired();
            e.Property(x => x.Sha256).HasMaxLength(64);
            e.Property(x => x.FileName).HasMaxLength(64).IsRequired();
            e.HasIndex(x => x.FileName).IsUnique();
            e.HasIndex(x => x.RosterEntryId);
            // One clip per flag and per request from each source, so a repeated start finds the upload to resume.
            e.HasIndex(x => new { x.FlagId, x.Source }).IsUnique();
            e.HasIndex(x => new { x.RequestId, x.Source }).IsUnique();
            e.HasOne(x => x.RosterEntry).WithMany().HasForeignKey(x => x.RosterEntryId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne(x => x.Flag).WithMany().HasForeignKey(x => x.FlagId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne(x => x.Request).WithMany().HasForeignKey(x => x.RequestId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<ClipRequest>(e =>
        {
            e.HasIndex(x => new { x.RosterEntryId, x.AtUtc });
            e.HasOne<RosterEntry>().WithMany().HasForeignKey(x => x.RosterEntryId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne(x => x.Proctor).WithMany().HasForeignKey(x => x.ProctorId).OnDelete(DeleteBehavior.SetNull);
        });
        builder.Entity<Flag>(e =>
        {
            e.Property(x => x.ClientId).HasMaxLength(64).IsRequired();
            e.Property(x => x.Kind).HasMaxLength(32).IsRequired();
            e.Property(x => x.Review).HasMaxLength(16).IsRequired();
            e.HasIndex(x => new { x.RosterEntryId, x.ClientId }).IsUnique();
            e.HasOne(x => x.RosterEntry).WithMany(x => x.Flags).HasForeignKey(x => x.RosterEntryId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<AppUser>().WithMany().HasForeignKey(x => x.ReviewedById).OnDelete(DeleteBehavior.SetNull);
        });
        builder.Entity<ProctorNote>(e =>
        {
            e.Property(x => x.Text).HasMaxLength(ExamLimits.NoteLength).IsRequired();
            e.HasIndex(x => new { x.RosterEntryId, x.AtUtc });
            e.HasOne<RosterEntry>().WithMany().HasForeignKey(x => x.RosterEntryId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Flag>().WithMany(x => x.Notes).HasForeignKey(x => x.FlagId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne(x => x.Author).WithMany().HasForeignKey(x => x.AuthorId).OnDelete(DeleteBehavior.SetNull);
        });
        builder.Entity<ExamMessage>(e =>
        {
            e.Property(x => x.Text).HasMaxLength(ExamLimits.MessageLength).IsRequired();
            e.HasIndex(x => new { x.ExamId, x.SentAtUtc });
            e.HasOne<Exam>().WithMany().HasForeignKey(x => x.ExamId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<RosterEntry>().WithMany().HasForeignKey(x => x.RosterEntryId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne(x => x.Author).WithMany().HasForeignKey(x => x.AuthorId).OnDelete(DeleteBehavior.SetNull);
        });
        builder.Entity<AuditEntry>(e =>
        {
            e.Property(x => x.Kind).HasMaxLength(AuditLimits.KindLength).IsRequired();
            e.Property(x => x.ActorId).HasMaxLength(450);
            e.Property(x => x.Subject).HasMaxLength(AuditLimits.SubjectLength).IsRequired();
            e.Property(x => x.Detail).HasMaxLength(AuditLimits.DetailLength);
            e.Property(x => x.Ip).HasMaxLength(AuditLimits.IpLength);
            // The admins' page reads the newest, all kinds or one.
            e.HasIndex(x => new { x.Kind, x.Id });
        });

        // SQLite keeps no time zone: every DateTime here is UTC, so say so when reading it back. On PostgreSQL the
        // same converter is what Npgsql needs: it writes only Kind=Utc to timestamp with time zone, and this makes
        // every value UTC before writing (a Local one converted, an Unspecified one taken as UTC, as SQLite did).
        var utc = new Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter<DateTime, DateTime>(
            v => v.Kind == DateTimeKind.Local ? v.ToUniversalTime() : DateTime.SpecifyKind(v, DateTimeKind.Utc),
            v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
        foreach (var property in builder.Model.GetEntityTypes().SelectMany(t => t.GetProperties())
                     .Where(p => p.ClrType == typeof(DateTime) || p.ClrType == typeof(DateTime?)))
        {
            property.SetValueConverter(utc);
        }
    }
}

public static class ClipLimits
{
    public const int MimeTypeLength = 100;
}

public static class AppUserLimits
{
    public const int DisplayNameLength = 60;
}
