using Microsoft.EntityFrameworkCore;

namespace ProctorWeb.Tests.Data;

/// <summary>
/// The model snapshot in ProctorWeb/Data/Migrations is what `dotnet ef migrations add` compares the model
/// with. A model changed without a migration would reach no database, and the app would refuse to
/// migrate at start-up (EF's PendingModelChangesWarning is an error, and nothing ignores it).
/// </summary>
public class ModelSnapshotTests
{
    [Fact]
    public void EveryChangeToTheModelHasAMigration()
    {
        using var database = new SchemaDatabase();
        using var db = database.NewContext();

        Assert.False(db.Database.HasPendingModelChanges(),
            "The model differs from the migrations' snapshot. Add a migration: dotnet ef migrations add <Name> --project ProctorWeb --output-dir Data/Migrations");
    }
}
