using Microsoft.Data.Sqlite;

namespace ProctorWeb.Data;

/// <summary>
/// The SQLite file holds students' names, attendance, flags, ID photos and the key ring that signs every cookie:
/// only the app's own user may read it. It is created empty with mode 0600 before SQLite opens it (SQLite gives its
/// -wal and -shm files the database file's mode), an existing one is narrowed to 0600, and a folder the app has to
/// make for it is made 0700. A folder that already exists (the app's own, say) is left as it is.
/// </summary>
public static class DatabaseFile
{
    public const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    public const UnixFileMode FolderMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    public static void Protect(string? connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (OperatingSystem.IsWindows() || builder.Mode == SqliteOpenMode.Memory || builder.DataSource is "" or ":memory:")
        {
            return;
        }
        var path = Path.GetFullPath(builder.DataSource);
        if (Path.GetDirectoryName(path) is { } folder && !Directory.Exists(folder))
        {
            Directory.CreateDirectory(folder, FolderMode);
        }
        if (!File.Exists(path))
        {
            using var created = new FileStream(path, new FileStreamOptions { Mode = System.IO.FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = FileMode });
        }
        foreach (var file in new[] { path, path + "-wal", path + "-shm", path + "-journal" }.Where(File.Exists))
        {
            File.SetUnixFileMode(file, FileMode);
        }
    }
}
