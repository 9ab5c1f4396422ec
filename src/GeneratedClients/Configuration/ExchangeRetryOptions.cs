namespace GeneratedClients;

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
