using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using GeneratedClients.Htx;
using GeneratedClients.Redis;
using GeneratedClients.RedisTests.Support;
using GeneratedClients.Simulator;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace GeneratedClients.RedisTests;

/// <summary>Redis stops in the middle of a sweep and comes back: typed errors, not retried (or the opted-in fallback), then Redis again.</summary>
[Collection(SharedRedisServer.Name)]
public sealed class OutageTests(RedisServer redis) : IAsyncLifetime
{
    private static readonly TimeSpan Window = TimeSpan.FromMilliseconds(500);

    public Task InitializeAsync() => Task.CompletedTask;

    // Whatever a test did, the next one finds the server running.
    public async Task DisposeAsync()
    {
        redis.Stop();
        await redis.StartAsync();
    }

    [Fact]
    public async Task Without_a_fallback_an_outage_fails_each_acquisition_fast_as_RateLimiterUnavailable_and_calls_resume_after_it()
    {
        using var connection = await redis.ConnectAsync();
        var options = Limiters.Options();
        options.OperationTimeout = TimeSpan.FromSeconds(1);
        using var limiter = RedisRateLimiter.ForKey(connection, "HTX", "outage-key", 5, Window, options);
        var failures = new ConcurrentQueue<(Exception Error, TimeSpan Took)>();
        var phase = 0; // 0 before the outage, 1 during, 2 after the restart
        var served = new int[3];
        using var stop = new CancellationTokenSource();

        var sweep = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var clock = Stopwatch.StartNew();
                try
                {
                    using var lease = await limiter.AcquireAsync(1, stop.Token);
                    Assert.True(lease.IsAcquired);
                    Interlocked.Increment(ref served[Volatile.Read(ref phase)]);
                    await Task.Delay(10, stop.Token);
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception e)
                {
                    failures.Enqueue((e, clock.Elapsed));
                    await Task.Delay(20);
                }
            }
        })).ToArray();

        await Limiters.EventuallyAsync(() => Volatile.Read(ref served[0]) >= 5, TimeSpan.FromSeconds(10), "the sweep is served before the outage");
        redis.Stop();
        Volatile.Write(ref phase, 1);
        await Limiters.EventuallyAsync(() => failures.Count >= 8, TimeSpan.FromSeconds(15), "acquisitions fail during the outage");
        await redis.StartAsync();
        Volatile.Write(ref phase, 2);
        await Limiters.EventuallyAsync(() => Volatile.Read(ref served[2]) >= 5, TimeSpan.FromSeconds(20), "acquisitions are served again after the restart");
        await stop.CancelAsync();
        await Task.WhenAll(sweep);

        Assert.All(failures, failure =>
        {
            var error = Assert.IsType<ExchangeApiException>(failure.Error);
            Assert.Equal(ExchangeErrorCategory.RateLimiterUnavailable, error.Category);
            Assert.False(error.IsTransient);
            Assert.Equal("HTX", error.Exchange);
            // The library's explanation is the message; the exchange said nothing, so ExchangeMessage is null.
            Assert.Null(error.ExchangeMessage);
            Assert.StartsWith("HTX failed: the shared rate limit in Redis could not be checked (", error.Message, StringComparison.Ordinal);
            Assert.Contains("operation timeout 1000 ms), so the request was not sent", error.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("said:", error.Message, StringComparison.Ordinal);
            Assert.True(failure.Took < options.OperationTimeout + TimeSpan.FromSeconds(1.5), $"A failure took {failure.Took.TotalMilliseconds} ms.");
        });
        Assert.False(limiter.IsUsingFallback);
    }

    [Fact]
    public async Task With_a_fallback_share_an_outage_is_served_locally_at_that_share_logged_and_left_when_Redis_answers()
    {
        const string apiKey = "fallback-key-7d1e";
        using var connection = await redis.ConnectAsync();
        var options = Limiters.Options();
        options.OperationTimeout = TimeSpan.FromMilliseconds(500);
        options.FallbackShare = 0.4;
        var logger = new FakeLogger();
        using var limiter = RedisRateLimiter.ForKey(connection, "HTX", apiKey, 5, Window, options, logger: logger);
        Assert.Equal(2, limiter.FallbackPermitLimit);
        using (var before = await limiter.AcquireAsync(1))
        {
            Assert.True(before.IsAcquired);
        }

        redis.Stop();
        var requests = new ConcurrentBag<Request>();
        await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(async () =>
        {
            for (var i = 0; i < 2; i++)
            {
                using var lease = await limiter.AcquireAsync(1);
                Assert.True(lease.IsAcquired);
                var granted = Limiters.Now();
                await Task.Delay(Random.Shared.Next(0, 20));
                requests.Add(new Request(granted, Limiters.Now()));
            }
        })));

        Assert.True(limiter.IsUsingFallback);
        Assert.Null(RequestLog.FindOverfullWindow([.. requests], 2, Window + options.SafetyMargin));

        await redis.StartAsync();
        await Limiters.EventuallyAsync(
            () =>
            {
                using var lease = limiter.AttemptAcquire();
                return !limiter.IsUsingFallback;
            },
            TimeSpan.FromSeconds(20),
            "the limiter uses Redis again");
        Assert.True(await connection.GetDatabase().KeyExistsAsync(limiter.Key), "Redis holds no log after the restart.");

        var lines = logger.Collector.GetSnapshot();
        Assert.Contains(lines, r => r.Level == LogLevel.Warning && r.Message.Contains("fallback", StringComparison.Ordinal));
        Assert.Contains(lines, r => r.Level == LogLevel.Information && r.Message.Contains("answers again", StringComparison.Ordinal));
        var fingerprint = limiter.Key.Split(':')[^1];
        Assert.All(lines, r =>
        {
            Assert.DoesNotContain(apiKey, r.Message, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(fingerprint, r.Message, StringComparison.OrdinalIgnoreCase);
        });
    }

    [Fact]
    public async Task A_client_call_while_Redis_is_down_fails_once_as_RateLimiterUnavailable_unretried_and_sends_nothing()
    {
        using var connection = await redis.ConnectAsync();
        var settings = Limiters.Options(); // OperationTimeout: the default 3 s
        var exchange = new CountingHandler();
        using var http = new HttpClient(exchange);
        var registry = new RateLimiterRegistry();
        var options = new HtxClientOptions
        {
            AccessKey = "client-access-key",
            SecretKey = "client-secret-key",
            BaseAddress = new Uri("http://127.0.0.1:9/"),
        };
        options.RateLimit.Registry = registry;
        options.RateLimit.UseRedis(connection, settings);
        options.ClockSync.Enabled = false; // so that the only request the call could send is the call itself

        // The default retries (3, from 0.5 s, exponential) would retry a transient error for seconds more; this one is not.
        Assert.True(options.Retry.Enabled);
        Assert.Equal(3, options.Retry.MaxRetries);
        var client = new HtxClient(http, options);

        redis.Stop();
        var clock = Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<ExchangeApiException>(() => client.GetCrossSubAccountInfoAsync(10_000_001, "USDT"));
        clock.Stop();

        Assert.Equal(ExchangeErrorCategory.RateLimiterUnavailable, error.Category);
        Assert.False(error.IsTransient);
        Assert.Null(error.ExchangeMessage);
        Assert.Contains("the shared rate limit in Redis could not be checked", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, exchange.Requests);

        // One attempt, not retried: the limiter UseRedis made for the client (the registry's) was asked once and failed once.
        var limiter = Assert.IsType<RedisSlidingLogRateLimiter>(
            registry.GetOrAdd(HtxClient.ExchangeName, options.AccessKey, () => throw new InvalidOperationException("The client made no limiter.")));
        var statistics = limiter.GetStatistics()!;
        Assert.Equal(1, statistics.TotalFailedLeases);
        Assert.Equal(0, statistics.TotalSuccessfulLeases);
        Assert.True(clock.Elapsed < 2 * settings.OperationTimeout, $"The call failed after {clock.Elapsed.TotalSeconds:0.0} s (operation timeout {settings.OperationTimeout.TotalSeconds} s).");
        Assert.DoesNotContain(options.AccessKey, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_htx_sweep_hit_by_an_outage_fails_the_affected_sub_accounts_typed_and_the_same_client_sweeps_them_once_Redis_is_back()
    {
        const int Limit = 5;
        await using var simulator = await SimulatorHost.StartAsync(new SimulatorOptions
        {
            HtxAccessKey = "sweep-outage-" + Guid.NewGuid().ToString("N")[..8],
            HtxRateLimitPermits = Limit,
            HtxRateLimitWindow = Window,
        });
        using var connection = await redis.ConnectAsync();
        var settings = Limiters.Options();
        settings.OperationTimeout = TimeSpan.FromMilliseconds(500);
        var options = new HtxClientOptions
        {
            AccessKey = simulator.Options.HtxAccessKey,
            SecretKey = simulator.Options.HtxSecretKey,
            BaseAddress = simulator.BaseAddress,
        };
        options.RateLimit.Registry = new RateLimiterRegistry();
        options.RateLimit.PermitLimit = Limit;
        options.RateLimit.Window = Window;
        options.RateLimit.UseRedis(connection, settings);
        using var http = new HttpClient();
        var client = new HtxClient(http, options);
        var uids = simulator.Accounts.HtxSubAccountUids.Take(30).ToList();
        var servedEnough = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var progress = new InlineProgress(p =>
        {
            if (p.Completed - p.Failed >= 8)
            {
                servedEnough.TrySetResult();
            }
        });

        var sweep = client.GetCrossSubAccountInfoAsync(uids, "USDT", progress);
        await servedEnough.Task.WaitAsync(TimeSpan.FromSeconds(30));
        redis.Stop();
        var outcomes = await sweep.WaitAsync(TimeSpan.FromSeconds(60)); // the sweep itself never throws a Redis exception

        Assert.Equal(uids, outcomes.Select(o => o.SubUid));
        var failed = outcomes.Where(o => !o.Succeeded).ToList();
        Assert.InRange(outcomes.Count(o => o.Succeeded), 8, uids.Count - 1);
        Assert.All(failed, outcome =>
        {
            // The typed error of the library, never a raw Redis exception.
            var error = Assert.IsType<ExchangeApiException>(outcome.Error);
            Assert.Equal(ExchangeErrorCategory.RateLimiterUnavailable, error.Category);
            Assert.Null(error.ExchangeMessage);
        });
        // What failed was not sent: the simulator received exactly the calls that succeeded, and refused none.
        Assert.Equal(uids.Count - failed.Count, simulator.Statistics.RequestsTo(SimulatorEndpoint.HtxCrossSubAccountInfo).Count);
        Assert.Equal(0, simulator.Statistics.Htx.RateLimited);

        await redis.StartAsync();
        await Limiters.EventuallyAsync(() => connection.IsConnected, TimeSpan.FromSeconds(20), "the connection is back");
        // Why wait a window: the restarted Redis (no persistence) has lost the log, while the simulator still counts its last window.
        await Task.Delay(Window + settings.SafetyMargin);
        var again = await client.GetCrossSubAccountInfoAsync(failed.Select(o => o.SubUid), "USDT");

        Assert.Equal(failed.Select(o => o.SubUid), again.Select(o => o.SubUid));
        Assert.All(again, outcome => Assert.True(outcome.Succeeded, outcome.Error?.ToString()));
        Assert.Equal(0, simulator.Statistics.Htx.RateLimited);
    }

    /// <summary>Reports on the sweep's own thread, at once (Progress&lt;T&gt; would post to the thread pool).</summary>
    private sealed class InlineProgress(Action<HtxSweepProgress> report) : IProgress<HtxSweepProgress>
    {
        public void Report(HtxSweepProgress value) => report(value);
    }

    private sealed class CountingHandler : HttpMessageHandler
    {
        private int _requests;

        public int Requests => Volatile.Read(ref _requests);

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _requests);
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.ServiceUnavailable));
        }
    }
}
