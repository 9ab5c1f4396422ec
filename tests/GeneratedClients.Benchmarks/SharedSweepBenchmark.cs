using System.Diagnostics;
using System.Globalization;
using GeneratedClients.Htx;
using GeneratedClients.Redis;
using GeneratedClients.Simulator;
using StackExchange.Redis;

namespace GeneratedClients.Benchmarks;

/// <summary>How the processes of a shared sweep were limited.</summary>
public enum SharedSweepLimiter
{
    /// <summary>One limit for all processes, in Redis (GeneratedClients.Redis).</summary>
    Redis,

    /// <summary>Each process its own built-in limiter at the full limit (the contrast: together they exceed it).</summary>
    InProcess,
}

/// <summary>What one shared sweep measured.</summary>
/// <param name="Limiter">How the processes were limited.</param>
/// <param name="Processes">OS processes sweeping on the one access key.</param>
/// <param name="Sweep">
/// The sweep's figures, with <see cref="SweepResult.SubAccounts"/> the sub-accounts the simulator served (all of
/// them when none failed), so that <see cref="SweepResult.SustainedShare"/> is the served rate against the allowed one.
/// </param>
/// <param name="SubAccounts">Sub-accounts swept, across all processes.</param>
/// <param name="CycleOverhead">
/// The median and 90th percentile, over the served requests after the first burst, of the time from the arrival of
/// the request a limit earlier to this one's, beyond the window: what each round trip of a permit costs on top of
/// the window (safety margin, the request's own time, waking up).
/// </param>
/// <param name="FirstBurst">From the first arrival to the arrival that used the limit's last permit of the first window.</param>
public sealed record SharedSweepResult(SharedSweepLimiter Limiter, int Processes, SweepResult Sweep, int SubAccounts, (TimeSpan Median, TimeSpan P90) CycleOverhead, TimeSpan FirstBurst)
{
    /// <summary>The one line the shared sweep prints, then the details.</summary>
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"{(Limiter == SharedSweepLimiter.Redis ? "shared sweep" : "in-process limiters (contrast)")}: {Processes} processes, {SubAccounts} sub-accounts, " +
        $"{Sweep.SustainedShare * 100:0.0} % of the allowed rate, {Sweep.Rejections} rejections\n" +
        $"  {Sweep.SubAccounts} served, {Sweep.Failures} failed sub-accounts; {Sweep.Elapsed.TotalSeconds:0.00} s from start to the last process done; " +
        $"arrivals spread over {Sweep.ArrivalSpan.TotalSeconds:0.00} s (the limit's minimum for the served count is {Sweep.IdealSpan.TotalSeconds:0.00} s); " +
        $"sustained {Sweep.SustainedRate:0.00} req/s of the allowed {Sweep.AllowedRate:0}/s; the first {Sweep.PermitLimit} arrived within {FirstBurst.TotalMilliseconds:0} ms; a permit's round trip beyond the window: median {CycleOverhead.Median.TotalMilliseconds:0} ms, " +
        $"p90 {CycleOverhead.P90.TotalMilliseconds:0} ms; SweepConcurrency {Sweep.Concurrency} per process");
}

/// <summary>
/// 5. Many processes, one key: one simulator at HTX's real limit, then several OS processes (this program in its
/// worker mode) that each sweep a share of the sub-accounts with an <see cref="HtxClient"/> on the one access key.
/// With <see cref="SharedSweepLimiter.Redis"/> every client's <see cref="ExchangeRateLimitOptions.Limiter"/> is the Redis
/// limiter; with <see cref="SharedSweepLimiter.InProcess"/> each process has the built-in one.
/// </summary>
public static class SharedSweepBenchmark
{
    /// <summary>The switch that makes this program a sweep worker (see <see cref="RunWorkerAsync"/>).</summary>
    public const string WorkerSwitch = "--shared-sweep-worker";

    private static readonly TimeSpan WorkerTimeout = TimeSpan.FromMinutes(5);

