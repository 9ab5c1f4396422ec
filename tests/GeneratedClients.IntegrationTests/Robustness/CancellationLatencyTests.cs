using System.Diagnostics;
using GeneratedClients.Bitget;
using GeneratedClients.Htx;
using GeneratedClients.IntegrationTests.Support;
using GeneratedClients.Simulator;
using Xunit.Abstractions;

namespace GeneratedClients.IntegrationTests.Robustness;

/// <summary>
/// The caller's token stops a call within 100 ms of firing, wherever the call is waiting: for a slow answer,
/// for a body that trickles in, in the rate limiter's queue, in a retry's backoff, in clock synchronisation,
/// and in the middle of a sweep. Measured with a Stopwatch from the moment the token is cancelled to the moment
/// the caller sees the OperationCanceledException. Real time, so these run alone.
/// </summary>
[Collection(TimingSensitive.Name)]
public class CancellationLatencyTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Bound = TimeSpan.FromMilliseconds(100);

    public static TheoryData<string> Waits => ["slow answer (plain client)", "slow answer (options client)", "trickling body", "rate limiter queue", "retry backoff", "clock synchronisation", "sweep of 100"];

    [Theory]
    [MemberData(nameof(Waits))]
    public async Task Cancellation_ends_the_call_within_100_ms_wherever_it_waits(string where)
    {
        await using var host = await Sim.StartAsync(o =>
        {
            o.HtxRateLimitPermits = 50;
            o.HtxRateLimitWindow = TimeSpan.FromSeconds(1);
        });
        using var http = Sim.Http(host);
        using var cancel = new CancellationTokenSource();
        var token = cancel.Token;
        await http.GetStringAsync("api/v1/timestamp"); // a warm connection, so that the measurement is about the client

        Task call;
        switch (where)
        {
            case "slow answer (plain client)":
                host.Faults.Enqueue(new SimulatorFault(SimulatorFaultKind.Latency, SimulatorEndpoint.HtxCrossSubAccountInfo) { Latency = TimeSpan.FromSeconds(10) });
                call = new HtxClient(http, Sim.HtxCredentials(host)).GetCrossSubAccountInfoAsync(10_000_001, "USDT", token);
                break;
            case "slow answer (options client)":
                host.Faults.Enqueue(new SimulatorFault(SimulatorFaultKind.Latency, SimulatorEndpoint.BitgetSubAccountAssets) { Latency = TimeSpan.FromSeconds(10) });
                call = new BitgetClient(http, Sim.BitgetOptions(host)).GetSubAccountAssetsAsync(BitgetProductType.UsdtFutures, token);
                break;
            case "trickling body":
                host.Faults.Enqueue(new SimulatorFault(SimulatorFaultKind.EndlessBody, SimulatorEndpoint.HtxCrossSubAccountInfo) { EndlessInterval = TimeSpan.FromMilliseconds(20), EndlessLimit = TimeSpan.FromSeconds(10) });
                call = new HtxClient(http, Sim.HtxOptions(host)).GetCrossSubAccountInfoAsync(10_000_001, "USDT", token);
                break;
            case "rate limiter queue":
                var limited = new BitgetClient(http, Sim.BitgetOptions(host)); // 1 request / 10 s: the second call queues
                await limited.GetSubAccountAssetsAsync(BitgetProductType.UsdtFutures);
                call = limited.GetSubAccountAssetsAsync(BitgetProductType.UsdtFutures, token);
                break;
            case "retry backoff":
                host.Faults.Enqueue(new SimulatorFault(SimulatorFaultKind.ServerError, SimulatorEndpoint.HtxCrossSubAccountInfo, 5));
                call = new HtxClient(http, Sim.HtxOptions(host, o => o.Retry.BaseDelay = TimeSpan.FromSeconds(10))).GetCrossSubAccountInfoAsync(10_000_001, "USDT", token);
                break;
            case "clock synchronisation":
                host.Faults.Enqueue(new SimulatorFault(SimulatorFaultKind.Latency, SimulatorEndpoint.HtxTimestamp) { Latency = TimeSpan.FromSeconds(10) });
                call = new HtxClient(http, Sim.HtxOptions(host)).GetCrossSubAccountInfoAsync(10_000_001, "USDT", token);
                break;
            default:
                var sweeper = new HtxClient(http, Sim.HtxOptions(host, o =>
                {
                    o.RateLimit.PermitLimit = 50;
                    o.RateLimit.Window = TimeSpan.FromSeconds(1);
                }));
                call = sweeper.GetCrossSubAccountInfoAsync(host.Accounts.HtxSubAccountUids.Take(100), "USDT", null, token);
                break;
        }

        await Task.Delay(400); // the call is now waiting where the scenario put it
        Assert.False(call.IsCompleted, $"{where}: the call ended before it was cancelled: {call.Exception?.InnerException?.Message}");
        var clock = Stopwatch.StartNew();
        await cancel.CancelAsync();
        var error = await Record.ExceptionAsync(() => call.WaitAsync(TimeSpan.FromSeconds(10)));
        clock.Stop();

        output.WriteLine($"{where}: ended {clock.Elapsed.TotalMilliseconds:0.0} ms after the token fired, with {error?.GetType().Name}");
        RobustnessFigures.Record("cancellation." + where, new Dictionary<string, object?> { ["latencyMs"] = Math.Round(clock.Elapsed.TotalMilliseconds, 1) });
        Assert.IsAssignableFrom<OperationCanceledException>(error);
        Assert.True(clock.Elapsed < Bound, $"{where}: the call ended {clock.Elapsed.TotalMilliseconds:0} ms after the token fired (bound {Bound.TotalMilliseconds} ms)");
    }
}
