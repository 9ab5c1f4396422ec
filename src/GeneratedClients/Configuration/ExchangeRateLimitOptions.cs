using System.Threading.RateLimiting;

namespace GeneratedClients;

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

    /// <summary>
    /// Creates each endpoint group's limiter for this client's key instead of the built-in one (code only), for example a
    /// limiter shared through Redis by every process using the key. Called once per group and key in the
    /// <see cref="Registry"/>, which shares the result; ignored when <see cref="Limiter"/> is set.
    /// </summary>
    public ExchangeLimiterFactory? LimiterFactory { get; set; }

    /// <summary>
    /// Where the built-in limiter and the clock offset are shared per API key (code only);
    /// <see cref="RateLimiterRegistry.Default"/>, the whole process, when null.
    /// </summary>
    public RateLimiterRegistry? Registry { get; set; }
}
