using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using MimeKit;

namespace ProctorWeb.Email;

/// <summary>
/// Mails kept on disk when no SMTP server is configured, so the app works with no set-up: each is an .eml file any
/// mail program opens. They hold sign-in links, so the folder is 0700 and each file 0600, as the clips folder is.
/// </summary>
public sealed class MailFolder(IOptions<EmailOptions> options, IHostEnvironment environment)
{
    private const UnixFileMode FolderPermissions = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode FilePermissions = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public string Path { get; } = System.IO.Path.GetFullPath(System.IO.Path.Combine(environment.ContentRootPath, options.Value.PickupFolder));

    public void Prepare()
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(Path);
            return;
        }
        Directory.CreateDirectory(Path, FolderPermissions);
        File.SetUnixFileMode(Path, FolderPermissions);
    }

    public async Task<string> WriteAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        Prepare();
        // Sortable by time, and unique without asking the file system.
        var name = $"{DateTime.UtcNow:yyyyMMddTHHmmssfff}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8))}.eml";
        var path = System.IO.Path.Combine(Path, name);
        var fileOptions = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            fileOptions.UnixCreateMode = FilePermissions;
        }
        await using (var file = new FileStream(path, fileOptions))
        {
            await message.WriteToAsync(file, cancellationToken);
        }
        return path;
    }

    /// <summary>Makes the folder at start, so a bad path stops the app rather than the first registration.</summary>
    public sealed class Preparation(MailFolder folder, IOptions<EmailOptions> options) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            if (!options.Value.UsesSmtp)
            {
                folder.Prepare();
            }
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
