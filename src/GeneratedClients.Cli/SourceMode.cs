namespace GeneratedClients.Cli;

/// <summary>Where a command's numbers come from.</summary>
internal enum SourceMode
{
    /// <summary>Live for every exchange with credentials; the simulator only when no credentials are set at all.</summary>
    Auto,

    /// <summary>--live: the real exchanges, or a usage error naming the missing credentials.</summary>
    Live,

    /// <summary>--simulator: the built-in simulator, whatever credentials are set.</summary>
    Simulator,
}
