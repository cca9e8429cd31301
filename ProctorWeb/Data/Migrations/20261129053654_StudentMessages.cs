using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ProctorWeb.Data.Migrations
{
    /// <inheritdoc />
    public partial class StudentMessages : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "FromStudent",
                table: "Messages",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "FromStudent",
                table: "Messages");
        }
    }
}