    /// <summary>Starts the simulator and the worker processes, sweeps, and returns what the simulator saw.</summary>
    /// <param name="limiter">How the workers limit themselves.</param>
    /// <param name="processes">Worker processes; the sub-accounts are split between them.</param>
    /// <param name="subAccounts">Sub-accounts in all.</param>
    /// <param name="redisEndpoint">Redis (<c>host:port</c>) for <see cref="SharedSweepLimiter.Redis"/>.</param>
    public static async Task<SharedSweepResult> RunAsync(SharedSweepLimiter limiter, int processes, int subAccounts, string? redisEndpoint)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(processes, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(subAccounts, processes);
        if (limiter == SharedSweepLimiter.Redis && string.IsNullOrEmpty(redisEndpoint))
        {
            throw new ArgumentException("The Redis sweep needs --redis host:port.", nameof(redisEndpoint));
        }

        var options = new SimulatorOptions
        {
            HtxSubAccountUids = SimulatorOptions.ConsecutiveUids(SimulatorOptions.DefaultFirstHtxUid, subAccounts),
            RateLimitsEnabled = true,
            RequestLogCapacity = Math.Max(10_000, subAccounts * 8),
        };
        var simulator = await SimulatorHost.StartAsync(options).ConfigureAwait(false);
        await using (simulator.ConfigureAwait(false))
        {
            // A log of its own per run, so that nothing an earlier run left in Redis counts.
            var prefix = "generatedclients:benchmark:" + Guid.NewGuid().ToString("N")[..12];
            var workers = new List<Process>();
            try
            {
                var uids = simulator.Options.HtxSubAccountUids;
                for (var i = 0; i < processes; i++)
                {
                    var first = (int)((long)uids.Count * i / processes);
                    var next = (int)((long)uids.Count * (i + 1) / processes);
                    List<string> arguments =
                    [
                        WorkerSwitch, "--simulator", simulator.BaseAddress.ToString(), "--first-uid", uids[first].ToString(CultureInfo.InvariantCulture),
                        "--count", (next - first).ToString(CultureInfo.InvariantCulture), "--limiter", limiter.ToString(),
                    ];
                    if (limiter == SharedSweepLimiter.Redis)
                    {
                        arguments.AddRange(["--redis", redisEndpoint!, "--prefix", prefix]);
                    }

                    workers.Add(StartWorker(arguments));
                }

                foreach (var worker in workers)
                {
                    await ExpectAsync(worker, "ready").ConfigureAwait(false);
                }

                var clock = Stopwatch.StartNew();
                foreach (var worker in workers)
                {
                    await worker.StandardInput.WriteLineAsync("go").ConfigureAwait(false);
                    await worker.StandardInput.FlushAsync().ConfigureAwait(false);
                }

                var failures = 0;
                var concurrency = 0;
                foreach (var worker in workers)
                {
                    var done = (await ExpectAsync(worker, "done").ConfigureAwait(false)).Split(' ');
                    failures += int.Parse(done[2], CultureInfo.InvariantCulture);
                    concurrency = int.Parse(done[3], CultureInfo.InvariantCulture);
                }

                clock.Stop();
                var served = simulator.Statistics.RequestsTo(SimulatorEndpoint.HtxCrossSubAccountInfo)
                    .Where(r => r.Outcome == SimulatorOutcome.Served)
                    .Select(r => r.ReceivedAt)
                    .Order()
                    .ToList();
                var span = served.Count > 1 ? served.Max() - served.Min() : TimeSpan.Zero;
                var sweep = new SweepResult(
                    served.Count,
                    clock.Elapsed,
                    span,
                    simulator.Options.HtxRateLimitPermits,
                    simulator.Options.HtxRateLimitWindow,
                    simulator.Statistics.Htx.RateLimited,
                    failures,
                    concurrency);
                return new SharedSweepResult(limiter, processes, sweep, uids.Count, CycleOverhead(served, sweep.PermitLimit, sweep.Window),
                    served.Count >= sweep.PermitLimit ? served[sweep.PermitLimit - 1] - served[0] : TimeSpan.Zero);
            }
            finally
            {
                foreach (var worker in workers)
                {
                    if (!worker.HasExited)
                    {
                        worker.Kill(entireProcessTree: true);
                    }

                    worker.Dispose();
                }
            }
        }
    }

