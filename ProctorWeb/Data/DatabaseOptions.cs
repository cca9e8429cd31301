using Microsoft.Extensions.Options;

namespace ProctorWeb.Data;

/// <summary>
/// Which database the app keeps its data in: SQLite (the default: one file, nothing to set up) or PostgreSQL, for
/// several app servers on one database. SQLite reads ConnectionStrings:Default, PostgreSQL ConnectionStrings:PostgreSQL.
/// </summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";
    public const string Sqlite = "Sqlite";
    public const string PostgreSQL = "PostgreSQL";
    public const string PostgreSQLConnectionName = "PostgreSQL";

    /// <summary>Sqlite or PostgreSQL, in any case.</summary>
    public string Provider { get; set; } = Sqlite;

    public bool IsPostgreSQL => string.Equals(Provider, PostgreSQL, StringComparison.OrdinalIgnoreCase);

    public bool IsSqlite => string.Equals(Provider, Sqlite, StringComparison.OrdinalIgnoreCase);
}

/// <summary>A typo in the provider must not quietly fall back to SQLite, nor PostgreSQL start with no server named.</summary>
public sealed class DatabaseOptionsValidator(IConfiguration configuration) : IValidateOptions<DatabaseOptions>
{
    public ValidateOptionsResult Validate(string? name, DatabaseOptions options)
    {
        if (!options.IsSqlite && !options.IsPostgreSQL)
        {
            return ValidateOptionsResult.Fail(
                $"{DatabaseOptions.Section}:Provider is '{options.Provider}', which is not a database ProctorWeb knows: use {DatabaseOptions.Sqlite} (the default) or {DatabaseOptions.PostgreSQL}.");
        }
        if (options.IsPostgreSQL && string.IsNullOrWhiteSpace(configuration.GetConnectionString(DatabaseOptions.PostgreSQLConnectionName)))
        {
            return ValidateOptionsResult.Fail(
                $"{DatabaseOptions.Section}:Provider is {DatabaseOptions.PostgreSQL}, but ConnectionStrings:{DatabaseOptions.PostgreSQLConnectionName} is empty: set it, for example to Host=127.0.0.1;Port=5432;Database=proctorweb;Username=proctor.");
        }
        return ValidateOptionsResult.Success;
    }
}
