using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace ProctorWeb.Data.Migrations;

// Existing accounts get an empty display name; the app falls back to the user name until they set one.
[DbContext(typeof(AppDbContext))]
[Migration("20261122000002_UserDisplayName")]
public class UserDisplayName : Migration
{
    protected override void Up(MigrationBuilder m) =>
        m.AddColumn<string>("DisplayName", "AspNetUsers", type: "TEXT", maxLength: AppUserLimits.DisplayNameLength, nullable: false, defaultValue: "");

    protected override void Down(MigrationBuilder m) => m.DropColumn("DisplayName", "AspNetUsers");
}
