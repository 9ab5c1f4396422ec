namespace GeneratedClients.Cli;

/// <summary>The values of the Source column.</summary>
internal static class Sources
{
    public const string Live = "live";
    public const string Simulator = "simulator";
}
