using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace ProctorWeb.Data.Migrations;

// Frozen history: written by hand before EF Core's design-time tools were available here, and
// kept because every existing database was built by it. Its values are literals, as they were
// that day. Do not change it: schema changes go in a new migration (see the README).
/// <summary>Exams, their co-proctors, rosters with hashed invitations, and attendance.</summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261122000003_Exams")]
public class Exams : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.CreateTable(
            name: "Exams",
            columns: t => new
            {
                Id = t.Column<int>(type: "INTEGER", nullable: false).Annotation("Sqlite:Autoincrement", true),
                Title = t.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                Instructions = t.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                StartsAtUtc = t.Column<DateTime>(type: "TEXT", nullable: false),
                DurationMinutes = t.Column<int>(type: "INTEGER", nullable: false),
                LateJoinMinutes = t.Column<int>(type: "INTEGER", nullable: false),
                OwnerId = t.Column<string>(type: "TEXT", nullable: false),
                CreatedAtUtc = t.Column<DateTime>(type: "TEXT", nullable: false),
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_Exams", x => x.Id);
                t.ForeignKey("FK_Exams_AspNetUsers_OwnerId", x => x.OwnerId, "AspNetUsers", "Id", onDelete: ReferentialAction.Restrict);
            });

        m.CreateTable(
            name: "ExamProctors",
            columns: t => new
            {
                ExamId = t.Column<int>(type: "INTEGER", nullable: false),
                UserId = t.Column<string>(type: "TEXT", nullable: false),
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_ExamProctors", x => new { x.ExamId, x.UserId });
                t.ForeignKey("FK_ExamProctors_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
                t.ForeignKey("FK_ExamProctors_Exams_ExamId", x => x.ExamId, "Exams", "Id", onDelete: ReferentialAction.Cascade);
            });

        m.CreateTable(
            name: "Roster",
            columns: t => new
            {
                Id = t.Column<int>(type: "INTEGER", nullable: false).Annotation("Sqlite:Autoincrement", true),
                ExamId = t.Column<int>(type: "INTEGER", nullable: false),
                Name = t.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                Email = t.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                InvitationNonce = t.Column<byte[]>(type: "BLOB", nullable: false),
                InvitationHash = t.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                RemovedAtUtc = t.Column<DateTime>(type: "TEXT", nullable: true),
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_Roster", x => x.Id);
                t.ForeignKey("FK_Roster_Exams_ExamId", x => x.ExamId, "Exams", "Id", onDelete: ReferentialAction.Cascade);
            });

        m.CreateTable(
            name: "Attendance",
            columns: t => new
            {
                Id = t.Column<long>(type: "INTEGER", nullable: false).Annotation("Sqlite:Autoincrement", true),
                RosterEntryId = t.Column<int>(type: "INTEGER", nullable: false),
                Kind = t.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                AtUtc = t.Column<DateTime>(type: "TEXT", nullable: false),
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_Attendance", x => x.Id);
                t.ForeignKey("FK_Attendance_Roster_RosterEntryId", x => x.RosterEntryId, "Roster", "Id", onDelete: ReferentialAction.Cascade);
            });

        m.CreateIndex("IX_Exams_OwnerId_StartsAtUtc", "Exams", ["OwnerId", "StartsAtUtc"]);
        m.CreateIndex("IX_ExamProctors_UserId", "ExamProctors", "UserId");
        m.CreateIndex("IX_Roster_ExamId_Email", "Roster", ["ExamId", "Email"]);
        m.CreateIndex("IX_Roster_InvitationHash", "Roster", "InvitationHash", unique: true);
        m.CreateIndex("IX_Attendance_RosterEntryId_AtUtc", "Attendance", ["RosterEntryId", "AtUtc"]);
    }

    protected override void Down(MigrationBuilder m)
    {
        m.DropTable("Attendance");
        m.DropTable("Roster");
        m.DropTable("ExamProctors");
        m.DropTable("Exams");
    }
}
