using ProctorWeb.Data;
using ProctorWeb.Tests.Support;

namespace ProctorWeb.Tests.Data;

public class DatabaseProviderTests
{
    [Fact]
    public async Task AnUnknownProviderStopsTheAppAtStartAndNamesTheOnesThatExist()
    {
        await using var app = new ProctorWebApplication(new Dictionary<string, string?> { ["Database:Provider"] = "Oracle" });

        var failure = StartupFailure.Of(app);

        Assert.Contains("Database:Provider is 'Oracle', which is not a database ProctorWeb knows: use Sqlite (the default) or PostgreSQL.", failure.Message);
    }

    [Fact]
    public async Task PostgreSqlWithoutAConnectionStringStopsTheAppAtStartAndSaysWhichKeyToSet()
    {
        await using var app = new ProctorWebApplication(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "PostgreSQL", ["ConnectionStrings:PostgreSQL"] = "",
        });

        var failure = StartupFailure.Of(app);

        Assert.Contains("ConnectionStrings:PostgreSQL is empty", failure.Message);
    }

    [Theory]
    [InlineData("postgresql", typeof(PostgresDbContext))]
    [InlineData("SQLITE", typeof(AppDbContext))]
    public async Task TheProviderIsReadInAnyCaseAndEveryConsumerGetsItsContextAsAppDbContext(string provider, Type context)
    {
        await using var app = new ProctorWebApplication(new Dictionary<string, string?> { ["Database:Provider"] = provider });

        var type = await app.WithServiceAsync<Type, AppDbContext>(db => Task.FromResult(db.GetType()));

        Assert.Equal(context, type);
    }
}
