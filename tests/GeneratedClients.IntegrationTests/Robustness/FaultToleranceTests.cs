using System.Diagnostics;
using GeneratedClients.Bitget;
using GeneratedClients.Htx;
using GeneratedClients.IntegrationTests.Support;
using GeneratedClients.Simulator;
using Xunit.Abstractions;

namespace GeneratedClients.IntegrationTests.Robustness;

/// <summary>
/// Faults over loopback against the simulator: the client retries transient failures within its bounds
/// (Retry:MaxRetries attempts more, Retry:MaxDelay the longest wait, Retry-After honoured up to it), gives up
/// with a typed error, and a sweep that loses its server returns every result it did get plus a typed error
/// for each sub-account it did not.
/// </summary>
public class FaultToleranceTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("bitget")]
    [InlineData("htx")]
    public async Task Latency_past_the_timeout_on_every_attempt_gives_up_after_the_allowed_retries_with_a_network_error(string exchange)
    {
        await using var host = await Sim.StartAsync(o => o.RateLimitsEnabled = false);
        host.Faults.Enqueue(new SimulatorFault(SimulatorFaultKind.Latency, Endpoint(exchange)) { Latency = TimeSpan.FromSeconds(3), Count = 10 });
        using var http = Sim.Http(host);
        var timeout = TimeSpan.FromMilliseconds(250);

        var clock = Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<ExchangeNetworkException>(() => Call(exchange, host, http, o =>
        {
            o.Timeout = timeout;
            o.Retry.MaxRetries = 2;
            o.Retry.BaseDelay = TimeSpan.FromMilliseconds(20);
        }));

        clock.Stop();
        var attempts = await ArrivedAsync(host, Endpoint(exchange), 3);
        output.WriteLine($"{exchange}: {attempts} attempts of {timeout.TotalMilliseconds} ms each, gave up after {clock.ElapsedMilliseconds} ms: {error.Message}");
        Assert.Equal(3, attempts); // the first attempt and the 2 retries allowed; not one more
        Assert.InRange(clock.Elapsed, 3 * timeout, TimeSpan.FromSeconds(2.5));
        Assert.True(error.IsTransient);
        RecordFigures($"latencyStorm.{exchange}", attempts, faults: attempts, survived: false, clock.Elapsed);
    }

    [Theory]
    [InlineData("bitget", false)]
    [InlineData("bitget", true)]
    [InlineData("htx", false)]
    [InlineData("htx", true)]
    public async Task A_connection_reset_in_the_middle_of_the_body_is_a_network_error_and_is_retried(string exchange, bool retries)
    {
        await using var host = await Sim.StartAsync(o => o.RateLimitsEnabled = false);
        // The simulator answers 200 and the start of the JSON, trickles whitespace, then aborts the connection.
        host.Faults.Enqueue(new SimulatorFault(SimulatorFaultKind.EndlessBody, Endpoint(exchange)) { EndlessInterval = TimeSpan.FromMilliseconds(20), EndlessLimit = TimeSpan.FromMilliseconds(200) });
        using var http = Sim.Http(host);

        var clock = Stopwatch.StartNew();
        var error = await Record.ExceptionAsync(() => Call(exchange, host, http, o =>
        {
            o.Retry.Enabled = retries;
            o.Retry.BaseDelay = TimeSpan.FromMilliseconds(20);
        }));

        output.WriteLine($"{exchange}, retries {(retries ? "on" : "off")}: {(error is null ? "result" : error.GetType().Name + ": " + error.Message)} after {clock.ElapsedMilliseconds} ms");
        if (retries)
        {
            Assert.Null(error);
            RecordFigures($"resetMidBody.{exchange}", await ArrivedAsync(host, Endpoint(exchange), 2), faults: 1, survived: true, clock.Elapsed);
        }
        else
        {
            var network = Assert.IsType<ExchangeNetworkException>(error);
            Assert.Equal(200, network.HttpStatus); // the headers had arrived
            Assert.True(network.IsTransient);
        }
    }

    [Theory]
    [InlineData("bitget", 3, 503, false)]
    [InlineData("bitget", 3, 502, true)]
    [InlineData("htx", 3, 500, false)]
    [InlineData("htx", 3, 504, true)]
    [InlineData("bitget", 20, 503, false)]
    [InlineData("htx", 20, 502, true)]
    public async Task A_storm_of_server_errors_is_retried_within_bounds_then_given_up_with_a_server_error(string exchange, int storm, int status, bool html)
    {
        await using var host = await Sim.StartAsync(o => o.RateLimitsEnabled = false);
        host.Faults.Enqueue(new SimulatorFault(SimulatorFaultKind.ServerError, Endpoint(exchange), storm) { StatusCode = status, HtmlBody = html });
        using var http = Sim.Http(host);

        var clock = Stopwatch.StartNew();
        var error = await Record.ExceptionAsync(() => Call(exchange, host, http, o =>
        {
            o.Retry.MaxRetries = 3;
            o.Retry.BaseDelay = TimeSpan.FromMilliseconds(10);
        }));

        clock.Stop();
        var requests = host.Statistics.RequestsTo(Endpoint(exchange));
        output.WriteLine($"{exchange}: a storm of {storm} HTTP {status}{(html ? " HTML pages" : "")}: {requests.Count} attempts, {(error is null ? "result" : error.GetType().Name)} after {clock.ElapsedMilliseconds} ms");
        if (storm <= 3)
        {
            Assert.Null(error);
            Assert.Equal(storm + 1, requests.Count);
            Assert.Equal(SimulatorOutcome.Served, requests[^1].Outcome);
        }
        else
        {
            var server = Assert.IsType<ExchangeServerException>(error);
            Assert.Equal(status, server.HttpStatus);
            Assert.Equal(4, requests.Count); // 1 + Retry:MaxRetries, then a typed error
            Assert.All(requests, r => Assert.Equal(SimulatorOutcome.Fault, r.Outcome));
        }

        RecordFigures($"serverErrorStorm.{exchange}.{storm}x{status}", requests.Count, faults: requests.Count(r => r.Outcome == SimulatorOutcome.Fault), survived: error is null, clock.Elapsed);
    }

    [Fact]
    public async Task A_storm_of_bitget_429s_without_retry_after_is_retried_on_the_backoff_and_survived()
    {
        await using var host = await Sim.StartAsync(o => o.RateLimitsEnabled = false);
        host.Faults.Enqueue(new SimulatorFault(SimulatorFaultKind.ServerError, SimulatorEndpoint.BitgetSubAccountAssets, 3) { StatusCode = 429 });
        using var http = Sim.Http(host);

        var clock = Stopwatch.StartNew();
        var result = await new BitgetClient(http, Sim.BitgetOptions(host, o =>
        {
            o.RateLimit.Enabled = false;
            o.Retry.BaseDelay = TimeSpan.FromMilliseconds(40);
            o.Retry.MaxRetries = 3;
        })).GetSubAccountAssetsAsync(BitgetProductType.UsdtFutures);

        clock.Stop();
        var requests = host.Statistics.RequestsTo(SimulatorEndpoint.BitgetSubAccountAssets);
        var gaps = Gaps(requests);
        output.WriteLine($"429 × 3 then served: gaps between attempts {string.Join(", ", gaps.Select(g => $"{g.TotalMilliseconds:0} ms"))}");
        Assert.Equal(host.Options.BitgetSubAccountCount, result.Count);
        Assert.Equal(4, requests.Count);
        Assert.All(gaps.Zip([40, 80, 160]), pair => Assert.InRange(pair.First.TotalMilliseconds, pair.Second - 5, pair.Second + 1000)); // exponential backoff
        RecordFigures("rateLimitStorm.bitget.noRetryAfter", requests.Count, faults: 3, survived: true, clock.Elapsed);
    }

    [Fact]
    public async Task A_storm_of_htx_1032s_from_the_exchange_limiter_is_retried_and_survived()
    {
        // The client's limiter is off and the exchange allows 3 reads per second: 6 concurrent calls draw 1032s.
        await using var host = await Sim.StartAsync(o =>
        {
            o.HtxRateLimitPermits = 3;
            o.HtxRateLimitWindow = TimeSpan.FromSeconds(1);
        });
        using var http = Sim.Http(host);
        var client = new HtxClient(http, Sim.HtxOptions(host, o =>
        {
            o.RateLimit.Enabled = false;
            o.ClockSync.Enabled = false;
            o.Retry.MaxRetries = 8;
            o.Retry.BaseDelay = TimeSpan.FromMilliseconds(100);
            o.Retry.MaxDelay = TimeSpan.FromSeconds(1);
        }));
        var uids = host.Accounts.HtxSubAccountUids.Take(6).ToList();

        var clock = Stopwatch.StartNew();
        var results = await Task.WhenAll(uids.Select(uid => client.GetCrossSubAccountInfoAsync(uid, "USDT")));

        clock.Stop();
        output.WriteLine($"6 concurrent calls at 3 reads/s: {host.Statistics.Htx.RateLimited} answers 1032 survived, all served after {clock.ElapsedMilliseconds} ms");
        Assert.Equal(uids, results.Select(r => r.SubUid));
        Assert.True(host.Statistics.Htx.RateLimited > 0, "the storm did not happen");
        RecordFigures("rateLimitStorm.htx.1032", (int)host.Statistics.Htx.Received, faults: (int)host.Statistics.Htx.RateLimited, survived: true, clock.Elapsed);
    }

    [Theory]
    [InlineData("bitget", 600, 2000, 600)]
    [InlineData("htx", 600, 2000, 600)]
    [InlineData("htx", 60_000, 300, 300)]
    public async Task Retry_after_from_the_exchange_is_honoured_up_to_the_longest_allowed_wait(string exchange, int retryAfterMs, int maxDelayMs, int expectedWaitMs)
    {
        // One request is allowed per 10 s on the exchange, so the second call is rate limited and must wait.
        await using var host = await Sim.StartAsync(o =>
        {
            o.BitgetRateLimitPermits = 1;
            o.HtxRateLimitPermits = 1;
            o.HtxRateLimitWindow = TimeSpan.FromSeconds(10);
        });
        using var gateway = new RetryAfterHandler(TimeSpan.FromMilliseconds(retryAfterMs));
        using var http = new HttpClient(gateway) { BaseAddress = host.BaseAddress };
        void Configure(ExchangeClientOptions o)
        {
            o.RateLimit.Enabled = false;
            o.ClockSync.Enabled = false;
            o.Retry.MaxRetries = 1;
            o.Retry.BaseDelay = TimeSpan.FromMilliseconds(10);
            o.Retry.MaxDelay = TimeSpan.FromMilliseconds(maxDelayMs);
        }

        await Call(exchange, host, http, Configure); // takes the exchange's one permit
        var error = await Assert.ThrowsAsync<ExchangeRateLimitException>(() => Call(exchange, host, http, Configure));

        var attempts = host.Statistics.RequestsTo(Endpoint(exchange)).Skip(1).ToList();
        var wait = Gaps(attempts).Single();
        output.WriteLine($"{exchange}: Retry-After {retryAfterMs} ms, MaxDelay {maxDelayMs} ms: waited {wait.TotalMilliseconds:0} ms before the retry; then {error.GetType().Name} with RetryAfter {error.RetryAfter?.TotalMilliseconds} ms");
        Assert.Equal(2, attempts.Count);
        // Honoured: never sooner than asked (nor than MaxDelay when it asks for more); the upper bound only absorbs machine stalls.
        Assert.InRange(wait.TotalMilliseconds, expectedWaitMs - 15, expectedWaitMs + 1200);
        Assert.True(wait < TimeSpan.FromMilliseconds(retryAfterMs) || retryAfterMs <= maxDelayMs, "a Retry-After beyond Retry:MaxDelay was not capped");
        Assert.Equal(TimeSpan.FromMilliseconds(retryAfterMs), error.RetryAfter);
        Assert.True(gateway.Added >= 2);
        RecordFigures($"retryAfter.{exchange}.{retryAfterMs}ms.max{maxDelayMs}ms", attempts.Count, faults: 2, survived: false, wait);
    }

    [Fact]
    public async Task A_sweep_whose_server_disappears_returns_every_result_it_got_and_a_typed_error_for_each_other()
    {
        await using var host = await Sim.StartAsync(o =>
        {
            o.HtxRateLimitPermits = 50;
            o.HtxRateLimitWindow = TimeSpan.FromSeconds(1);
        });
        var uids = host.Accounts.HtxSubAccountUids.Take(100).ToList();
        var expected = uids.ToDictionary(uid => uid, uid => host.Accounts.Htx(uid)!);
        using var http = new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        var client = new HtxClient(http, Sim.HtxOptions(host, o =>
        {
            o.RateLimit.PermitLimit = 50;
            o.RateLimit.Window = TimeSpan.FromSeconds(1);
            o.SweepConcurrency = 8;
            o.Retry.MaxRetries = 1;
            o.Retry.BaseDelay = TimeSpan.FromMilliseconds(20);
            o.Timeout = TimeSpan.FromSeconds(2);
        }));
        var thirty = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var reported = new List<HtxSweepProgress>();
        var progress = new InlineProgress<HtxSweepProgress>(p =>
        {
            lock (reported)
            {
                reported.Add(p);
            }

            if (p.Completed >= 30)
            {
                thirty.TrySetResult();
            }
        });

        var clock = Stopwatch.StartNew();
        var sweep = client.GetCrossSubAccountInfoAsync(uids, "USDT", progress);
        await thirty.Task.WaitAsync(TimeSpan.FromSeconds(20));
        var succeededBeforeStop = Snapshot(reported).Count(p => p.Latest.Succeeded);
        await host.DisposeAsync(); // the server goes away mid-sweep
        var outcomes = await sweep.WaitAsync(TimeSpan.FromSeconds(60));
        clock.Stop();

        var succeeded = outcomes.Where(o => o.Succeeded).ToList();
        var failed = outcomes.Where(o => !o.Succeeded).ToList();
        var kinds = failed.GroupBy(o => o.Error!.GetType().Name).ToDictionary(g => g.Key, g => g.Count());
        output.WriteLine($"100 sub-accounts; server stopped after {succeededBeforeStop} results: {succeeded.Count} results kept, {failed.Count} typed errors ({string.Join(", ", kinds.Select(k => $"{k.Key} {k.Value}"))}) in {clock.ElapsedMilliseconds} ms");
        Assert.Equal(uids, outcomes.Select(o => o.SubUid)); // one outcome per sub-account, in order
        Assert.Equal(100, succeeded.Count + failed.Count);
        Assert.True(succeeded.Count >= succeededBeforeStop, "a result reported before the server went away was lost");
        Assert.True(failed.Count > 0, "the server went away after the sweep had finished");
        // Refused connections and resets are network errors; a request the stopping server answered with an empty 200
        // (the simulator does, when it is stopped mid-request) is a response error. Each is typed, none is lost.
        Assert.All(failed, o => Assert.True(o.Error is ExchangeNetworkException or ExchangeServerException or ExchangeResponseException, $"{o.SubUid}: {o.Error}"));
        Assert.All(succeeded, o => HtxEndToEndTests.AssertSame(expected[o.SubUid].Accounts[0], Assert.Single(o.Result!)));
        Assert.Equal(100, Snapshot(reported).Max(p => p.Completed));
        RobustnessFigures.Record("serverGoneMidSweep", new Dictionary<string, object?>
        {
            ["subAccounts"] = 100,
            ["resultsKept"] = succeeded.Count,
            ["typedErrors"] = failed.Count,
            ["errorTypes"] = kinds,
            ["resultsReportedBeforeTheStop"] = succeededBeforeStop,
            ["lostResults"] = Math.Max(0, succeededBeforeStop - succeeded.Count),
            ["elapsedMs"] = clock.ElapsedMilliseconds,
        });
    }

    internal static SimulatorEndpoint Endpoint(string exchange) =>
        exchange == "bitget" ? SimulatorEndpoint.BitgetSubAccountAssets : SimulatorEndpoint.HtxCrossSubAccountInfo;

    /// <summary>One call of the exchange's endpoint through an options client aimed at the simulator (rate limiting and clock sync off unless changed).</summary>
    internal static async Task Call(string exchange, SimulatorHost host, HttpClient http, Action<ExchangeClientOptions> change)
    {
        if (exchange == "bitget")
        {
            await new BitgetClient(http, Sim.BitgetOptions(host, o => Shape(o, change))).GetSubAccountAssetsAsync(BitgetProductType.UsdtFutures);
        }
        else
        {
            await new HtxClient(http, Sim.HtxOptions(host, o => Shape(o, change))).GetCrossSubAccountInfoAsync(host.Accounts.HtxSubAccountUids[0], "USDT");
        }

        static void Shape(ExchangeClientOptions options, Action<ExchangeClientOptions> change)
        {
            options.RateLimit.Enabled = false;
            options.ClockSync.Enabled = false;
            change(options);
        }
    }

    private static List<TimeSpan> Gaps(IReadOnlyList<SimulatorRequestRecord> requests) =>
        [.. requests.Zip(requests.Skip(1), (a, b) => b.ReceivedAt - a.ReceivedAt)];

    /// <summary>How many requests reached the endpoint; waits a moment for requests that were abandoned by the client to be logged.</summary>
    private static async Task<int> ArrivedAsync(SimulatorHost host, SimulatorEndpoint endpoint, int expected)
    {
        for (var i = 0; i < 50 && host.Statistics.CountersOf(endpoint).Received < expected; i++)
        {
            await Task.Delay(20);
        }

        await Task.Delay(50);
        return (int)host.Statistics.CountersOf(endpoint).Received;
    }

    private static List<T> Snapshot<T>(List<T> list)
    {
        lock (list)
        {
            return [.. list];
        }
    }

    private static void RecordFigures(string section, int attempts, int faults, bool survived, TimeSpan elapsed) =>
        RobustnessFigures.Record("faults." + section, new Dictionary<string, object?>
        {
            ["attempts"] = attempts,
            ["faultsInjected"] = faults,
            ["callSucceeded"] = survived,
            ["elapsedMs"] = Math.Round(elapsed.TotalMilliseconds),
        });
}

/// <summary>Reports on the reporting thread (Progress&lt;T&gt; would post to the thread pool, after the sweep returns).</summary>
internal sealed class InlineProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}

internal static class SimulatorStatisticsExtensions
{
    public static SimulatorCounters CountersOf(this SimulatorStatistics statistics, SimulatorEndpoint endpoint) =>
        endpoint is SimulatorEndpoint.HtxCrossSubAccountInfo or SimulatorEndpoint.HtxTimestamp ? statistics.Htx : statistics.Bitget;
}
