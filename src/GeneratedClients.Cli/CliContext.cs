namespace GeneratedClients.Cli;

/// <summary>Where the tool reads and writes: the process's console, or a test's writers.</summary>
/// <param name="Out">Results (table, JSON, CSV).</param>
/// <param name="Error">Notices, progress and errors.</param>
/// <param name="Variable">Reads a setting (environment variable or user-secret) by name.</param>
/// <param name="Interactive">Whether a person watches (progress bars are drawn only then).</param>
internal sealed record CliContext(TextWriter Out, TextWriter Error, Func<string, string?> Variable, bool Interactive);
