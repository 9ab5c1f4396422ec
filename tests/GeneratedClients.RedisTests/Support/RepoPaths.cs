namespace GeneratedClients.RedisTests.Support;

/// <summary>The repository root: the folder above the test binaries that holds GeneratedClients.sln.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "GeneratedClients.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("GeneratedClients.sln not found above " + AppContext.BaseDirectory);
    }
}
