using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace GeneratedClients.Redis;

/// <summary>
/// Builds the rate limiter that keeps every process and machine using one API key, together, inside the limit
/// the exchange applies to that key.
/// </summary>
/// <example>
/// <code>
/// var redis = await ConnectionMultiplexer.ConnectAsync("redis.internal:6379,abortConnect=false");
/// var options = new HtxClientOptions { AccessKey = accessKey, SecretKey = secretKey };
/// options.RateLimit.Limiter = RedisRateLimiter.ForKey(redis, "HTX", accessKey, ExchangeRateLimits.HtxRead);
/// var client = new HtxClient(httpClient, options);
/// </code>
/// </example>
public static class RedisRateLimiter
{
    // One fallback limiter per Redis key and shape in this process, so that every limiter of the process for one
    // key keeps, together, to the fallback's share. Keyed by the Redis key, which holds only the key's hash.
    private static readonly ConcurrentDictionary<string, Lazy<SlidingLogRateLimiter>> Fallbacks = new(StringComparer.Ordinal);

    /// <summary>Creates a limiter for <paramref name="apiKey"/> on <paramref name="exchange"/> at the exchange's documented limit.</summary>
    /// <param name="redis">The connection to the Redis every process shares (database 0 of it); the caller owns and disposes it. Connect with <c>abortConnect=false</c> so that it reconnects by itself.</param>
    /// <param name="exchange">The exchange (or exchange and endpoint group) the limit belongs to, e.g. <c>"HTX"</c>: letters, digits, '-', '_' or '.'; compared ignoring case.</param>
    /// <param name="apiKey">The API key (HTX access key, Bitget API key) the exchange counts requests against. Only its SHA-256 is used; it is not kept.</param>
    /// <param name="limit">The documented limit, e.g. <see cref="ExchangeRateLimits.HtxRead"/> (72 per 3 s) or <see cref="ExchangeRateLimits.BitgetSubAccountAssets"/> (1 per 10 s).</param>
    /// <param name="options">The settings; the defaults when null. Validated and copied.</param>
    /// <param name="timeProvider">The clock the limiter waits with (Redis's clock decides); <see cref="TimeProvider.System"/> when null.</param>
    /// <param name="logger">Receives a line when Redis stops and starts answering; never a key or its hash. None when null.</param>
    /// <returns>A new limiter; give it to a client as <see cref="ExchangeRateLimitOptions.Limiter"/>. Disposing it does not close <paramref name="redis"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="redis"/>, <paramref name="exchange"/> or <paramref name="apiKey"/> is null.</exception>
    /// <exception cref="ArgumentException">An argument or setting is invalid; the message names it.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="limit"/> has fewer than 1 permit or a window that is not positive.</exception>
    public static RedisSlidingLogRateLimiter ForKey(
        IConnectionMultiplexer redis,
        string exchange,
        string apiKey,
        ExchangeRateLimit limit,
        RedisRateLimitOptions? options = null,
        TimeProvider? timeProvider = null,
        ILogger? logger = null) =>
        ForKey(redis, exchange, apiKey, limit.PermitLimit, limit.Window, options, timeProvider, logger);

    /// <summary>Creates a limiter for <paramref name="apiKey"/> on <paramref name="exchange"/>: at most <paramref name="permitLimit"/> requests in any <paramref name="window"/> (plus the safety margin).</summary>
    /// <param name="redis">The connection to the Redis every process shares (database 0 of it); the caller owns and disposes it. Connect with <c>abortConnect=false</c> so that it reconnects by itself.</param>
    /// <param name="exchange">The exchange (or exchange and endpoint group) the limit belongs to, e.g. <c>"HTX"</c>: letters, digits, '-', '_' or '.'; compared ignoring case.</param>
    /// <param name="apiKey">The API key the exchange counts requests against. Only its SHA-256 is used; it is not kept.</param>
    /// <param name="permitLimit">The most requests in any <paramref name="window"/>; at least 1. Every process sharing the key must use the same limit.</param>
    /// <param name="window">The exchange's window; greater than zero and at most 1 day.</param>
    /// <param name="options">The settings; the defaults when null. Validated and copied.</param>
    /// <param name="timeProvider">The clock the limiter waits with (Redis's clock decides); <see cref="TimeProvider.System"/> when null.</param>
    /// <param name="logger">Receives a line when Redis stops and starts answering; never a key or its hash. None when null.</param>
    /// <returns>A new limiter; give it to a client as <see cref="ExchangeRateLimitOptions.Limiter"/>. Disposing it does not close <paramref name="redis"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="redis"/>, <paramref name="exchange"/> or <paramref name="apiKey"/> is null.</exception>
    /// <exception cref="ArgumentException">An argument or setting is invalid; the message names it.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="permitLimit"/> or <paramref name="window"/> is out of range.</exception>
    public static RedisSlidingLogRateLimiter ForKey(
        IConnectionMultiplexer redis,
        string exchange,
        string apiKey,
        int permitLimit,
        TimeSpan window,
        RedisRateLimitOptions? options = null,
        TimeProvider? timeProvider = null,
        ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(redis);
        ArgumentNullException.ThrowIfNull(exchange);
        ArgumentNullException.ThrowIfNull(apiKey);
        if (exchange.Length == 0 || !exchange.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            throw new ArgumentException($"The exchange name must be one or more letters, digits, '-', '_' or '.' (it is \"{exchange}\").", nameof(exchange));
        }

        if (apiKey.Length == 0)
        {
            throw new ArgumentException("The API key must not be empty.", nameof(apiKey));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(permitLimit, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(window, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(window, TimeSpan.FromDays(1));
        var settings = (options ?? new RedisRateLimitOptions()).Clone();
        settings.Validate(permitLimit);
        var time = timeProvider ?? TimeProvider.System;

        var key = string.Join(':', settings.KeyPrefix, exchange.ToLowerInvariant(), Fingerprint(apiKey));
        SlidingLogRateLimiter? fallback = null;
        if (settings.FallbackShare is not null)
        {
            var permits = settings.FallbackPermits(permitLimit);
            var margin = settings.SafetyMargin;
            fallback = Fallbacks.GetOrAdd(
                string.Join('|', key, permits, window.Ticks, margin.Ticks),
                _ => new Lazy<SlidingLogRateLimiter>(() => new SlidingLogRateLimiter(permits, window, time, margin), LazyThreadSafetyMode.ExecutionAndPublication)).Value;
        }

        return new RedisSlidingLogRateLimiter(redis.GetDatabase(), exchange, key, permitLimit, window, settings, fallback, time, logger);
    }

    /// <summary>The lower-case hex SHA-256 of the key's UTF-8 bytes; the bytes are wiped after hashing.</summary>
    private static string Fingerprint(string apiKey)
    {
        var bytes = Encoding.UTF8.GetBytes(apiKey);
        try
        {
            Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
            SHA256.HashData(bytes, hash);
            return Convert.ToHexStringLower(hash);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
        }
    }
}
