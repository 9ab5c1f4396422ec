using System.Security.Cryptography;
using System.Text;
using System.Threading.RateLimiting;
using GeneratedClients.Redis;
using GeneratedClients.RedisTests.Support;
using StackExchange.Redis;

namespace GeneratedClients.RedisTests;

/// <summary>What the limit leaves in Redis: one key per exchange and API key, no secret, gone by itself.</summary>
[Collection(SharedRedisServer.Name)]
public sealed class KeyTests(RedisServer redis)
{
    private static readonly TimeSpan LongWindow = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Two_api_keys_and_two_exchanges_have_limits_of_their_own_and_one_key_shares_its_limit_across_limiters()
    {
        using var connection = await redis.ConnectAsync();
        var options = Limiters.Options();
        using var first = RedisRateLimiter.ForKey(connection, "htx", "api-key-one", 3, LongWindow, options);
        using var second = RedisRateLimiter.ForKey(connection, "htx", "api-key-two", 3, LongWindow, options);
        using var otherExchange = RedisRateLimiter.ForKey(connection, "bitget", "api-key-one", 3, LongWindow, options);
        using var sameKeyAgain = RedisRateLimiter.ForKey(connection, "HTX", "api-key-one", 3, LongWindow, options);

        var held = Enumerable.Range(0, 3).Select(_ => first.AttemptAcquire()).ToList();
        Assert.All(held, lease => Assert.True(lease.IsAcquired));

        using (var refused = sameKeyAgain.AttemptAcquire())
        {
            Assert.False(refused.IsAcquired);
            Assert.True(refused.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter));
            Assert.InRange(retryAfter, TimeSpan.FromMilliseconds(1), LongWindow + options.SafetyMargin);
        }

        Assert.All(Enumerable.Range(0, 3).Select(_ => second.AttemptAcquire()), lease => Assert.True(lease.IsAcquired));
        Assert.All(Enumerable.Range(0, 3).Select(_ => otherExchange.AttemptAcquire()), lease => Assert.True(lease.IsAcquired));
        Assert.Equal(sameKeyAgain.Key, first.Key);
        Assert.Equal(3, new[] { first.Key, second.Key, otherExchange.Key }.Distinct().Count());
    }

    [Fact]
    public async Task No_Redis_key_or_value_holds_the_api_key()
    {
        const string apiKey = "live-Key-4f1c9a77-SECRET";
        using var connection = await redis.ConnectAsync();
        var options = Limiters.Options();
        options.FallbackShare = 0.5;
        using var limiter = RedisRateLimiter.ForKey(connection, "htx", apiKey, 2, TimeSpan.FromMilliseconds(300), options);
        for (var i = 0; i < 3; i++)
        {
            using var lease = await limiter.AcquireAsync(1);
            Assert.True(lease.IsAcquired);
        }

        using var kept = await limiter.AcquireAsync(1);
        using var cancelled = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            using var lease1 = await limiter.AcquireAsync(1);
            using var lease2 = await limiter.AcquireAsync(1, cancelled.Token);
        });

        var expectedHash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(apiKey)));
        Assert.Equal($"{options.KeyPrefix}:htx:{expectedHash}", limiter.Key);

        var database = connection.GetDatabase();
        var secretBytes = Encoding.UTF8.GetBytes(apiKey);
        var keys = new List<RedisKey>();
        await foreach (var key in connection.GetServer(redis.Endpoint).KeysAsync(pattern: "*"))
        {
            keys.Add(key);
            Assert.DoesNotContain(apiKey, key.ToString(), StringComparison.OrdinalIgnoreCase);
            var dump = await database.KeyDumpAsync(key) ?? [];
            Assert.True(dump.AsSpan().IndexOf(secretBytes) < 0, $"The value of {key} holds the API key.");
            if (await database.KeyTypeAsync(key) == RedisType.SortedSet)
            {
                foreach (var entry in await database.SortedSetRangeByRankWithScoresAsync(key))
                {
                    Assert.Matches("^[0-9a-f]{32}:[0-9]+$", entry.Element.ToString());
                }
            }
        }

        Assert.Contains((RedisKey)limiter.Key, keys);
    }

    [Fact]
    public async Task The_log_lives_as_long_as_its_grants_count_and_then_expires_by_itself()
    {
        using var connection = await redis.ConnectAsync();
        var database = connection.GetDatabase();
        var options = Limiters.Options();
        options.MaxInFlight = TimeSpan.FromSeconds(1);
        var window = TimeSpan.FromMilliseconds(200);
        using var limiter = RedisRateLimiter.ForKey(connection, "htx", "expiring-key", 2, window, options);
        var span = window + options.SafetyMargin;

        var lease = await limiter.AcquireAsync(1);
        var inFlight = await database.KeyTimeToLiveAsync(limiter.Key);
        Assert.NotNull(inFlight);
        Assert.InRange(inFlight.Value, options.MaxInFlight, options.MaxInFlight + span + TimeSpan.FromMilliseconds(2));

        lease.Dispose();
        await Limiters.EventuallyAsync(
            () => database.KeyTimeToLive(limiter.Key) is { } ttl && ttl <= span + TimeSpan.FromMilliseconds(2),
            TimeSpan.FromSeconds(2),
            "the release shortens the key's life to a window");
        await Limiters.EventuallyAsync(() => !database.KeyExists(limiter.Key), TimeSpan.FromSeconds(3), "the key expires by itself");
    }
}
