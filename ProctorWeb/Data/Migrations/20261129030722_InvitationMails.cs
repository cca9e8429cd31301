using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ProctorWeb.Data.Migrations
{
    /// <inheritdoc />
    public partial class InvitationMails : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "LinkSentAtUtc",
                table: "Roster",
                type: "TEXT",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "LinkSentAtUtc",
                table: "Roster");
        }
    }
}
