using System.Diagnostics;
using System.Globalization;
using GeneratedClients.Htx;
using GeneratedClients.Simulator;

namespace GeneratedClients.Benchmarks;

/// <summary>What one sweep measured.</summary>
/// <param name="SubAccounts">Sub-accounts swept (one request each).</param>
/// <param name="Elapsed">From the call to its result, clock synchronisation included.</param>
/// <param name="ArrivalSpan">From the first sweep request's arrival at the simulator to the last one's.</param>
/// <param name="PermitLimit">The exchange's limit, requests per window (72).</param>
/// <param name="Window">The exchange's window (3 s).</param>
/// <param name="Rejections">Requests the simulator refused for the rate limit (HTX 1032).</param>
/// <param name="Failures">Sub-accounts whose outcome is an error.</param>
/// <param name="Concurrency">The client's SweepConcurrency.</param>
public sealed record SweepResult(int SubAccounts, TimeSpan Elapsed, TimeSpan ArrivalSpan, int PermitLimit, TimeSpan Window, long Rejections, int Failures, int Concurrency)
{
    /// <summary>The rate the exchange allows on average: 72 / 3 s = 24 requests/s.</summary>
    public double AllowedRate => PermitLimit / Window.TotalSeconds;

    /// <summary>Requests per second over the whole call (the limit's first burst of 72 included, so it can exceed the allowed rate).</summary>
    public double OverallRate => SubAccounts / Elapsed.TotalSeconds;

    /// <summary>
    /// Requests per second once the first burst is spent: (requests - 72) / (last arrival - first arrival).
    /// A client that keeps exactly to "72 in any 3 s" scores the allowed rate (24/s) here.
    /// </summary>
    public double SustainedRate => (SubAccounts - PermitLimit) / ArrivalSpan.TotalSeconds;

    /// <summary>The sustained rate as a fraction of the allowed rate.</summary>
    public double SustainedShare => SustainedRate / AllowedRate;

    /// <summary>The shortest arrival span the limit permits: the last request may come (n-1)/72 whole windows after the first.</summary>
    public TimeSpan IdealSpan => Window * ((SubAccounts - 1) / PermitLimit);

    /// <summary>The one line the sweep prints.</summary>
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"sweep: {SubAccounts} HTX sub-accounts in {Elapsed.TotalSeconds:0.00} s (SweepConcurrency {Concurrency}, limiter {PermitLimit} / {Window.TotalSeconds:0} s); " +
        $"{OverallRate:0.0} req/s overall; sustained {SustainedRate:0.00} req/s = {SustainedShare:P1} of the allowed {AllowedRate:0} req/s " +
        $"(arrivals spread over {ArrivalSpan.TotalSeconds:0.00} s, the limit's minimum is {IdealSpan.TotalSeconds:0.00} s); " +
        $"{Rejections} rate-limit rejections; {Failures} failed sub-accounts");
}

/// <summary>
/// 4. A sweep of many HTX sub-accounts through the production client (options constructor: its built-in
/// limiter at 72 / 3 s plus the 50 ms safety margin, retries, clock sync, default SweepConcurrency) against
/// the simulator enforcing HTX's real limit. Not a BenchmarkDotNet case: it is paced by the limit, so it
/// runs once and reports rates.
/// </summary>
public static class SweepBenchmark
{
    /// <summary>Runs the sweep and returns what it measured.</summary>
    public static async Task<SweepResult> RunAsync(int subAccounts, CancellationToken cancellationToken = default)
    {
        var options = new SimulatorOptions
        {
            HtxSubAccountUids = SimulatorOptions.ConsecutiveUids(SimulatorOptions.DefaultFirstHtxUid, subAccounts),
            RateLimitsEnabled = true,
            RequestLogCapacity = Math.Max(10_000, subAccounts * 2),
        };
        var simulator = await SimulatorHost.StartAsync(options, cancellationToken).ConfigureAwait(false);
        await using (simulator.ConfigureAwait(false))
        {
            using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
            var clientOptions = new HtxClientOptions
            {
                AccessKey = SimulatorOptions.DemoHtxAccessKey,
                SecretKey = SimulatorOptions.DemoHtxSecretKey,
                BaseAddress = simulator.BaseAddress,
            };
            var client = new HtxClient(http, clientOptions);
            var uids = simulator.Options.HtxSubAccountUids;

            var clock = Stopwatch.StartNew();
            var outcomes = await client.GetCrossSubAccountInfoAsync(uids, "USDT", progress: null, cancellationToken).ConfigureAwait(false);
            clock.Stop();

            var arrivals = simulator.Statistics.RequestsTo(SimulatorEndpoint.HtxCrossSubAccountInfo).Select(r => r.ReceivedAt).ToList();
            var span = arrivals.Count > 1 ? arrivals.Max() - arrivals.Min() : TimeSpan.Zero;
            return new SweepResult(
                outcomes.Count,
                clock.Elapsed,
                span,
                simulator.Options.HtxRateLimitPermits,
                simulator.Options.HtxRateLimitWindow,
                simulator.Statistics.Htx.RateLimited,
                outcomes.Count(o => !o.Succeeded),
                client.SweepConcurrency);
        }
    }
}
