namespace GeneratedClients;

/// <summary>A documented exchange limit: at most <see cref="PermitLimit"/> requests in any <see cref="Window"/>.</summary>
/// <param name="PermitLimit">The most requests allowed in any <paramref name="Window"/>.</param>
/// <param name="Window">The length of the interval the exchange counts requests over.</param>
public readonly record struct ExchangeRateLimit(int PermitLimit, TimeSpan Window)
{
    // Why public: the built-in limiter of every endpoint group is made here, and a RateLimit.LimiterFactory of your own
    // that wants a local limiter of the limit it is given calls the same.
    /// <summary>Creates a <see cref="SlidingLogRateLimiter"/> that keeps callers inside this limit.</summary>
    /// <param name="timeProvider">The clock and timer source; <see cref="TimeProvider.System"/> when null.</param>
    /// <param name="safetyMargin">Extra spacing added to <see cref="Window"/>, to absorb clock skew and jitter.</param>
    /// <param name="queueLimit">The most waiters that may be queued at once.</param>
    /// <returns>A new limiter; share it with <see cref="RateLimiterRegistry.GetOrAdd"/>.</returns>
    public SlidingLogRateLimiter CreateLimiter(TimeProvider? timeProvider = null, TimeSpan safetyMargin = default, int queueLimit = int.MaxValue) =>
        new(PermitLimit, Window, timeProvider, safetyMargin, queueLimit);
}
