using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using ProctorWeb.Data;
using ProctorWeb.Tests.Support;

namespace ProctorWeb.Tests.Data;

/// <summary>
/// A migration is history: it must build the schema as it was on the day it was written. A constant
/// of the live code (ExamLimits.TitleLength) changes with the code, and would silently rewrite what
/// an old migration does on a fresh database while leaving every upgraded database as it was.
/// </summary>
public class FrozenMigrationsTests
{
    [Fact]
    public void NoMigrationRefersToAConstantOfTheLiveCode()
    {
        var constants = typeof(AppDbContext).Assembly.GetTypes()
            .Where(t => !t.IsDefined(typeof(CompilerGeneratedAttribute)))
            .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.DeclaredOnly)
                .Where(f => f.IsLiteral)
                .Select(f => $"{t.Name}.{f.Name}"))
            .Distinct()
            .ToList();
        Assert.Contains("ExamLimits.TitleLength", constants);
        // Each provider's migrations: SQLite's and PostgreSQL's.
        var migrations = new[] { "Migrations", "PostgresMigrations" }
            .SelectMany(folder => Directory.GetFiles(RepositoryRoot.Combine("ProctorWeb", "Data", folder), "*.cs", SearchOption.AllDirectories))
            .ToList();
        Assert.NotEmpty(migrations);

        var found = (
            from file in migrations
            let text = File.ReadAllText(file)
            from constant in constants
            where Regex.IsMatch(text, $@"\b{Regex.Escape(constant)}\b")
            select $"{Path.GetFileName(file)}: {constant}").ToList();
        // "using static" would let a constant in without its type's name.
        found.AddRange(migrations.Where(f => File.ReadAllText(f).Contains("using static", StringComparison.Ordinal)).Select(f => $"{Path.GetFileName(f)}: using static"));

        Assert.True(found.Count == 0,
            $"Migrations must hold literal values (the value the constant had when the migration was made):{Environment.NewLine}  {string.Join(Environment.NewLine + "  ", found)}");
    }
}
