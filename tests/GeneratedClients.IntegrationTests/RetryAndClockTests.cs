using System.Globalization;
using GeneratedClients.Bitget;
using GeneratedClients.Htx;
using GeneratedClients.IntegrationTests.Support;
using GeneratedClients.Simulator;

namespace GeneratedClients.IntegrationTests;

/// <summary>Retries that sign each attempt anew, and request timestamps kept inside the exchange's window by clock sync.</summary>
public class RetryAndClockTests
{
    [Fact]
    public async Task Bitget_retries_a_503_with_a_freshly_signed_request()
    {
        await using var host = await Sim.StartAsync(o => o.RateLimitsEnabled = false);
        host.Faults.Enqueue(new SimulatorFault(SimulatorFaultKind.ServerError, SimulatorEndpoint.BitgetSubAccountAssets));
        using var http = Sim.Http(host);
        var client = new BitgetClient(http, Sim.BitgetOptions(host, o => o.RateLimit.Enabled = false));

        var result = await client.GetSubAccountAssetsAsync(BitgetProductType.UsdtFutures);

        Assert.Equal(host.Options.BitgetSubAccountCount, result.Count);
        var requests = host.Statistics.RequestsTo(SimulatorEndpoint.BitgetSubAccountAssets);
        Assert.Equal(2, requests.Count);
        Assert.Equal([SimulatorOutcome.Fault, SimulatorOutcome.Served], requests.Select(r => r.Outcome));
        Assert.Equal(503, requests[0].HttpStatus);
        Assert.All(requests, r => Assert.True(r.SignatureValid));
        Assert.True(Milliseconds(requests[1]) > Milliseconds(requests[0]), "the retry carries a newer ACCESS-TIMESTAMP");
        Assert.Equal(0, host.Statistics.Bitget.BadSignatures);
    }

    [Fact]
    public async Task Htx_retries_a_503_after_a_second_with_a_newer_signed_timestamp()
    {
        await using var host = await Sim.StartAsync();
        host.Faults.Enqueue(new SimulatorFault(SimulatorFaultKind.ServerError, SimulatorEndpoint.HtxCrossSubAccountInfo));
        using var http = Sim.Http(host);
        var client = new HtxClient(http, Sim.HtxOptions(host, o => o.Retry.BaseDelay = TimeSpan.FromMilliseconds(1100)));

        var result = await client.GetCrossSubAccountInfoAsync(10_000_001, "USDT");

        Assert.Single(result);
        var requests = host.Statistics.RequestsTo(SimulatorEndpoint.HtxCrossSubAccountInfo);
        Assert.Equal(2, requests.Count);
        Assert.Equal([SimulatorOutcome.Fault, SimulatorOutcome.Served], requests.Select(r => r.Outcome));
        Assert.All(requests, r => Assert.True(r.SignatureValid));
        Assert.True(requests[1].SignedAt > requests[0].SignedAt, $"the retry was signed at {requests[1].SignedTimestamp}, the first attempt at {requests[0].SignedTimestamp}");
        Assert.NotEqual(requests[0].SignedTimestamp, requests[1].SignedTimestamp);
    }

    [Fact]
    public async Task Bitget_clock_sync_corrects_an_exchange_clock_two_minutes_ahead()
    {
        await using var host = await Sim.StartAsync(o => o.ClockOffset = TimeSpan.FromMinutes(2));
        using var http = Sim.Http(host);
        var client = new BitgetClient(http, Sim.BitgetOptions(host));

        var result = await client.GetSubAccountAssetsAsync(BitgetProductType.UsdtFutures);

        Assert.Equal(host.Options.BitgetSubAccountCount, result.Count);
        Assert.InRange(client.ClockOffset, TimeSpan.FromSeconds(118), TimeSpan.FromSeconds(122));
        var request = Assert.Single(host.Statistics.RequestsTo(SimulatorEndpoint.BitgetSubAccountAssets));
        Assert.InRange((request.SignedAt!.Value - request.ReceivedAt).Duration(), TimeSpan.Zero, TimeSpan.FromSeconds(2));
    }

    [Fact]
    public async Task Bitget_without_clock_sync_fails_against_an_exchange_clock_two_minutes_ahead()
    {
        await using var host = await Sim.StartAsync(o => o.ClockOffset = TimeSpan.FromMinutes(2));
        using var http = Sim.Http(host);
        var client = new BitgetClient(http, Sim.BitgetOptions(host, o => o.ClockSync.Enabled = false));

        var error = await Assert.ThrowsAsync<ExchangeTimestampException>(() => client.GetSubAccountAssetsAsync(BitgetProductType.UsdtFutures));

        Assert.Equal("40008", error.ExchangeCode);
        Assert.Equal(TimeSpan.Zero, client.ClockOffset);
        Assert.Empty(host.Statistics.RequestsTo(SimulatorEndpoint.BitgetServerTime));
    }

    [Fact]
    public async Task Bitget_clock_that_drifts_after_the_sync_is_measured_again_on_40008_and_the_call_succeeds()
    {
        await using var host = await Sim.StartAsync(o => o.RateLimitsEnabled = false);
        using var http = Sim.Http(host);
        var client = new BitgetClient(http, Sim.BitgetOptions(host, o => o.RateLimit.Enabled = false));
        await client.GetSubAccountAssetsAsync(BitgetProductType.UsdtFutures); // synchronised at offset ~0

        host.ClockOffset = TimeSpan.FromMinutes(-3);
        var result = await client.GetSubAccountAssetsAsync(BitgetProductType.UsdtFutures);

        Assert.Equal(host.Options.BitgetSubAccountCount, result.Count);
        Assert.InRange(client.ClockOffset, TimeSpan.FromSeconds(-182), TimeSpan.FromSeconds(-178));
        Assert.Equal(
            [SimulatorOutcome.Served, SimulatorOutcome.TimestampExpired, SimulatorOutcome.Served],
            host.Statistics.RequestsTo(SimulatorEndpoint.BitgetSubAccountAssets).Select(r => r.Outcome));
        Assert.Equal(2, host.Statistics.RequestsTo(SimulatorEndpoint.BitgetServerTime).Count);
    }

    [Fact]
    public async Task Htx_clock_sync_corrects_an_exchange_clock_ten_minutes_ahead()
    {
        await using var host = await Sim.StartAsync(o => o.ClockOffset = TimeSpan.FromMinutes(10));
        using var http = Sim.Http(host);
        var client = new HtxClient(http, Sim.HtxOptions(host));

        var result = await client.GetCrossSubAccountInfoAsync(10_000_002, "USDT");

        Assert.Single(result);
        Assert.InRange(client.ClockOffset, TimeSpan.FromSeconds(598), TimeSpan.FromSeconds(602));
        Assert.True(Assert.Single(host.Statistics.RequestsTo(SimulatorEndpoint.HtxCrossSubAccountInfo)).SignatureValid);
    }

    private static long Milliseconds(SimulatorRequestRecord request) =>
        long.Parse(request.SignedTimestamp!, NumberStyles.None, CultureInfo.InvariantCulture);
}
