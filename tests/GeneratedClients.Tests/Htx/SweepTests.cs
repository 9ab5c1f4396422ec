using System.Net;
using System.Text.Json.Nodes;
using GeneratedClients.Htx;
using GeneratedClients.Tests.Support;
using RichardSzalay.MockHttp;

namespace GeneratedClients.Tests.Htx;

public class SweepTests
{
    private static readonly long[] Failing = [1003, 1005];

    /// <summary>Answers each sub-account with the seed sample, except the failing ones (1220 not enabled).</summary>
    private static MockHttpMessageHandler Exchange(Func<long, Task>? before = null)
    {
        var handler = new MockHttpMessageHandler();
        handler.When("*").Respond(async request =>
        {
            var uid = (long)JsonNode.Parse(await request.Content!.ReadAsStringAsync())!["sub_uid"]!;
            if (before is not null)
            {
                await before(uid);
            }

            var body = Failing.Contains(uid)
                ? Samples.Read("htx", "getCrossSubAccountInfo.200.not-enabled.json")
                : Samples.Read("htx", "getCrossSubAccountInfo.200.json").Replace("\"margin_balance\": 500", $"\"margin_balance\": {uid}", StringComparison.Ordinal);
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(body) };
        });
        return handler;
    }

    private static HtxClient Client(MockHttpMessageHandler handler, int concurrency = 4) =>
        new(new HttpClient(handler), Fakes.Htx(), TestTime.At(Fakes.HtxTime)) { SweepConcurrency = concurrency };

    [Fact]
    public async Task Every_sub_account_gets_its_own_outcome_and_one_failure_loses_nothing()
    {
        using var handler = Exchange();
        var uids = Enumerable.Range(1000, 8).Select(i => (long)i).ToArray();

        var outcomes = await Client(handler).GetCrossSubAccountInfoAsync(uids, "USDT");

        Assert.Equal(uids, outcomes.Select(o => o.SubUid));
        foreach (var outcome in outcomes)
        {
            if (Failing.Contains(outcome.SubUid))
            {
                Assert.False(outcome.Succeeded);
                Assert.Equal("1220", outcome.Error!.ExchangeCode);
                Assert.Equal(ExchangeErrorCategory.NotEnabled, outcome.Error.Category);
            }
            else
            {
                Assert.True(outcome.Succeeded);
                Assert.Equal(outcome.SubUid, outcome.Result!.SubUid);
                Assert.Equal(outcome.SubUid, outcome.Result.Single().MarginBalance);
            }
        }
    }

    [Fact]
    public async Task Progress_is_reported_once_per_sub_account()
    {
        using var handler = Exchange();
        var reports = new List<HtxSweepProgress>();
        var progress = new SynchronousProgress<HtxSweepProgress>(reports.Add);

        await Client(handler).GetCrossSubAccountInfoAsync([1001, 1002, 1003, 1004, 1005], progress: progress);

        Assert.Equal(5, reports.Count);
        Assert.Equal([1, 2, 3, 4, 5], reports.Select(r => r.Completed).Order());
        Assert.All(reports, r => Assert.Equal(5, r.Total));
        Assert.Equal(2, reports.Max(r => r.Failed));
        Assert.Equal([1001L, 1002, 1003, 1004, 1005], reports.Select(r => r.Latest.SubUid).Order());
    }

    [Fact]
    public async Task Progress_arrives_in_order_whatever_the_concurrency()
    {
        // The first sub-account answers at once; the others are held until its report has begun, and its report is
        // slow, so they finish on other threads while it is still being reported.
        // Enough pool threads that the held sub-accounts really run while the first report is under way (the pool
        // otherwise adds threads slowly on two cores, and the race this test is about would never happen).
        ThreadPool.GetMinThreads(out var workers, out var ports);
        ThreadPool.SetMinThreads(Math.Max(workers, 40), ports);
        var firstReportBegun = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var handler = Exchange(async uid =>
        {
            if (uid != 1000)
            {
                await firstReportBegun.Task;
            }
        });
        var reports = new List<HtxSweepProgress>();
        var first = 0;
        var progress = new UnguardedProgress<HtxSweepProgress>(report =>
        {
            if (Interlocked.Exchange(ref first, 1) == 0)
            {
                firstReportBegun.SetResult();
                Thread.Sleep(200);
            }

            lock (reports)
            {
                reports.Add(report);
            }
        });
        var uids = Enumerable.Range(1000, 60).Select(i => (long)i).ToArray();

        // Task.Run: off xUnit's synchronisation context, whose two threads would otherwise serialise the answers.
        await Task.Run(() => Client(handler, concurrency: 16).GetCrossSubAccountInfoAsync(uids, progress: progress));

        Assert.Equal(Enumerable.Range(1, 60), reports.Select(r => r.Completed));
        Assert.Equal(reports.Select(r => r.Failed).Order(), reports.Select(r => r.Failed));
        Assert.Equal(2, reports[^1].Failed);
        Assert.Equal(uids, reports.Select(r => r.Latest.SubUid).Order());
    }

    [Fact]
    public async Task Duplicates_are_queried_once()
    {
        using var handler = Exchange();

        var outcomes = await Client(handler).GetCrossSubAccountInfoAsync([7, 8, 7, 8, 9]);

        Assert.Equal([7L, 8, 9], outcomes.Select(o => o.SubUid));
    }

    [Fact]
    public async Task Bad_uids_fail_before_any_request()
    {
        using var handler = Exchange();

        var error = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Client(handler).GetCrossSubAccountInfoAsync([5, 0, 6]));

        Assert.Equal("subUids", error.ParamName);
        Assert.Equal(0, handler.GetMatchCount(handler.When("*")));
    }

    [Fact]
    public async Task Cancellation_stops_the_sweep_and_reported_outcomes_stand()
    {
        using var cancel = new CancellationTokenSource();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var handler = Exchange(async uid =>
        {
            if (uid > 2)
            {
                await gate.Task.WaitAsync(cancel.Token);
            }
        });
        var reports = new List<HtxSweepProgress>();

        var sweep = Client(handler, concurrency: 2).GetCrossSubAccountInfoAsync([1, 2, 3, 4, 5, 6], progress: new SynchronousProgress<HtxSweepProgress>(reports.Add), cancellationToken: cancel.Token);
        while (reports.Count < 2)
        {
            await Task.Delay(5);
        }

        var started = DateTime.UtcNow;
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sweep);

        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(1));
        Assert.Equal([1L, 2], reports.Select(r => r.Latest.SubUid).Order());
    }

    [Fact]
    public async Task Balances_from_both_exchanges_share_one_shape()
    {
        using var handler = Exchange();
        var outcomes = await Client(handler).GetCrossSubAccountInfoAsync([1001, 1003]);
        var bitgetExchange = MockExchange.Answering(200, Samples.Read("bitget", "getSubAccountAssets.200.json"));
        var bitget = await new GeneratedClients.Bitget.BitgetClient(bitgetExchange.Client(), Fakes.Bitget()).GetSubAccountAssetsAsync(GeneratedClients.Bitget.BitgetProductType.UsdtFutures);

        var rows = SubAccountBalance.From(bitget).Concat(SubAccountBalance.From(outcomes)).ToArray();

        Assert.Equal(3, rows.Length);
        Assert.Equal(new SubAccountBalance("Bitget", "1234567890", "USDT", 23.123m, 23.123m, 0m, 0m, 23.123m), rows[0]);
        Assert.Equal(new SubAccountBalance("HTX", "1001", "USDT", 1001m, 500m, 0m, 0m, 1001m), rows[2]); // USDT margin: the balance is the USDT equity
    }

    [Theory]
    [InlineData("USDT", true)]
    [InlineData("HUSD", false)]
    [InlineData("usdt", false)] // not the wire's spelling: no guess
    public async Task Htx_usdt_equity_is_the_margin_balance_only_when_the_margin_asset_is_usdt(string marginAsset, bool reported)
    {
        var body = Samples.Read("htx", "getCrossSubAccountInfo.200.json").Replace("\"margin_asset\": \"USDT\"", $"\"margin_asset\": \"{marginAsset}\"", StringComparison.Ordinal);
        var result = await new GeneratedClients.Htx.HtxClient(MockExchange.Answering(200, body).Client(), Fakes.Htx()).GetCrossSubAccountInfoAsync(1001);

        var row = Assert.Single(SubAccountBalance.From(result));

        Assert.Equal(marginAsset, row.Coin);
        Assert.Equal(reported ? row.Equity : null, row.UsdtEquity);
        Assert.NotNull(row.Equity);
    }

    /// <summary>Reports on the caller's thread, so a test sees every report before the sweep returns.</summary>
    /// <summary>Acts at once on the reporting thread, with no lock of its own: any order it sees comes from the sweep.</summary>
    private sealed class UnguardedProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }

    private sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
    {
        private readonly Lock _gate = new();

        public void Report(T value)
        {
            lock (_gate)
            {
                report(value);
            }
        }
    }
}
