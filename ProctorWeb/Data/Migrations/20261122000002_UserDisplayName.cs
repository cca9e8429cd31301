using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace ProctorWeb.Data.Migrations;

// Frozen history: written by hand before EF Core's design-time tools were available here, and
// kept because every existing database was built by it. Its values are literals, as they were
// that day. Do not change it: schema changes go in a new migration (see the README).
// Existing accounts get an empty display name; the app falls back to the user name until they set one.
[DbContext(typeof(AppDbContext))]
[Migration("20261122000002_UserDisplayName")]
public class UserDisplayName : Migration
{
    protected override void Up(MigrationBuilder m) =>
        m.AddColumn<string>("DisplayName", "AspNetUsers", type: "TEXT", maxLength: 60, nullable: false, defaultValue: "");

    protected override void Down(MigrationBuilder m) => m.DropColumn("DisplayName", "AspNetUsers");
}
