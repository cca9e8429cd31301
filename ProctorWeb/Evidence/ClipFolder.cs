using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace ProctorWeb.Evidence;

/// <summary>
/// The clips folder on disk. Clips show students' faces and rooms: the folder is 0700 and each file 0600, so no
/// other account on the machine (another service, a shell user) can list or read them, only the app's own user.
/// A clip is written as "name.part" and renamed to "name" once whole, so a final name never holds half a clip.
/// </summary>
public sealed class ClipFolder
{
    public const UnixFileMode FolderMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    public const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public ClipFolder(IOptions<ClipOptions> options, IHostEnvironment environment) =>
        Path = System.IO.Path.GetFullPath(System.IO.Path.Combine(environment.ContentRootPath, options.Value.DataPath));

    public string Path { get; }

    /// <summary>Creates the folder, or takes away others' access to one that is already there.</summary>
    public void Prepare()
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(Path);
            return;
        }
        Directory.CreateDirectory(Path, FolderMode);
        File.SetUnixFileMode(Path, FolderMode);
    }

    /// <summary>A fresh random file name (128 bits), never derived from what the student sent.</summary>
    public static string NewFileName() => $"{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16))}.webm";

    public string FinalPath(string fileName) => System.IO.Path.Combine(Path, fileName);

    private string PartPath(string fileName) => FinalPath(fileName) + ".part";

    /// <summary>
    /// Writes <paramref name="chunk"/> at <paramref name="offset"/>, first cutting off anything beyond it: bytes of a
    /// write whose length never reached the database (a crash between the two) are not part of the clip.
    /// </summary>
    public async Task WriteAsync(string fileName, long offset, ReadOnlyMemory<byte> chunk)
    {
        var options = new FileStreamOptions { Mode = System.IO.FileMode.OpenOrCreate, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = FileMode;
        }
        await using var file = new FileStream(PartPath(fileName), options);
        file.SetLength(offset);
        file.Position = offset;
        await file.WriteAsync(chunk);
        // On disk before the database says it is received.
        file.Flush(flushToDisk: true);
    }

    /// <summary>Gives the whole clip its final name and returns its SHA-256; safe to repeat after a crash between the two.</summary>
    public async Task<string> FinishAsync(string fileName)
    {
        if (File.Exists(PartPath(fileName)))
        {
            File.Move(PartPath(fileName), FinalPath(fileName), overwrite: true);
        }
        await using var file = File.OpenRead(FinalPath(fileName));
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(file));
    }

    /// <summary>Deletes the clip's file, whole or partial; nothing to delete is fine.</summary>
    public void Delete(string fileName)
    {
        File.Delete(PartPath(fileName));
        File.Delete(FinalPath(fileName));
    }

    /// <summary>Made once the host starts, before the first request, so a folder that cannot be made stops the app.</summary>
    public sealed class Preparation(ClipFolder folder) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            folder.Prepare();
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
