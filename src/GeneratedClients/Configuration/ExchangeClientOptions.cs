namespace GeneratedClients;

/// <summary>
/// What both exchanges' clients share in production use: limits, retries, clock synchronisation,
/// timeouts. Bound from configuration (for example the <c>Bitget</c> or <c>Htx</c> section).
/// </summary>
public abstract class ExchangeClientOptions
{
    /// <summary>Sends requests here instead of the exchange's host (a gateway, a test server).</summary>
    public Uri? BaseAddress { get; set; }

    /// <summary>The time one attempt may take before it is abandoned (and, if retries allow, retried). 30 s by default.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The default upper bound of a response body, in bytes (8 MiB), of every client.</summary>
    internal const long DefaultMaxResponseBytes = 8 * 1024 * 1024;

    /// <summary>Responses larger than this many bytes are refused without being read further. 8 MiB by default.</summary>
    public long MaxResponseBytes { get; set; } = DefaultMaxResponseBytes;

    /// <summary>Retries of transient failures.</summary>
    public ExchangeRetryOptions Retry { get; set; } = new();

    /// <summary>Client-side rate limiting.</summary>
    public ExchangeRateLimitOptions RateLimit { get; set; } = new();

    /// <summary>Synchronisation with the exchange's clock.</summary>
    public ExchangeClockSyncOptions ClockSync { get; set; } = new();

    /// <summary>Adds the failures of the exchange's own settings (its credentials first) to the shared checks.</summary>
    internal abstract void CheckExchangeSettings(OptionFailures failures);
}
