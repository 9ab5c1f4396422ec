using System.Diagnostics;
using GeneratedClients.Redis;

namespace GeneratedClients.RedisTests.Support;

/// <summary>Small helpers of the Redis tests.</summary>
internal static class Limiters
{
    /// <summary>A key prefix of its own per test, so that no two tests share a log.</summary>
    public static string UniquePrefix() => "test:" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>Settings with a fresh prefix and a small safety margin.</summary>
    public static RedisRateLimitOptions Options(TimeSpan? margin = null) => new()
    {
        KeyPrefix = UniquePrefix(),
        SafetyMargin = margin ?? TimeSpan.FromMilliseconds(20),
    };

    /// <summary>Now, as UTC ticks of the wall clock: the clock Redis's TIME reads on this machine.</summary>
    public static long Now() => DateTime.UtcNow.Ticks;

    /// <summary>Waits until <paramref name="condition"/> holds, polling; fails the test with <paramref name="what"/> after <paramref name="timeout"/>.</summary>
    public static async Task EventuallyAsync(Func<bool> condition, TimeSpan timeout, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(clock.Elapsed < timeout, $"Not within {timeout.TotalSeconds} s: {what}");
            await Task.Delay(20);
        }
    }
}
