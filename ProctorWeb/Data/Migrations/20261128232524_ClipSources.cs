using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ProctorWeb.Data.Migrations
{
    /// <inheritdoc />
    public partial class ClipSources : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Clips_FlagId",
                table: "Clips");

            migrationBuilder.DropIndex(
                name: "IX_Clips_RequestId",
                table: "Clips");

            migrationBuilder.AddColumn<string>(
                name: "Source",
                table: "Clips",
                type: "TEXT",
                maxLength: 16,
                nullable: false,
                // Clips sent before screens were recorded are all the camera's.
                defaultValue: "camera");

            migrationBuilder.CreateIndex(
                name: "IX_Clips_FlagId_Source",
                table: "Clips",
                columns: new[] { "FlagId", "Source" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Clips_RequestId_Source",
                table: "Clips",
                columns: new[] { "RequestId", "Source" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Clips_FlagId_Source",
                table: "Clips");

            migrationBuilder.DropIndex(
                name: "IX_Clips_RequestId_Source",
                table: "Clips");

            migrationBuilder.DropColumn(
                name: "Source",
                table: "Clips");

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
        }
    }
}
