using System.Globalization;
using GeneratedClients.Redis;
using GeneratedClients.RedisTests.Support;

namespace GeneratedClients.RedisTests;

/// <summary>A process that dies holding leases releases nothing early and blocks nobody forever.</summary>
[Collection(SharedRedisServer.Name)]
public sealed class CrashTests(RedisServer redis)
{
    [Fact]
    public async Task A_killed_process_keeps_its_grants_counted_until_their_in_flight_bound_and_no_longer()
    {
        var options = Limiters.Options();
        options.MaxInFlight = TimeSpan.FromSeconds(2);
        var window = TimeSpan.FromMilliseconds(300);
        using var worker = WorkerProcess.Start(
            "hold", "--redis", redis.Endpoint, "--prefix", options.KeyPrefix, "--exchange", "htx", "--key", "crashing-key",
            "--limit", "3", "--window-ms", "300", "--margin-ms", "20", "--max-in-flight-ms", "2000", "--count", "3");
        var before = long.Parse((await worker.ReadLineAsync(TimeSpan.FromSeconds(20))).Split(' ')[1], CultureInfo.InvariantCulture);
        Assert.Equal("held", await worker.ReadLineAsync(TimeSpan.FromSeconds(20)));

        worker.KillHard();

        using var connection = await redis.ConnectAsync();
        using var limiter = RedisRateLimiter.ForKey(connection, "htx", "crashing-key", 3, window, options);
        using (var refused = limiter.AttemptAcquire())
        {
            Assert.False(refused.IsAcquired, "The dead process's grants were released at once.");
        }

        using var bounded = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        using var lease = await limiter.AcquireAsync(1, bounded.Token);
        var granted = Limiters.Now();

        Assert.True(lease.IsAcquired);
        var earliest = before + (options.MaxInFlight + window + options.SafetyMargin).Ticks;
        Assert.True(granted >= earliest, $"Granted {(earliest - granted) / TimeSpan.TicksPerMillisecond} ms before the dead grants' in-flight bound ran out.");
    }
}
