using System.Diagnostics;
using GeneratedClients.Htx;
using GeneratedClients.IntegrationTests.Support;
using GeneratedClients.Simulator;

namespace GeneratedClients.IntegrationTests;

/// <summary>
/// Timeouts and cancellation hold in the places the simulator showed they once did not: the server-time
/// measurement, and a response body that trickles in after the headers.
/// </summary>
public class TimeoutAndCancellationTests
{
    /// <summary>
    /// Was a bug: clock synchronisation is not bounded by <see cref="ExchangeClientOptions.Timeout"/>. Before the
    /// first attempt, ExchangeRuntime.ExecuteAsync awaits ExchangeClock.EnsureFreshAsync, whose measurement
    /// (ExchangeClock.MeasureAsync) calls the server-time endpoint with CancellationToken.None; only
    /// HttpClient.Timeout (100 s by default) ends it. So a slow or hung time endpoint holds every call of
    /// the client (and every concurrent call waits on the same measurement) far past the configured
    /// Timeout, although a failed measurement is meant to be reported and skipped ("never thrown").
    /// Expected: the call ends (succeeds without a fresh offset, or fails) within about Timeout.
    /// </summary>
    [Fact]
    public async Task A_slow_server_time_endpoint_holds_the_call_no_longer_than_the_timeout()
    {
        await using var host = await Sim.StartAsync();
        host.Faults.Enqueue(new SimulatorFault(SimulatorFaultKind.Latency, SimulatorEndpoint.HtxTimestamp) { Latency = TimeSpan.FromSeconds(3) });
        using var http = Sim.Http(host);
        var client = new HtxClient(http, Sim.HtxOptions(host, o =>
        {
            o.Timeout = TimeSpan.FromMilliseconds(400);
            o.Retry.Enabled = false;
        }));

        var clock = Stopwatch.StartNew();
        try
        {
            await client.GetCrossSubAccountInfoAsync(10_000_001, "USDT");
        }
        catch (ExchangeApiException)
        {
            // Failing is acceptable; waiting is not.
        }

        clock.Stop();
        Assert.True(
            clock.Elapsed < TimeSpan.FromSeconds(1.5),
            $"With Timeout = 0.4 s the call took {clock.Elapsed.TotalSeconds:0.00} s: it waited for the 3 s server-time request of the clock sync.");
    }

    /// <summary>
    /// Was a bug: neither <see cref="ExchangeClientOptions.Timeout"/> nor the caller's CancellationToken bounds the
    /// reading of a response body. The generated transport sends with HttpCompletionOption.ResponseHeadersRead,
    /// so the token stops mattering once the headers are in; ReadObjectResponseAsync then deserializes the body
    /// with Newtonsoft's synchronous JsonSerializer.Deserialize from the network stream (through
    /// ExchangeCall.BoundedStream.Read), where no token is observed. A server that answers the headers and then
    /// trickles the body holds the call, and blocks a thread-pool thread, until the connection drops or
    /// MaxResponseBytes (8 MiB by default) is reached. Expected: a network error at about Timeout.
    /// (Here the simulator gives up after 4 s and resets the connection; without that the call would hang.)
    /// </summary>
    [Fact]
    public async Task A_body_that_never_ends_is_cut_off_by_the_timeout()
    {
        await using var host = await Sim.StartAsync();
        host.Faults.Enqueue(new SimulatorFault(SimulatorFaultKind.EndlessBody, SimulatorEndpoint.HtxCrossSubAccountInfo) { EndlessLimit = TimeSpan.FromSeconds(4) });
        using var http = Sim.Http(host);
        var client = new HtxClient(http, Sim.HtxOptions(host, o =>
        {
            o.Timeout = TimeSpan.FromMilliseconds(500);
            o.Retry.Enabled = false;
        }));

        var clock = Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<ExchangeNetworkException>(() => client.GetCrossSubAccountInfoAsync(10_000_001, "USDT"));

        clock.Stop();
        Assert.True(
            clock.Elapsed < TimeSpan.FromSeconds(2),
            $"With Timeout = 0.5 s the call took {clock.Elapsed.TotalSeconds:0.00} s and ended with: {error.Message}");
    }

    /// <summary>
    /// BUG (same cause as <see cref="A_body_that_never_ends_is_cut_off_by_the_timeout"/>): the caller's
    /// CancellationToken is ignored while the body is read. The plain client, one call, the token cancelled
    /// after 0.5 s: expected an OperationCanceledException at about 0.5 s; the call instead runs until the
    /// connection drops and then reports an ExchangeNetworkException.
    /// </summary>
    [Fact]
    public async Task Cancelling_the_call_while_the_body_trickles_in_cancels_it()
    {
        await using var host = await Sim.StartAsync();
        host.Faults.Enqueue(new SimulatorFault(SimulatorFaultKind.EndlessBody, SimulatorEndpoint.HtxCrossSubAccountInfo) { EndlessLimit = TimeSpan.FromSeconds(4) });
        using var http = Sim.Http(host);
        var client = new HtxClient(http, Sim.HtxCredentials(host));
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));

        var clock = Stopwatch.StartNew();
        var error = await Record.ExceptionAsync(() => client.GetCrossSubAccountInfoAsync(10_000_001, "USDT", cancel.Token));

        clock.Stop();
        Assert.True(
            error is OperationCanceledException && clock.Elapsed < TimeSpan.FromSeconds(2),
            $"Cancelled at 0.5 s, the call ended after {clock.Elapsed.TotalSeconds:0.00} s with {error?.GetType().Name}: {error?.Message}");
    }
}
