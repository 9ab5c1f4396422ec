using System.Globalization;

namespace GeneratedClients.Redis;

/// <summary>
/// Settings of a <see cref="RedisSlidingLogRateLimiter"/>: where its log lives in Redis, how long an unanswered
/// request may count, how long a Redis round trip may take, and what happens while Redis does not answer.
/// <see cref="RedisRateLimiter.ForKey(StackExchange.Redis.IConnectionMultiplexer, string, string, int, TimeSpan, RedisRateLimitOptions?, TimeProvider?, Microsoft.Extensions.Logging.ILogger?)"/>
/// validates them and takes a copy, so changing an instance later does not change a limiter built from it.
/// </summary>
public sealed class RedisRateLimitOptions
{
    /// <summary>The default <see cref="KeyPrefix"/>: <c>generatedclients:ratelimit</c>.</summary>
    public const string DefaultKeyPrefix = "generatedclients:ratelimit";

    /// <summary>
    /// The start of the Redis key of every log: the key is <c>{KeyPrefix}:{exchange}:{sha256}</c>, where
    /// <c>sha256</c> is the lower-case hex SHA-256 of the API key (never the key itself). Every process that
    /// shares a limit must use the same prefix. <see cref="DefaultKeyPrefix"/> by default; not empty, no whitespace.
    /// </summary>
    public string KeyPrefix { get; set; } = DefaultKeyPrefix;

    /// <summary>
    /// Added to the exchange's window, to absorb network jitter between the grant and the request's arrival:
    /// a request counts for the window plus this margin after its answer is in. Zero or more; 50 ms by default
    /// (the default of <see cref="ExchangeRateLimitOptions.SafetyMargin"/>).
    /// </summary>
    public TimeSpan SafetyMargin { get; set; } = new ExchangeRateLimitOptions().SafetyMargin;

    /// <summary>
    /// How long a granted request may stay unanswered and still be counted as in flight: a grant counts from the
    /// moment it is made until its lease is disposed, then a full window more; a lease that is never disposed (its
    /// process crashed) counts until <c>MaxInFlight</c> after the grant, then a full window more. Keep it above the
    /// client's per-attempt <see cref="ExchangeClientOptions.Timeout"/> (30 s by default), so that no request still
    /// on its way stops counting. Greater than zero; 1 minute by default.
    /// </summary>
    public TimeSpan MaxInFlight { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// The longest one Redis round trip may take before the acquisition gives up on Redis (and fails with an
    /// <see cref="ExchangeApiException"/> of category <see cref="ExchangeErrorCategory.RateLimiterUnavailable"/>, which the
    /// client does not retry, or uses the fallback). Waiting for a permit is not bounded by it,
    /// only each exchange with Redis. Greater than zero and at most 1 minute; 3 s by default.
    /// </summary>
    public TimeSpan OperationTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>
    /// Null (the default): while Redis does not answer, every acquisition fails with an <see cref="ExchangeApiException"/>
    /// of category <see cref="ExchangeErrorCategory.RateLimiterUnavailable"/>. A share between 0 and 1: while Redis does not answer, this process
    /// keeps to a local limiter of <c>floor(permitLimit × FallbackShare)</c> permits per window (at least 1), shared by
    /// every limiter of this process for the same key, and Redis is tried again at most once a second. Give each
    /// of n processes at most 1 / n, so that together they stay inside the limit.
    /// </summary>
    public double? FallbackShare { get; set; }

    /// <summary>
    /// The most acquisitions of one limiter that may wait for a permit at once; a further one is refused at once
    /// with a lease that is not acquired and carries <see cref="System.Threading.RateLimiting.MetadataName.RetryAfter"/>
    /// (the client turns it into an <see cref="ExchangeRateLimitException"/>). Zero means no waiting. Zero or more;
    /// unbounded (<see cref="int.MaxValue"/>) by default.
    /// </summary>
    public int QueueLimit { get; set; } = int.MaxValue;

    /// <summary>A copy of these settings.</summary>
    internal RedisRateLimitOptions Clone() => (RedisRateLimitOptions)MemberwiseClone();

    /// <summary>Checks every setting against the ranges documented above.</summary>
    /// <param name="permitLimit">The limit the settings will be used with (for the fallback's share).</param>
    /// <exception cref="ArgumentException">A setting is out of range; the message names it and says why.</exception>
    internal void Validate(int permitLimit)
    {
        if (string.IsNullOrWhiteSpace(KeyPrefix) || KeyPrefix.Any(char.IsWhiteSpace))
        {
            throw Invalid(nameof(KeyPrefix), "must be a non-empty text without whitespace", KeyPrefix);
        }

        if (SafetyMargin < TimeSpan.Zero || SafetyMargin > TimeSpan.FromHours(1))
        {
            throw Invalid(nameof(SafetyMargin), "must be between zero and 1 hour", SafetyMargin);
        }

        if (MaxInFlight <= TimeSpan.Zero || MaxInFlight > TimeSpan.FromDays(1))
        {
            throw Invalid(nameof(MaxInFlight), "must be greater than zero and at most 1 day", MaxInFlight);
        }

        if (OperationTimeout <= TimeSpan.Zero || OperationTimeout > TimeSpan.FromMinutes(1))
        {
            throw Invalid(nameof(OperationTimeout), "must be greater than zero and at most 1 minute", OperationTimeout);
        }

        if (FallbackShare is double share)
        {
            if (!(share > 0 && share <= 1))
            {
                throw Invalid(nameof(FallbackShare), "must be null (no fallback) or greater than 0 and at most 1", share);
            }

            if (FallbackPermits(permitLimit) < 1)
            {
                throw Invalid(
                    nameof(FallbackShare),
                    string.Create(CultureInfo.InvariantCulture, $"leaves no permit of a limit of {permitLimit} (floor({permitLimit} × {share}) = 0); raise it or use no fallback"),
                    share);
            }
        }

        if (QueueLimit < 0)
        {
            throw Invalid(nameof(QueueLimit), "must be zero or more", QueueLimit);
        }
    }

    /// <summary>The fallback's permits: floor(permitLimit × share), 0 without a fallback.</summary>
    internal int FallbackPermits(int permitLimit) =>
        // Why the epsilon: 3 × (1.0 / 3) is 0.999… in binary floating point; a share of one third of 3 is 1 permit.
        FallbackShare is double share ? (int)Math.Floor((permitLimit * share) + 1e-9) : 0;

    private static ArgumentException Invalid(string name, string rule, object? value) =>
        new(string.Create(CultureInfo.InvariantCulture, $"RedisRateLimitOptions.{name} {rule} (it is {value ?? "null"})."), name);
}
