namespace GeneratedClients.Cli;

/// <summary>How results are printed: a table for people, JSON or CSV for scripts.</summary>
internal enum OutputFormat
{
    Table,
    Json,
    Csv,
}
