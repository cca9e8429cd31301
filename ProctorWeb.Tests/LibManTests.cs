using System.Security.Cryptography;
using System.Text.Json;
using ProctorWeb.Tests.Support;

namespace ProctorWeb.Tests;

/// <summary>
/// The LibMan CLI and its CDNs are out of reach on our machines, so the client libraries are committed.
/// These checks keep libman.json and the committed files telling the same story.
/// </summary>
public class LibManTests
{
    public static TheoryData<string, string, string> DeclaredFiles()
    {
        var data = new TheoryData<string, string, string>();
        using var libman = JsonDocument.Parse(File.ReadAllText(RepositoryRoot.Combine("libman.json")));
        foreach (var library in libman.RootElement.GetProperty("libraries").EnumerateArray())
        {
            foreach (var file in library.GetProperty("files").EnumerateArray())
            {
                data.Add(library.GetProperty("library").GetString()!, library.GetProperty("destination").GetString()!, file.GetString()!);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(DeclaredFiles))]
    public void EveryDeclaredLibraryFileIsCommittedUnderItsDestination(string library, string destination, string file)
    {
        var path = RepositoryRoot.Combine(destination, file);

        Assert.True(File.Exists(path), $"{library}: {path} is missing.");
        Assert.True(new FileInfo(path).Length > 0, $"{library}: {path} is empty.");
    }

    /// <summary>libman.sha256: one "hash  path" line per committed file, as sha256sum writes them; '#' starts a comment.</summary>
    public static TheoryData<string, string> RecordedHashes()
    {
        var data = new TheoryData<string, string>();
        foreach (var line in File.ReadLines(RepositoryRoot.Combine("libman.sha256")).Where(l => l.Length > 0 && !l.StartsWith('#')))
        {
            var parts = line.Split("  ", 2);
            data.Add(parts[1], parts[0]);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(RecordedHashes))]
    public void EveryCommittedLibraryFileHasTheRecordedSha256(string path, string sha256)
    {
        // Model weights and WASM binaries run in every student's browser: a changed byte must be a deliberate change.
        using var file = File.OpenRead(RepositoryRoot.Combine(path));

        Assert.Equal(sha256, Convert.ToHexStringLower(SHA256.HashData(file)));
    }

    [Fact]
    public void TheRecordedHashesCoverEveryFileUnderLibAndEveryDeclaredFile()
    {
        var recorded = RecordedHashes().Select(row => (string)row[0]).ToHashSet();
        var committed = Directory.GetFiles(RepositoryRoot.Combine("ProctorWeb", "wwwroot", "lib"), "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(RepositoryRoot.Path, f).Replace('\\', '/')).ToHashSet();
        var declared = DeclaredFiles().Select(row => Path.Combine((string)row[1], (string)row[2]).Replace('\\', '/')).ToHashSet();

        Assert.Equal(committed.Order(), recorded.Order());
        Assert.Subset(recorded, declared);
    }

    [Fact]
    public void TheSignalRBundleIsTheDeclaredVersion()
    {
        var (library, destination, file) = DeclaredFiles().Select(row => ((string)row[0], (string)row[1], (string)row[2]))
            .Single(row => row.Item1.StartsWith("@microsoft/signalr@", StringComparison.Ordinal) && row.Item3.EndsWith("signalr.min.js", StringComparison.Ordinal));
        var version = library[(library.LastIndexOf('@') + 1)..];

        var bundle = File.ReadAllText(RepositoryRoot.Combine(destination, file));

        Assert.Matches(@"^\d+\.\d+\.\d+", version);
        Assert.Contains(version, bundle);
    }

    [Fact]
    public void TheCallsPageLoadsTheSignalRBundleFromTheLibManDestination()
    {
        // The page's script tag and libman.json's destination must agree, or the page loads nothing.
        var page = File.ReadAllText(RepositoryRoot.Combine("ProctorWeb", "Pages", "Calls", "Index.cshtml"));
        var (_, destination, file) = DeclaredFiles().Select(row => ((string)row[0], (string)row[1], (string)row[2])).Single(row => row.Item1.StartsWith("@microsoft/signalr@", StringComparison.Ordinal));
        var webPath = "~/" + Path.GetRelativePath(RepositoryRoot.Combine("ProctorWeb", "wwwroot"), RepositoryRoot.Combine(destination, file)).Replace('\\', '/');

        Assert.Contains($"src=\"{webPath}\"", page);
    }
}
