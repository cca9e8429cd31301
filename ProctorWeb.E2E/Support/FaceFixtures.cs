using System.Diagnostics;

namespace ProctorWeb.E2E.Support;

/// <summary>
/// Fake-camera files of real faces (one, small, two, none, in profile, another person...), made once per test run
/// by the project's scripts/face-fixtures.sh into a temporary folder that goes when the run ends.
/// </summary>
public static class FaceFixtures
{
    private static readonly Lazy<Task<string>> Made = new(MakeAsync);

    /// <summary>The still pictures, each a one-frame .y4m file, 320x240 but for the first face at the exam camera's 640x360.</summary>
    public static readonly string[] Stills = ["one-face", "one-face-small", "one-face-640x360", "two-faces", "no-face-coffee", "no-face-wall", "face-profile", "face-half-out", "other-person"];

    public static Task<string> DirectoryAsync() => Made.Value;

    public static async Task<string> FileAsync(string name) => Path.Combine(await DirectoryAsync(), name + ".y4m");

    private static async Task<string> MakeAsync()
    {
        var directory = RunFolder.Create("proctorweb-faces-");
        var start = new ProcessStartInfo("sh") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(RepositoryRoot.Path, "scripts", "face-fixtures.sh"));
        start.ArgumentList.Add(directory);
        using var script = Process.Start(start)!;
        var output = script.StandardOutput.ReadToEndAsync();
        var errors = script.StandardError.ReadToEndAsync();
        await script.WaitForExitAsync();
        if (script.ExitCode != 0 || !Stills.All(name => File.Exists(Path.Combine(directory, name + ".y4m"))))
        {
            throw new InvalidOperationException($"scripts/face-fixtures.sh failed (exit code {script.ExitCode}; scripts/install-deps.sh installs what it needs):\n{await output}\n{await errors}");
        }
        return directory;
    }
}
