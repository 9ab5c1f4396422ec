namespace GeneratedClients.Cli;

/// <summary>The command line or the configuration is wrong; printed as one line, exit code 2.</summary>
internal sealed class UsageException(string message) : Exception(message);
