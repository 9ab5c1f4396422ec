using System.Diagnostics;
using GeneratedClients.Bitget;
using GeneratedClients.Htx;
using GeneratedClients.IntegrationTests.Support;
using GeneratedClients.Simulator;

namespace GeneratedClients.IntegrationTests;

/// <summary>
/// Rate limiting seen from both sides: the client's built-in limiter against the simulator enforcing the
/// same limit with an exact sliding log. Real time, so these run alone.
/// </summary>
[Collection(TimingSensitive.Name)]
public class RateLimitTests
{
    [Fact]
    public async Task A_sweep_of_200_htx_sub_accounts_paced_by_the_client_is_never_refused_by_the_exchange()
    {
        await using var host = await Sim.StartAsync(); // 72 reads / 3 s per key, as HTX
        using var http = Sim.Http(host);
        var client = new HtxClient(http, Sim.HtxOptions(host)); // built-in limiter: 72 / 3 s (+50 ms margin)
        var uids = host.Accounts.HtxSubAccountUids;
        Assert.Equal(200, uids.Count);
        await WarmUpAsync(http, "api/v1/timestamp");

        var clock = Stopwatch.StartNew();
        var outcomes = await client.GetCrossSubAccountInfoAsync(uids, "USDT");
        clock.Stop();

        Assert.Equal(0, host.Statistics.Htx.RateLimited);
        Assert.All(outcomes, o => Assert.True(o.Succeeded, o.Error?.Message));
        Assert.Equal(uids, outcomes.Select(o => o.SubUid));
        Assert.Equal(200, host.Statistics.RequestsTo(SimulatorEndpoint.HtxCrossSubAccountInfo).Count(r => r.Outcome == SimulatorOutcome.Served));

        // 200 requests at 72 per 3 s need two full windows; the server's own log never holds 73 in any 3 s.
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(6), TimeSpan.FromSeconds(20));
        AssertNoWindowExceeds(host.Statistics.RequestsTo(SimulatorEndpoint.HtxCrossSubAccountInfo), 72, TimeSpan.FromSeconds(3));
        var first = outcomes[0].Result!;
        HtxEndToEndTests.AssertSame(host.Accounts.Htx(uids[0])!.Accounts[0], Assert.Single(first));
    }

    [Fact]
    public async Task Bitget_calls_paced_by_the_client_at_two_per_second_are_never_refused()
    {
        await using var host = await Sim.StartAsync(o =>
        {
            o.BitgetRateLimitPermits = 2;
            o.BitgetRateLimitWindow = TimeSpan.FromSeconds(1);
        });
        using var http = Sim.Http(host);
        var client = new BitgetClient(http, Sim.BitgetOptions(host, o =>
        {
            o.RateLimit.PermitLimit = 2;
            o.RateLimit.Window = TimeSpan.FromSeconds(1);
        }));
        await WarmUpAsync(http, "api/v2/public/time");

        var clock = Stopwatch.StartNew();
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(host.Options.BitgetSubAccountCount, (await client.GetSubAccountAssetsAsync(BitgetProductType.UsdtFutures)).Count);
        }

        clock.Stop();
        Assert.Equal(0, host.Statistics.Bitget.RateLimited);
        Assert.Equal(5, host.Statistics.RequestsTo(SimulatorEndpoint.BitgetSubAccountAssets).Count);
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(10)); // calls 3 and 5 waited a window each
        AssertNoWindowExceeds(host.Statistics.RequestsTo(SimulatorEndpoint.BitgetSubAccountAssets), 2, TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task Bitget_accounts_run_at_their_own_ten_per_second_beside_the_sub_account_assets()
    {
        await using var host = await Sim.StartAsync(); // the spec's limits: 1 / 10 s for sub-account assets, 10 / 1 s for accounts
        using var http = Sim.Http(host);
        var client = new BitgetClient(http, Sim.BitgetOptions(host));
        await WarmUpAsync(http, "api/v2/public/time");

        var clock = Stopwatch.StartNew();
        await client.GetSubAccountAssetsAsync(BitgetProductType.UsdtFutures);
        for (var i = 0; i < 25; i++)
        {
            await client.GetAccountsAsync(BitgetProductType.UsdtFutures);
        }

        clock.Stop();
        Assert.Equal(0, host.Statistics.Bitget.RateLimited);
        Assert.Equal(25, host.Statistics.RequestsTo(SimulatorEndpoint.BitgetAccounts).Count(r => r.Outcome == SimulatorOutcome.Served));
        // 25 at 10 per second need two more windows; never the sub-account assets' 10 s.
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(9));
        AssertNoWindowExceeds(host.Statistics.RequestsTo(SimulatorEndpoint.BitgetAccounts), 10, TimeSpan.FromSeconds(1));
    }

    /// <summary>Opens a few pooled connections and runs the request path once, so that the measurement is about pacing, not start-up.</summary>
    private static async Task WarmUpAsync(HttpClient http, string publicPath)
    {
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => http.GetStringAsync(publicPath)));
    }

    /// <summary>
    /// An independent check of the simulator's limiter, from its request log: no <paramref name="window"/> holds
    /// more than <paramref name="permits"/> served requests. The log's arrival times are read a moment before the
    /// limiter's own, hence the 10 ms of slack.
    /// </summary>
    private static void AssertNoWindowExceeds(IReadOnlyList<SimulatorRequestRecord> requests, int permits, TimeSpan window)
    {
        window -= TimeSpan.FromMilliseconds(10);
        var times = requests.Where(r => r.Outcome == SimulatorOutcome.Served).Select(r => r.ReceivedAt).Order().ToList();
        for (var i = permits; i < times.Count; i++)
        {
            Assert.True(times[i] - times[i - permits] >= window, $"requests {i - permits} and {i} arrived {(times[i] - times[i - permits]).TotalMilliseconds} ms apart");
        }
    }
}
