namespace GeneratedClients.Cli;

/// <summary>What the tool's exit code tells a script.</summary>
internal static class ExitCodes
{
    /// <summary>Everything asked for came back.</summary>
    public const int Success = 0;

    /// <summary>A bug in the tool: an unexpected exception (details with --verbose).</summary>
    public const int Unexpected = 1;

    /// <summary>The command line or the configuration is wrong (bad option, missing credentials with --live).</summary>
    public const int Usage = 2;

    /// <summary>
    /// The exchange refused a request or answered something unreadable (auth, permission, limits, bad data); for a sweep,
    /// only when nothing succeeded at all.
    /// </summary>
    public const int ExchangeError = 3;

    /// <summary>The exchange, or the shared rate limiter a client may be wired to (Redis), could not be reached or did not answer in time.</summary>
    public const int NetworkError = 4;

    /// <summary>
    /// Partial: some of what was asked for is missing (an exchange left out for lack of credentials, sub-accounts that
    /// failed) while the rest came back; the rows that came back are printed and the missing parts named.
    /// </summary>
    public const int Partial = 5;

    /// <summary>Cancelled with Ctrl+C.</summary>
    public const int Cancelled = 130;

    public static int For(ExchangeApiException error) =>
        error.Category is ExchangeErrorCategory.Network or ExchangeErrorCategory.RateLimiterUnavailable ? NetworkError : ExchangeError;
}
