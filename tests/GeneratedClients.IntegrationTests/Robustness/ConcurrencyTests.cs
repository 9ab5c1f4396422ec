using System.Diagnostics;
using GeneratedClients.Bitget;
using GeneratedClients.Htx;
using GeneratedClients.IntegrationTests.Support;
using GeneratedClients.Simulator;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace GeneratedClients.IntegrationTests.Robustness;

/// <summary>
/// 100 concurrent callers against the simulator with the same limit on both sides (50 requests / 1 s): on one
/// client, on 100 clients built from options with the same key, and on 100 typed clients from
/// IHttpClientFactory. Every call succeeds with its own result, the exchange never refuses one (the shared
/// limiter holds the limit), and the TCP connections stay bounded by the concurrency, not the number of calls
/// or clients. Real time, so these run alone.
/// </summary>
[Collection(TimingSensitive.Name)]
public class ConcurrencyTests(ITestOutputHelper output)
{
    private const int Callers = 100;
    private const int Permits = 50;
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(1);

    // Why not the default 50 ms: the client and the simulator share two cores here, and 50 requests signed, sent,
    // read and checked at once put up to ~60 ms between a permit's grant on the client and the moment the
    // simulator's limiter stamps the request. The margin is the documented knob for that skew (see
    // A_permit_granted_long_before_the_request_arrives_draws_no_refusal for what happens when it is exceeded).
    private static readonly TimeSpan Margin = TimeSpan.FromMilliseconds(250);

    [Fact]
    public async Task A_hundred_concurrent_callers_on_one_htx_client_all_succeed_within_the_limit()
    {
        await using var host = await StartAsync();
        using var sockets = new CountingSocketsHandler();
        using var http = new HttpClient(sockets) { BaseAddress = host.BaseAddress };
        await WarmUpAsync(host, http);
        var client = new HtxClient(http, Options(host));
        var uids = host.Accounts.HtxSubAccountUids.Take(Callers).ToList();

        var clock = Stopwatch.StartNew();
        var results = await Task.WhenAll(uids.Select(uid => Task.Run(() => client.GetCrossSubAccountInfoAsync(uid, "USDT"))));
        clock.Stop();

        AssertAllServed(host, uids, results, clock.Elapsed, sockets.Connections, "one client");
        RecordFigures("oneClient", host, clock.Elapsed, sockets.Connections);
    }

    [Fact]
    public async Task A_hundred_htx_clients_sharing_one_key_share_its_limit()
    {
        await using var host = await StartAsync();
        using var sockets = new CountingSocketsHandler();
        using var http = new HttpClient(sockets) { BaseAddress = host.BaseAddress };
        await WarmUpAsync(host, http);
        var uids = host.Accounts.HtxSubAccountUids.Take(Callers).ToList();
        var clients = uids.Select(_ => new HtxClient(http, Options(host))).ToList(); // separate options objects, one key

        var clock = Stopwatch.StartNew();
        var results = await Task.WhenAll(uids.Select((uid, i) => Task.Run(() => clients[i].GetCrossSubAccountInfoAsync(uid, "USDT"))));
        clock.Stop();

        AssertAllServed(host, uids, results, clock.Elapsed, sockets.Connections, "100 clients, one key");
        RecordFigures("manyClientsOneKey", host, clock.Elapsed, sockets.Connections);
    }

    [Fact]
    public async Task A_hundred_typed_clients_from_the_http_client_factory_share_the_limit_and_the_connections()
    {
        await using var host = await StartAsync();
        var sockets = new List<CountingSocketsHandler>();
        var services = new ServiceCollection();
        services.AddHtxClient(o => Configure(host, o)).ConfigurePrimaryHttpMessageHandler(() =>
        {
            var handler = new CountingSocketsHandler();
            lock (sockets)
            {
                sockets.Add(handler);
            }

            return handler;
        });
        await using var provider = services.BuildServiceProvider();
        using (var warm = new HttpClient { BaseAddress = host.BaseAddress })
        {
            await WarmUpAsync(host, warm);
        }

        var uids = host.Accounts.HtxSubAccountUids.Take(Callers).ToList();

        var clock = Stopwatch.StartNew();
        var first = await Task.WhenAll(uids.Select(uid => Task.Run(() => provider.GetRequiredService<HtxClient>().GetCrossSubAccountInfoAsync(uid, "USDT"))));
        var afterFirst = sockets.Sum(s => s.Connections);
        var second = await Task.WhenAll(uids.Select(uid => Task.Run(() => provider.GetRequiredService<HtxClient>().GetCrossSubAccountInfoAsync(uid, "USDT"))));
        clock.Stop();

        var connections = sockets.Sum(s => s.Connections);
        output.WriteLine($"handlers created by the factory: {sockets.Count}; connections after 100 calls {afterFirst}, after 200 {connections}");
        AssertAllServed(host, [.. uids, .. uids], [.. first, .. second], clock.Elapsed, connections, "IHttpClientFactory, 200 typed clients");
        Assert.Single(sockets); // one pooled primary handler for all typed clients
        Assert.True(connections - afterFirst <= afterFirst, $"the second hundred calls opened {connections - afterFirst} new connections: they were not reused");
        RecordFigures("httpClientFactory", host, clock.Elapsed, connections);
    }

