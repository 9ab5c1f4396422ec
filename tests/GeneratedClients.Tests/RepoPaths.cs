namespace GeneratedClients.Tests;

/// <summary>Locates the repository (the folder holding GeneratedClients.sln) and its specs.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Specs => Path.Combine(Root, "specs");

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
