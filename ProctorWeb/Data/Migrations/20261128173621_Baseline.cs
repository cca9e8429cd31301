using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ProctorWeb.Data.Migrations
{
    /// <summary>
    /// The first migration made by `dotnet ef`, with the first model snapshot. Generated, it created every
    /// table; its body is emptied because the four hand-written migrations before it already build exactly
    /// this schema (MigrationsMatchTheModelTests), on every existing database and on a new one alike. It
    /// only records the model in its .Designer.cs, so the next generated migration holds just the next change.
    /// </summary>
    public partial class Baseline : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
        }
    }
}
