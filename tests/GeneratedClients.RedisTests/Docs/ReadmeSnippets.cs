// The code blocks of src/GeneratedClients.Redis/README.md, compiled (and run against the tests' Redis by ReadmeTests).
// ReadmeTests checks that every ```csharp block of that README appears here verbatim, so its code cannot rot.
using GeneratedClients.Htx;
using GeneratedClients.Redis;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace GeneratedClients.RedisTests.Docs;

internal static class ReadmeSnippets
{
    public static async Task<(HtxClient Client, IConnectionMultiplexer Redis)> GettingStarted(string redisEndpoint, string accessKey, string secretKey, HttpClient httpClient)
    {
        // --- getting started ---
        // One connection per process, shared by every limiter; abortConnect=false lets it start and reconnect while Redis is down.
        var redis = await ConnectionMultiplexer.ConnectAsync($"{redisEndpoint},abortConnect=false");

        var options = new HtxClientOptions { AccessKey = accessKey, SecretKey = secretKey };
        options.RateLimit.UseRedis(redis);
        var htx = new HtxClient(httpClient, options);
        // --- end ---
        return (htx, redis);
    }

    public static void DependencyInjection(IServiceCollection services, IConfiguration configuration, string redisConfiguration)
    {
        // --- dependency injection ---
        services.AddHtxClient(configuration.GetSection("Htx")).UseRedisRateLimit(redisConfiguration);
        services.AddBitgetClient(configuration.GetSection("Bitget")).UseRedisRateLimit(redisConfiguration);
        // --- end ---
    }

    public static RedisSlidingLogRateLimiter Settings(IConnectionMultiplexer redis, string accessKey, ILogger logger)
    {
        // --- settings ---
        var settings = new RedisRateLimitOptions
        {
            MaxInFlight = TimeSpan.FromMinutes(1),       // an unanswered request counts at most this long (+ a window)
            OperationTimeout = TimeSpan.FromSeconds(2),  // one Redis round trip; then a RateLimiterUnavailable error (or the fallback)
            FallbackShare = 1.0 / 3,                     // three processes share the key: each keeps a third while Redis is down
        };
        var limiter = RedisRateLimiter.ForKey(redis, "HTX", accessKey, ExchangeRateLimits.HtxRead, settings, logger: logger);
        // --- end ---
        return limiter;
    }
}
