using GeneratedClients.Bitget;
using GeneratedClients.Htx;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace GeneratedClients.Redis;

/// <summary>
/// One line of wiring that puts a client's rate limits in Redis, so that every process and machine using the same API
/// key stays, together, inside the exchange's limit: <c>services.AddHtxClient(…).UseRedisRateLimit(redis)</c>, or
/// <c>options.RateLimit.UseRedis(redis)</c> for the options constructors. Each endpoint group (Bitget's sub-account
/// assets and its accounts; HTX's reads) gets its own shared log at the spec's limit.
/// </summary>
public static class RedisRateLimitExtensions
{
    /// <summary>
    /// Makes the client's limiters shared sliding logs in <paramref name="redis"/>, one per endpoint group and API key
    /// (<see cref="RedisRateLimiter.ForKey(IConnectionMultiplexer, string, string, ExchangeRateLimit, RedisRateLimitOptions?, TimeProvider?, ILogger?)"/>).
    /// </summary>
    /// <param name="rateLimit">The client options' <see cref="ExchangeClientOptions.RateLimit"/>.</param>
    /// <param name="redis">The connection every process shares; the caller owns it. Connect with <c>abortConnect=false</c>.</param>
    /// <param name="settings">Key prefix, fallback, timeouts; the defaults when null. Copied now and checked when the first limiter is made.</param>
    /// <param name="logger">Receives a line when Redis stops and starts answering (never a key); none when null.</param>
    /// <returns><paramref name="rateLimit"/>, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="rateLimit"/> or <paramref name="redis"/> is null.</exception>
    public static ExchangeRateLimitOptions UseRedis(this ExchangeRateLimitOptions rateLimit, IConnectionMultiplexer redis, RedisRateLimitOptions? settings = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(rateLimit);
        ArgumentNullException.ThrowIfNull(redis);
        var copy = (settings ?? new RedisRateLimitOptions()).Clone();
        rateLimit.LimiterFactory = (group, limit, apiKey, time) => RedisRateLimiter.ForKey(redis, group, apiKey, limit, copy, time, logger);
        return rateLimit;
    }

    /// <summary>
    /// Shares the limits of the client registered by <c>AddBitgetClient</c> or <c>AddHtxClient</c> through <paramref name="redis"/>.
    /// </summary>
    /// <param name="builder">What <c>AddBitgetClient</c> or <c>AddHtxClient</c> returned.</param>
    /// <param name="redis">The connection every process shares; the caller owns it. Connect with <c>abortConnect=false</c>.</param>
    /// <param name="settings">Key prefix, fallback, timeouts; the defaults when null.</param>
    /// <returns><paramref name="builder"/>, for chaining.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="builder"/> is not a GeneratedClients exchange client.</exception>
    public static IHttpClientBuilder UseRedisRateLimit(this IHttpClientBuilder builder, IConnectionMultiplexer redis, RedisRateLimitOptions? settings = null)
    {
        ArgumentNullException.ThrowIfNull(redis);
        return Use(builder, _ => redis, settings);
    }

    /// <summary>
    /// Shares the limits of the client registered by <c>AddBitgetClient</c> or <c>AddHtxClient</c> through the Redis at
    /// <paramref name="configuration"/> (StackExchange.Redis syntax, e.g. <c>redis.internal:6379,password=…</c>). The
    /// container opens one connection per configuration on first use (with <c>abortConnect=false</c>, so it starts and
    /// reconnects while Redis is down) and closes it when disposed.
    /// </summary>
    /// <param name="builder">What <c>AddBitgetClient</c> or <c>AddHtxClient</c> returned.</param>
    /// <param name="configuration">The Redis configuration string.</param>
    /// <param name="settings">Key prefix, fallback, timeouts; the defaults when null.</param>
    /// <returns><paramref name="builder"/>, for chaining.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="configuration"/> is empty or not a valid configuration, or <paramref name="builder"/> is not a GeneratedClients exchange client.</exception>
    public static IHttpClientBuilder UseRedisRateLimit(this IHttpClientBuilder builder, string configuration, RedisRateLimitOptions? settings = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(configuration);
        ConfigurationOptions parsed;
        try
        {
            parsed = ConfigurationOptions.Parse(configuration);
        }
        catch (ArgumentException)
        {
            // The message of StackExchange.Redis quotes the offending part, which may be a password: say only what is wrong.
            throw new ArgumentException("The Redis configuration string is not valid (StackExchange.Redis syntax: host:port[,option=value…]).", nameof(configuration));
        }

        parsed.AbortOnConnectFail = false;
        builder.Services.AddSingleton<RedisConnections>();
        return Use(builder, provider => provider.GetRequiredService<RedisConnections>().For(parsed), settings);
    }

    private static IHttpClientBuilder Use(IHttpClientBuilder builder, Func<IServiceProvider, IConnectionMultiplexer> redis, RedisRateLimitOptions? settings)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var copy = (settings ?? new RedisRateLimitOptions()).Clone();
        switch (builder.Name)
        {
            case BitgetClient.ExchangeName:
                Configure<BitgetClientOptions>(builder.Services, redis, copy);
                break;
            case HtxClient.ExchangeName:
                Configure<HtxClientOptions>(builder.Services, redis, copy);
                break;
            default:
                throw new ArgumentException($"UseRedisRateLimit goes after AddBitgetClient or AddHtxClient (this builder is for \"{builder.Name}\").", nameof(builder));
        }

        return builder;
    }

    private static void Configure<TOptions>(IServiceCollection services, Func<IServiceProvider, IConnectionMultiplexer> redis, RedisRateLimitOptions settings)
        where TOptions : ExchangeClientOptions =>
        services.AddSingleton<IConfigureOptions<TOptions>>(provider => new ConfigureOptions<TOptions>(options =>
            options.RateLimit.UseRedis(redis(provider), settings, provider.GetService<ILoggerFactory>()?.CreateLogger(typeof(RedisRateLimiter)))));
}
