using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace ProctorWeb.Data.Migrations;

// Frozen history: written by hand before EF Core's design-time tools were available here, and
// kept because every existing database was built by it. Its values are literals, as they were
// that day. Do not change it: schema changes go in a new migration (see the README).
/// <summary>Proctoring flags, notes and messages; fullscreen and early end on exams; reasons on attendance.</summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261122000004_Flags")]
public class Flags : Migration
{
    protected override void Up(MigrationBuilder m)
    {
        m.AddColumn<bool>("RequireFullscreen", "Exams", type: "INTEGER", nullable: false, defaultValue: false);
        m.AddColumn<DateTime>("EndedEarlyAtUtc", "Exams", type: "TEXT", nullable: true);
        m.AddColumn<string>("Detail", "Attendance", type: "TEXT", maxLength: 500, nullable: true);

        m.CreateTable(
            name: "Flags",
            columns: t => new
            {
                Id = t.Column<long>(type: "INTEGER", nullable: false).Annotation("Sqlite:Autoincrement", true),
                RosterEntryId = t.Column<int>(type: "INTEGER", nullable: false),
                ClientId = t.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                Kind = t.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                StartedAtUtc = t.Column<DateTime>(type: "TEXT", nullable: false),
                EndedAtUtc = t.Column<DateTime>(type: "TEXT", nullable: true),
                Review = t.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                ReviewedById = t.Column<string>(type: "TEXT", nullable: true),
                ReviewedAtUtc = t.Column<DateTime>(type: "TEXT", nullable: true),
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_Flags", x => x.Id);
                t.ForeignKey("FK_Flags_AspNetUsers_ReviewedById", x => x.ReviewedById, "AspNetUsers", "Id", onDelete: ReferentialAction.SetNull);
                t.ForeignKey("FK_Flags_Roster_RosterEntryId", x => x.RosterEntryId, "Roster", "Id", onDelete: ReferentialAction.Cascade);
            });

        m.CreateTable(
            name: "Messages",
            columns: t => new
            {
                Id = t.Column<long>(type: "INTEGER", nullable: false).Annotation("Sqlite:Autoincrement", true),
                ExamId = t.Column<int>(type: "INTEGER", nullable: false),
                RosterEntryId = t.Column<int>(type: "INTEGER", nullable: true),
                AuthorId = t.Column<string>(type: "TEXT", nullable: false),
                Text = t.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                SentAtUtc = t.Column<DateTime>(type: "TEXT", nullable: false),
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_Messages", x => x.Id);
                t.ForeignKey("FK_Messages_AspNetUsers_AuthorId", x => x.AuthorId, "AspNetUsers", "Id", onDelete: ReferentialAction.Restrict);
                t.ForeignKey("FK_Messages_Exams_ExamId", x => x.ExamId, "Exams", "Id", onDelete: ReferentialAction.Cascade);
                t.ForeignKey("FK_Messages_Roster_RosterEntryId", x => x.RosterEntryId, "Roster", "Id", onDelete: ReferentialAction.Cascade);
            });

        m.CreateTable(
            name: "Notes",
            columns: t => new
            {
                Id = t.Column<long>(type: "INTEGER", nullable: false).Annotation("Sqlite:Autoincrement", true),
                RosterEntryId = t.Column<int>(type: "INTEGER", nullable: false),
                FlagId = t.Column<long>(type: "INTEGER", nullable: true),
                AuthorId = t.Column<string>(type: "TEXT", nullable: false),
                Text = t.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                AtUtc = t.Column<DateTime>(type: "TEXT", nullable: false),
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_Notes", x => x.Id);
                t.ForeignKey("FK_Notes_AspNetUsers_AuthorId", x => x.AuthorId, "AspNetUsers", "Id", onDelete: ReferentialAction.Restrict);
                t.ForeignKey("FK_Notes_Flags_FlagId", x => x.FlagId, "Flags", "Id", onDelete: ReferentialAction.Cascade);
                t.ForeignKey("FK_Notes_Roster_RosterEntryId", x => x.RosterEntryId, "Roster", "Id", onDelete: ReferentialAction.Cascade);
            });

        m.CreateIndex("IX_Flags_RosterEntryId_ClientId", "Flags", ["RosterEntryId", "ClientId"], unique: true);
        m.CreateIndex("IX_Flags_ReviewedById", "Flags", "ReviewedById");
        m.CreateIndex("IX_Messages_AuthorId", "Messages", "AuthorId");
        m.CreateIndex("IX_Messages_ExamId_SentAtUtc", "Messages", ["ExamId", "SentAtUtc"]);
        m.CreateIndex("IX_Messages_RosterEntryId", "Messages", "RosterEntryId");
        m.CreateIndex("IX_Notes_AuthorId", "Notes", "AuthorId");
        m.CreateIndex("IX_Notes_FlagId", "Notes", "FlagId");
        m.CreateIndex("IX_Notes_RosterEntryId_AtUtc", "Notes", ["RosterEntryId", "AtUtc"]);
    }

    protected override void Down(MigrationBuilder m)
    {
        m.DropTable("Notes");
        m.DropTable("Messages");
        m.DropTable("Flags");
        m.DropColumn("Detail", "Attendance");
        m.DropColumn("EndedEarlyAtUtc", "Exams");
        m.DropColumn("RequireFullscreen", "Exams");
    }
}
