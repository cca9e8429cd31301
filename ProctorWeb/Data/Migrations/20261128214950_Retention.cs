using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ProctorWeb.Data.Migrations
{
    /// <inheritdoc />
    public partial class Retention : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "DataDeletedAtUtc",
                table: "Exams",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "FlagCount",
                table: "Exams",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "RetentionDays",
                table: "Exams",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "StudentCount",
                table: "Exams",
                type: "INTEGER",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "DataDeletedAtUtc",
                table: "Exams");

            migrationBuilder.DropColumn(
                name: "FlagCount",
                table: "Exams");

            migrationBuilder.DropColumn(
                name: "RetentionDays",
                table: "Exams");

            migrationBuilder.DropColumn(
                name: "StudentCount",
                table: "Exams");
        }
    }
}
