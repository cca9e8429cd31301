using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ProctorWeb.Data.Migrations
{
    /// <inheritdoc />
    public partial class Clips : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ClipRequests",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RosterEntryId = table.Column<int>(type: "INTEGER", nullable: false),
                    ProctorId = table.Column<string>(type: "TEXT", nullable: false),
                    AtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ClipRequests", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ClipRequests_AspNetUsers_ProctorId",
                        column: x => x.ProctorId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ClipRequests_Roster_RosterEntryId",
                        column: x => x.RosterEntryId,
                        principalTable: "Roster",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Clips",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RosterEntryId = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    FlagId = table.Column<long>(type: "INTEGER", nullable: true),
                    RequestId = table.Column<long>(type: "INTEGER", nullable: true),
                    MimeType = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    StartedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    EndedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    DeclaredBytes = table.Column<long>(type: "INTEGER", nullable: false),
                    ReceivedBytes = table.Column<long>(type: "INTEGER", nullable: false),
                    Complete = table.Column<bool>(type: "INTEGER", nullable: false),
                    Sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CompletedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Clips", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Clips_ClipRequests_RequestId",
                        column: x => x.RequestId,
                        principalTable: "ClipRequests",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_Clips_Flags_FlagId",
                        column: x => x.FlagId,
                        principalTable: "Flags",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_Clips_Roster_RosterEntryId",
                        column: x => x.RosterEntryId,
                        principalTable: "Roster",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ClipRequests_ProctorId",
                table: "ClipRequests",
                column: "ProctorId");

            migrationBuilder.CreateIndex(
                name: "IX_ClipRequests_RosterEntryId_AtUtc",
                table: "ClipRequests",
                columns: new[] { "RosterEntryId", "AtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_Clips_FileName",
                table: "Clips",
                column: "FileName",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Clips_FlagId",
                table: "Clips",
                column: "FlagId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Clips_RequestId",
                table: "Clips",
                column: "RequestId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Clips_RosterEntryId",
                table: "Clips",
                column: "RosterEntryId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Clips");

            migrationBuilder.DropTable(
                name: "ClipRequests");
        }
    }
}
