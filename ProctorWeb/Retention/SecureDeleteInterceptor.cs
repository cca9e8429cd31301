using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ProctorWeb.Retention;

/// <summary>
/// SQLite leaves a deleted row's bytes where they were, in the page or on the free list, until something reuses the
/// space: a student's name, email or ID photo "deleted" on schedule could still be read from the database file or a
/// copy of it. With secure_delete on, SQLite overwrites them with zeros as it deletes. It is a setting of each
/// connection, not of the file, so it is set every time the app opens one.
/// PostgreSQL has no equivalent: a deleted row stays in its page until VACUUM marks the space reusable, and nothing
/// zeroes it. There the data at rest is protected below the database (an encrypted volume, encrypted backups), which
/// the README's PostgreSQL part asks for; so this does nothing on other connections.
/// </summary>
public sealed class SecureDeleteInterceptor : DbConnectionInterceptor
{
    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (connection is not SqliteConnection)
        {
            return;
        }
        using var command = Command(connection);
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (connection is not SqliteConnection)
        {
            return;
        }
        await using var command = Command(connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static DbCommand Command(DbConnection connection)
    {
        var command = connection.CreateCommand();
        command.CommandText = "PRAGMA secure_delete = ON;";
        return command;
    }
}
