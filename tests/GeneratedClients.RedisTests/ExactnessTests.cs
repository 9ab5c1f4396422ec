using System.Globalization;
using GeneratedClients.RedisTests.Support;
using GeneratedClients.Simulator;

namespace GeneratedClients.RedisTests;

/// <summary>One limit, many processes: no window ever holds more than the limit, counted from grant to answer.</summary>
[Collection(SharedRedisServer.Name)]
public sealed class ExactnessTests(RedisServer redis)
{
    private const int Limit = 5;
    private static readonly TimeSpan Window = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan Margin = TimeSpan.FromMilliseconds(20);

    [Fact]
    public async Task Sixteen_callers_in_two_processes_never_put_more_than_the_limit_in_any_window()
    {
        string[] arguments =
        [
            "sweep", "--redis", redis.Endpoint, "--prefix", Limiters.UniquePrefix(), "--exchange", "htx", "--key", "one-shared-key",
            "--limit", Limit.ToString(CultureInfo.InvariantCulture), "--window-ms", "500", "--margin-ms", "20",
            "--callers", "8", "--requests", "3", "--max-hold-ms", "30",
        ];
        using var first = WorkerProcess.Start(arguments);
        using var second = WorkerProcess.Start(arguments);
        await first.SendLineAsync("go");
        await second.SendLineAsync("go");

        var requests = await Task.WhenAll(ReadRequestsAsync(first), ReadRequestsAsync(second));

        Assert.All(requests, r => Assert.Equal(8 * 3, r.Count));
        var all = requests.SelectMany(r => r).ToList();
        Assert.Null(RequestLog.FindOverfullWindow(all, Limit, Window + Margin));

        // Both processes were served while the other was too, so the limit was shared, not merely kept by each.
        Assert.True(
            requests[0].Min(r => r.Granted) < requests[1].Max(r => r.Granted) && requests[1].Min(r => r.Granted) < requests[0].Max(r => r.Granted),
            "The two workers' requests did not overlap in time.");
    }

    [Fact]
    public async Task Sixteen_htx_client_callers_in_two_processes_draw_no_rejection_from_one_simulator_and_no_window_holds_more_than_the_limit()
    {
        // The exchange's side: one simulator in this process, at a small limit (8 per 500 ms) so that 48 calls take a few
        // seconds; each worker's client is given the same limit (RateLimit.PermitLimit/Window) and keeps it through Redis.
        const int ClientLimit = 8;
        const int CallsPerCaller = 3;
        var window = TimeSpan.FromMilliseconds(500);
        await using var simulator = await SimulatorHost.StartAsync(new SimulatorOptions
        {
            HtxAccessKey = "exact-clients-" + Guid.NewGuid().ToString("N")[..8],
            HtxRateLimitPermits = ClientLimit,
            HtxRateLimitWindow = window,
        });
        var prefix = Limiters.UniquePrefix();
        var uids = simulator.Accounts.HtxSubAccountUids;
        string[] Arguments(int process) =>
        [
            "clients", "--redis", redis.Endpoint, "--prefix", prefix, "--simulator", simulator.BaseAddress.ToString(),
            "--access-key", simulator.Options.HtxAccessKey, "--limit", ClientLimit.ToString(CultureInfo.InvariantCulture),
            "--window-ms", "500", "--callers", "8", "--calls", CallsPerCaller.ToString(CultureInfo.InvariantCulture),
            "--first-uid", uids[process * 8 * CallsPerCaller].ToString(CultureInfo.InvariantCulture),
        ];
        // The worker reads the secret from its environment (HtxCallers.SecretKeyVariable), not from its command line.
        var environment = new Dictionary<string, string>(StringComparer.Ordinal) { ["GENERATEDCLIENTS_WORKER_HTX_SECRET_KEY"] = simulator.Options.HtxSecretKey };
        using var first = WorkerProcess.Start(environment, Arguments(0));
        using var second = WorkerProcess.Start(environment, Arguments(1));
        Assert.Equal("ready", await first.ReadLineAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal("ready", await second.ReadLineAsync(TimeSpan.FromSeconds(30)));
        await first.SendLineAsync("go");
        await second.SendLineAsync("go");

        var calls = await Task.WhenAll(ReadCallsAsync(first), ReadCallsAsync(second));

        Assert.All(calls, c => Assert.Equal(8 * CallsPerCaller, c.Count));
        Assert.All(calls.SelectMany(c => c), c => Assert.Equal("ok", c.Outcome));
        Assert.Equal(0, simulator.Statistics.Htx.RateLimited);
        var arrivals = simulator.Statistics.RequestsTo(SimulatorEndpoint.HtxCrossSubAccountInfo)
            .Where(r => r.Outcome == SimulatorOutcome.Served)
            .Select(r => r.ReceivedAt)
            .Order()
            .ToList();
        Assert.Equal(2 * 8 * CallsPerCaller, arrivals.Count);
        for (var i = ClientLimit; i < arrivals.Count; i++)
        {
            // The exchange's rule: at most ClientLimit arrivals in any window, so the one ClientLimit earlier is a window back or more.
            Assert.True(
                arrivals[i] - arrivals[i - ClientLimit] >= window,
                $"{ClientLimit + 1} arrivals within {(arrivals[i] - arrivals[i - ClientLimit]).TotalMilliseconds:0.0} ms (the window is {window.TotalMilliseconds} ms)");
        }

        // Both processes called while the other did, so the limit was shared, not merely kept by each in turn.
        Assert.True(
            calls[0].Min(c => c.Started) < calls[1].Max(c => c.Ended) && calls[1].Min(c => c.Started) < calls[0].Max(c => c.Ended),
            "The two workers' calls did not overlap in time.");
    }

    [Fact]
    public void The_oracle_finds_the_window_that_a_limiter_counting_only_from_the_grant_would_overfill()
    {
        var ms = TimeSpan.TicksPerMillisecond;

        // Two permits per 520 ms. The third grant comes 520 ms after the first two, but 490 ms after their answers:
        // an exchange that saw the first two arrive late and the third early counts three in one window.
        Request[] counted = [new(0, 30 * ms), new(0, 30 * ms), new(520 * ms, 530 * ms)];
        Request[] kept = [new(0, 30 * ms), new(0, 30 * ms), new(550 * ms, 560 * ms)];

        Assert.NotNull(RequestLog.FindOverfullWindow(counted, 2, TimeSpan.FromMilliseconds(520)));
        Assert.Null(RequestLog.FindOverfullWindow(kept, 2, TimeSpan.FromMilliseconds(520)));
    }

    private static async Task<List<(long Started, long Ended, string Outcome)>> ReadCallsAsync(WorkerProcess worker)
    {
        var calls = new List<(long, long, string)>();
        while (await worker.ReadLineAsync(TimeSpan.FromSeconds(30)) is var line && line != "done")
        {
            var parts = line.Split(' ');
            Assert.Equal("call", parts[0]);
            calls.Add((long.Parse(parts[1], CultureInfo.InvariantCulture), long.Parse(parts[2], CultureInfo.InvariantCulture), parts[3]));
        }

        return calls;
    }

    private static async Task<List<Request>> ReadRequestsAsync(WorkerProcess worker)
    {
        var requests = new List<Request>();
        while (await worker.ReadLineAsync(TimeSpan.FromSeconds(30)) is var line && line != "done")
        {
            var parts = line.Split(' ');
            Assert.Equal("request", parts[0]);
            requests.Add(new Request(long.Parse(parts[1], CultureInfo.InvariantCulture), long.Parse(parts[2], CultureInfo.InvariantCulture)));
        }

        return requests;
    }
}
