using System.Threading.RateLimiting;

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

    /// <summary>Responses larger than this many bytes are refused without being read further. 8 MiB by default.</summary>
    public long MaxResponseBytes { get; set; } = 8 * 1024 * 1024;

    /// <summary>Retries of transient failures.</summary>
    public ExchangeRetryOptions Retry { get; set; } = new();

    /// <summary>Client-side rate limiting.</summary>
    public ExchangeRateLimitOptions RateLimit { get; set; } = new();

    /// <summary>Synchronisation with the exchange's clock.</summary>
    public ExchangeClockSyncOptions ClockSync { get; set; } = new();
}

/// <summary>
/// Retries of transient failures (connection errors, timeouts, HTTP 5xx, rate limiting) with bounded
/// exponential backoff and jitter, honouring <c>Retry-After</c>. Authentication, permission and
/// bad-request errors are never retried.
/// </summary>
public sealed class ExchangeRetryOptions
{
    /// <summary>Whether transient failures are retried. On by default.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Retries after the first attempt. 3 by default.</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>The first backoff; each retry doubles it. 500 ms by default.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The longest wait between attempts, <c>Retry-After</c> included. 30 s by default.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Whether backoffs are randomised so that many clients do not retry in step. On by default.</summary>
    public bool UseJitter { get; set; } = true;
}

/// <summary>
/// Client-side rate limiting: every client using the same credentials in the process shares one
/// limiter, so callers wait instead of receiving a 429 / 1032 they could have avoided.
/// </summary>
public sealed class ExchangeRateLimitOptions
{
    /// <summary>Whether requests are rate limited on the client. On by default.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Requests allowed per <see cref="Window"/>; the exchange's documented limit when null.</summary>
    public int? PermitLimit { get; set; }

    /// <summary>The window of <see cref="PermitLimit"/>; the exchange's documented window when null.</summary>
    public TimeSpan? Window { get; set; }

    /// <summary>Added to the window to absorb network jitter. 50 ms by default.</summary>
    public TimeSpan SafetyMargin { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// A limiter to use instead of the built-in one, for example a distributed limiter shared by every
    /// machine that uses the same key. When set, the other settings here are ignored.
    /// </summary>
    public RateLimiter? Limiter { get; set; }
}

/// <summary>
/// Synchronisation with the exchange's server time, so that request timestamps stay inside the
/// exchange's window (Bitget 30 s, HTX 5 min) even when the local clock drifts.
/// </summary>
public sealed class ExchangeClockSyncOptions
{
    /// <summary>Whether the offset to the exchange's clock is measured and applied. On by default.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often the offset is measured again. 15 min by default.</summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromMinutes(15);
}