    [Fact]
    public async Task A_hundred_concurrent_callers_on_one_bitget_client_all_succeed_within_the_limit()
    {
        await using var host = await Sim.StartAsync(o =>
        {
            o.BitgetRateLimitPermits = Permits;
            o.BitgetRateLimitWindow = Window;
        });
        using var sockets = new CountingSocketsHandler();
        using var http = new HttpClient(sockets) { BaseAddress = host.BaseAddress };
        await WarmUpAsync(host, http);
        var client = new BitgetClient(http, Sim.BitgetOptions(host, o =>
        {
            o.RateLimit.PermitLimit = Permits;
            o.RateLimit.Window = Window;
            o.RateLimit.SafetyMargin = Margin;
            o.Retry.Enabled = false;
        }));

        var clock = Stopwatch.StartNew();
        var results = await Task.WhenAll(Enumerable.Range(0, Callers).Select(_ => Task.Run(() => client.GetSubAccountAssetsAsync(BitgetProductType.UsdtFutures))));
        clock.Stop();

        output.WriteLine($"bitget: {Callers} calls in {clock.ElapsedMilliseconds} ms, {host.Statistics.Bitget.RateLimited} refused, {sockets.Connections} connections");
        Assert.All(results, r => Assert.Equal(host.Options.BitgetSubAccountCount, r.Count));
        Assert.Equal(0, host.Statistics.Bitget.RateLimited);
        Assert.Equal(Callers, host.Statistics.RequestsTo(SimulatorEndpoint.BitgetSubAccountAssets).Count(r => r.Outcome == SimulatorOutcome.Served));
        Assert.InRange(clock.Elapsed, Window, TimeSpan.FromSeconds(15)); // 100 requests at 50 / s need a second window
        Assert.InRange(sockets.Connections, 1, Callers);
        RecordFigures("bitgetOneClient", host, clock.Elapsed, sockets.Connections);
    }

    [Fact]
    public async Task A_permit_granted_long_before_the_request_arrives_draws_no_refusal()
    {
        // Was a bug: the limiter counted a request from the moment its permit was granted, the exchange from the moment the
        // request arrives. Now the runtime disposes the lease when the answer is in, and the limiter counts from then. When the first requests of a burst take longer to arrive than the later ones (a cold
        // TLS connection in production: DNS, TCP and TLS handshakes; here 300 ms simulated by a handler), the
        // exchange sees the next window's requests less than a window after the first ones and refuses them, with
        // the client's limiter "exact" and the default 50 ms SafetyMargin. README: "a waiting caller never gets a
        // 429/1032 it could have avoided". Expected: no refusal (for example, stamp the sliding log when the request
        // is sent or its answer arrives, not when the permit is granted).
        const int Limit = 5;
        await using var host = await Sim.StartAsync(o =>
        {
            o.HtxRateLimitPermits = Limit;
            o.HtxRateLimitWindow = Window;
        });
        using var coldStart = new ColdConnectionHandler(firstRequests: Limit, delay: TimeSpan.FromMilliseconds(300)) { InnerHandler = new HttpClientHandler() };
        using var http = new HttpClient(coldStart) { BaseAddress = host.BaseAddress };
        var client = new HtxClient(http, Sim.HtxOptions(host, o =>
        {
            o.ClockSync.Enabled = false;
            o.Retry.Enabled = false;
            o.RateLimit.PermitLimit = Limit;
            o.RateLimit.Window = Window;
        }));
        var uids = host.Accounts.HtxSubAccountUids.Take(2 * Limit).ToList();

        var outcomes = await Task.WhenAll(uids.Select(async uid => await Record.ExceptionAsync(() => client.GetCrossSubAccountInfoAsync(uid, "USDT"))));

        var refused = outcomes.Count(e => e is ExchangeRateLimitException);
        output.WriteLine($"{2 * Limit} calls at {Limit} / s, the first {Limit} delayed 300 ms on their way: {refused} refused by the exchange (1032)");
        Assert.All(outcomes, e => Assert.True(e is null or ExchangeRateLimitException, e?.ToString()));
        Assert.Equal(0, refused);
    }

