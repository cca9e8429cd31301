namespace ProctorWeb.E2E.Support;

public static class RepositoryRoot
{
    /// <summary>The folder holding ProctorWeb.sln, found from the test binaries so it works from any working directory.</summary>
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "ProctorWeb.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException($"No ProctorWeb.sln above {AppContext.BaseDirectory}.");
    }
}