    /// <summary>
    /// The worker: <c>--shared-sweep-worker --simulator URL --first-uid UID --count N --limiter Redis|InProcess
    /// [--redis host:port --prefix P]</c>. Builds the client, prints "ready", sweeps on the line "go" from stdin,
    /// prints "done {sub-accounts} {failed} {SweepConcurrency}".
    /// </summary>
    /// <param name="arguments">The arguments after <see cref="WorkerSwitch"/>.</param>
    /// <returns>The exit code.</returns>
    public static async Task<int> RunWorkerAsync(IReadOnlyList<string> arguments)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < arguments.Count; i += 2)
        {
            values[arguments[i]] = arguments[i + 1];
        }

        var limiter = Enum.Parse<SharedSweepLimiter>(values["--limiter"]);
        var uids = SimulatorOptions.ConsecutiveUids(long.Parse(values["--first-uid"], CultureInfo.InvariantCulture), int.Parse(values["--count"], CultureInfo.InvariantCulture));
        using var redis = limiter == SharedSweepLimiter.Redis
            ? await ConnectionMultiplexer.ConnectAsync(values["--redis"] + ",abortConnect=false").ConfigureAwait(false)
            : null;
        var options = new HtxClientOptions
        {
            AccessKey = SimulatorOptions.DemoHtxAccessKey,
            SecretKey = SimulatorOptions.DemoHtxSecretKey,
            BaseAddress = new Uri(values["--simulator"]),
        };
        if (redis is not null)
        {
            var settings = new RedisRateLimitOptions { KeyPrefix = values["--prefix"] };
            // The one line of wiring users write (the client makes its limiter from it on the first call).
            options.RateLimit.UseRedis(redis, settings);

            // Ready means the shared limit answers: one round trip on the same key that asks for no permit.
            using var probe = RedisRateLimiter.ForKey(redis, HtxClient.ExchangeName, options.AccessKey, ExchangeRateLimits.HtxRead, settings);
            using var check = await probe.AcquireAsync(0).ConfigureAwait(false);
        }

        using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        var client = new HtxClient(http, options);

        Console.WriteLine("ready");
        if (await Console.In.ReadLineAsync().ConfigureAwait(false) != "go")
        {
            return 1;
        }

        var outcomes = await client.GetCrossSubAccountInfoAsync(uids, "USDT", progress: null).ConfigureAwait(false);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"done {outcomes.Count} {outcomes.Count(o => !o.Succeeded)} {client.SweepConcurrency}"));
        return 0;
    }

    private static (TimeSpan Median, TimeSpan P90) CycleOverhead(List<DateTimeOffset> arrivals, int permitLimit, TimeSpan window)
    {
        var cycles = arrivals.Skip(permitLimit).Select((arrival, i) => arrival - arrivals[i] - window).Order().ToList();
        return cycles.Count == 0 ? default : (cycles[cycles.Count / 2], cycles[cycles.Count * 9 / 10]);
    }

    private static Process StartWorker(IEnumerable<string> arguments)
    {
        // The same program: its apphost, or `dotnet GeneratedClients.Benchmarks.dll` when it runs under the muxer.
        var self = Environment.ProcessPath ?? throw new InvalidOperationException("The program's path is unknown.");
        var start = new ProcessStartInfo(self)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            start.ArgumentList.Add(typeof(SharedSweepBenchmark).Assembly.Location);
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return Process.Start(start) ?? throw new InvalidOperationException("A sweep worker did not start.");
    }

    private static async Task<string> ExpectAsync(Process worker, string first)
    {
        using var timeout = new CancellationTokenSource(WorkerTimeout);
        while (await worker.StandardOutput.ReadLineAsync(timeout.Token).ConfigureAwait(false) is { } line)
        {
            if (line.StartsWith(first, StringComparison.Ordinal))
            {
                return line;
            }

            Console.WriteLine("  worker: " + line);
        }

        throw new InvalidOperationException($"A sweep worker ended before saying \"{first}\" (exit code {(worker.WaitForExit(1000) ? worker.ExitCode : -1)}).");
    }
}
