namespace ProctorWeb.E2E.Support;

/// <summary>A temporary folder that lasts as long as the test run, for files browsers of several tests play.</summary>
public static class RunFolder
{
    public static string Create(string prefix)
    {
        var directory = Directory.CreateTempSubdirectory(prefix).FullName;
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (IOException)
            {
                // A browser still reading a file as the run ends: the OS cleans the temp folder later.
            }
        };
        return directory;
    }
}
