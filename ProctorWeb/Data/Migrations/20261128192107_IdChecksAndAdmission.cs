using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ProctorWeb.Data.Migrations
{
    /// <inheritdoc />
    public partial class IdChecksAndAdmission : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "Admission",
                table: "Exams",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<bool>(
                name: "FaceChecks",
                table: "Exams",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "RequireIdCheck",
                table: "Exams",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "RequireScreenShare",
                table: "Exams",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "ActorId",
                table: "Attendance",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "IdPhotos",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RosterEntryId = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Jpeg = table.Column<byte[]>(type: "BLOB", nullable: false),
                    Width = table.Column<int>(type: "INTEGER", nullable: false),
                    Height = table.Column<int>(type: "INTEGER", nullable: false),
                    TakenAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IdPhotos", x => x.Id);
                    table.ForeignKey(
                        name: "FK_IdPhotos_Roster_RosterEntryId",
                        column: x => x.RosterEntryId,
                        principalTable: "Roster",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Attendance_ActorId",
                table: "Attendance",
                column: "ActorId");

            migrationBuilder.CreateIndex(
                name: "IX_IdPhotos_RosterEntryId_Kind",
                table: "IdPhotos",
                columns: new[] { "RosterEntryId", "Kind" },
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "FK_Attendance_AspNetUsers_ActorId",
                table: "Attendance",
                column: "ActorId",
                principalTable: "AspNetUsers",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Attendance_AspNetUsers_ActorId",
                table: "Attendance");

            migrationBuilder.DropTable(
                name: "IdPhotos");

            migrationBuilder.DropIndex(
                name: "IX_Attendance_ActorId",
                table: "Attendance");

            migrationBuilder.DropColumn(
                name: "Admission",
                table: "Exams");

            migrationBuilder.DropColumn(
                name: "FaceChecks",
                table: "Exams");

            migrationBuilder.DropColumn(
                name: "RequireIdCheck",
                table: "Exams");

            migrationBuilder.DropColumn(
                name: "RequireScreenShare",
                table: "Exams");

            migrationBuilder.DropColumn(
                name: "ActorId",
                table: "Attendance");
        }
    }
}