    /// <summary>Opens connections and runs the client's code once (a wrong key: refused before the exchange's limit), so that a burst measures pacing, not start-up.</summary>
    private static async Task WarmUpAsync(SimulatorHost host, HttpClient http)
    {
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => http.GetStringAsync("api/v1/timestamp")));
        await Record.ExceptionAsync(() => new HtxClient(http, Sim.HtxCredentials(host, secret: "warm-up-not-the-secret")).GetCrossSubAccountInfoAsync(host.Accounts.HtxSubAccountUids[0], "USDT"));
        await Record.ExceptionAsync(() => new BitgetClient(http, Sim.BitgetCredentials(host, secret: "warm-up-not-the-secret")).GetSubAccountAssetsAsync(BitgetProductType.UsdtFutures));
        host.Statistics.Reset();
    }

    private static Task<SimulatorHost> StartAsync() => Sim.StartAsync(o =>
    {
        o.HtxRateLimitPermits = Permits;
        o.HtxRateLimitWindow = Window;
    });

    private static HtxClientOptions Options(SimulatorHost host) => Sim.HtxOptions(host, o => Configure(host, o));

    private static void Configure(SimulatorHost host, HtxClientOptions options)
    {
        options.BaseAddress = host.BaseAddress;
        options.AccessKey = host.Options.HtxAccessKey;
        options.SecretKey = host.Options.HtxSecretKey;
        options.RateLimit.PermitLimit = Permits;
        options.RateLimit.Window = Window;
        options.RateLimit.SafetyMargin = Margin;
        options.Retry.Enabled = false; // a refusal would show as a failed call, not be hidden by a retry
    }

    private void AssertAllServed(SimulatorHost host, List<long> uids, HtxCrossSubAccountInfoResult[] results, TimeSpan elapsed, int connections, string how)
    {
        output.WriteLine($"{how}: {results.Length} calls in {elapsed.TotalMilliseconds:0} ms, {host.Statistics.Htx.RateLimited} refused by the exchange, {host.Statistics.Htx.BadSignatures} bad signatures, {connections} TCP connections");
        Assert.Equal(uids, results.Select(r => r.SubUid));
        for (var i = 0; i < results.Length; i++)
        {
            HtxEndToEndTests.AssertSame(host.Accounts.Htx(uids[i])!.Accounts[0], Assert.Single(results[i]));
        }

        Assert.Equal(0, host.Statistics.Htx.RateLimited);
        Assert.Equal(0, host.Statistics.Htx.BadSignatures);
        Assert.Single(host.Statistics.RequestsTo(SimulatorEndpoint.HtxTimestamp)); // one clock measurement for the key, however many clients
        Assert.InRange(elapsed, Window * ((results.Length - 1) / Permits), TimeSpan.FromSeconds(20)); // the limit held: no fewer windows than it demands
        // Bounded by the concurrency, not the number of calls: at most one connection per caller for its call, and one
        // for the clock synchronisation (one server-time request per key: the clients of a key share its measurement);
        // twice the callers leaves room for the connections the factory test's second hundred calls may open.
        Assert.InRange(connections, 1, 2 * Callers);
    }

    private static void RecordFigures(string section, SimulatorHost host, TimeSpan elapsed, int connections) =>
        RobustnessFigures.Record("concurrency." + section, new Dictionary<string, object?>
        {
            ["calls"] = host.Statistics.Served - host.Statistics.RequestsTo(SimulatorEndpoint.HtxTimestamp).Count - host.Statistics.RequestsTo(SimulatorEndpoint.BitgetServerTime).Count,
            ["refusedByExchange"] = host.Statistics.RateLimited,
            ["limit"] = $"{Permits} / {Window.TotalSeconds:0} s",
            ["tcpConnections"] = connections,
            ["elapsedMs"] = Math.Round(elapsed.TotalMilliseconds),
        });
}

/// <summary>Delays the first requests before they go out, as cold connections (DNS, TCP and TLS handshakes) do.</summary>
internal sealed class ColdConnectionHandler(int firstRequests, TimeSpan delay) : DelegatingHandler
{
    private int _sent;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.RequestUri!.AbsolutePath.Contains("swap_cross", StringComparison.Ordinal) && Interlocked.Increment(ref _sent) <= firstRequests)
        {
            await Task.Delay(delay, cancellationToken);
        }

        return await base.SendAsync(request, cancellationToken);
    }
}
