using System.Diagnostics;
using GeneratedClients.Bitget;
using GeneratedClients.Htx;
using GeneratedClients.IntegrationTests.Support;
using GeneratedClients.Simulator;

namespace GeneratedClients.IntegrationTests;

/// <summary>What a network or a proxy does to a call (HTML pages, broken JSON, resets, latency), through the real client.</summary>
public class FaultTests
{
    [Fact]
    public async Task Bitget_html_403_from_a_proxy_is_a_permission_error_with_the_page_in_the_preview()
    {
        await using var host = await Sim.StartAsync();
        host.Faults.Enqueue(new SimulatorFault(SimulatorFaultKind.HtmlErrorPage, SimulatorEndpoint.BitgetSubAccountAssets));
        using var http = Sim.Http(host);
        var client = new BitgetClient(http, Sim.BitgetCredentials(host));

        var error = await Assert.ThrowsAsync<ExchangePermissionException>(() => client.GetSubAccountAssetsAsync(BitgetProductType.UsdtFutures));

        Assert.Equal(403, error.HttpStatus);
        Assert.Null(error.ExchangeCode);
        Assert.StartsWith("<html>", error.Details.BodyPreview, StringComparison.Ordinal);
        Assert.Contains("403 Forbidden", error.Details.BodyPreview, StringComparison.Ordinal);
        Assert.Equal(1, host.Statistics.Bitget.FaultsInjected);
    }

    [Fact]
    public async Task Htx_html_403_from_a_proxy_is_a_permission_error_with_the_page_in_the_preview()
    {
        await using var host = await Sim.StartAsync();
        host.Faults.Enqueue(new SimulatorFault(SimulatorFaultKind.HtmlErrorPage, SimulatorEndpoint.HtxCrossSubAccountInfo));
        using var http = Sim.Http(host);
        var client = new HtxClient(http, Sim.HtxCredentials(host));

        var error = await Assert.ThrowsAsync<ExchangePermissionException>(() => client.GetCrossSubAccountInfoAsync(10_000_001, "USDT"));

        Assert.Equal(403, error.HttpStatus);
        Assert.StartsWith("<html>", error.Details.BodyPreview, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_exchange_error_fault_answers_bitgets_own_envelope_with_the_code_and_status_asked_for()
    {
        await using var host = await Sim.StartAsync();
        host.Faults.Enqueue(new SimulatorFault(SimulatorFaultKind.ExchangeError, SimulatorEndpoint.BitgetSubAccountAssets) { ErrorCode = "40014", ErrorMessage = "Incorrect permissions", StatusCode = 403 });
        using var http = Sim.Http(host);
        var client = new BitgetClient(http, Sim.BitgetCredentials(host));

        var error = await Assert.ThrowsAsync<ExchangePermissionException>(() => client.GetSubAccountAssetsAsync(BitgetProductType.UsdtFutures));

        Assert.Equal(403, error.HttpStatus);
        Assert.Equal("40014", error.ExchangeCode);
        Assert.Equal("Incorrect permissions", error.ExchangeMessage);
        var record = Assert.Single(host.Statistics.RequestsTo(SimulatorEndpoint.BitgetSubAccountAssets));
        Assert.Equal(SimulatorFaultKind.ExchangeError, record.Fault);
        Assert.Equal("40014", record.ErrorCode);
    }

    [Fact]
    public async Task An_exchange_error_fault_answers_htxs_own_envelope_on_http_200_from_the_header_too()
    {
        await using var host = await Sim.StartAsync();
        using var http = Sim.Http(host);
        http.DefaultRequestHeaders.Add(SimulatorFault.HeaderName, "error=1220");
        var client = new HtxClient(http, Sim.HtxCredentials(host));

        var error = await Assert.ThrowsAnyAsync<ExchangeApiException>(() => client.GetCrossSubAccountInfoAsync(10_000_001, "USDT"));

        Assert.Equal(ExchangeErrorCategory.NotEnabled, error.Category);
        Assert.Equal(200, error.HttpStatus);
        Assert.Equal("1220", error.ExchangeCode);
        Assert.Equal("Simulated error", error.ExchangeMessage);
    }

    [Theory]
    [InlineData("error")]
    [InlineData("error=4001x")]
    [InlineData("error=40014;body=text")]
    public void An_exchange_error_fault_needs_a_code_of_digits(string header) =>
        Assert.Throws<FormatException>(() => SimulatorFault.Parse(header));

    [Fact]
    public async Task A_502_html_page_is_a_server_error_with_the_page_in_the_preview()
    {
        await using var host = await Sim.StartAsync();
        host.Faults.Enqueue(new SimulatorFault(SimulatorFaultKind.ServerError, SimulatorEndpoint.BitgetSubAccountAssets) { StatusCode = 502, HtmlBody = true });
        using var http = Sim.Http(host);
        var client = new BitgetClient(http, Sim.BitgetOptions(host, o => o.Retry.Enabled = false));

        var error = await Assert.ThrowsAsync<ExchangeServerException>(() => client.GetSubAccountAssetsAsync(BitgetProductType.UsdtFutures));

        Assert.Equal(502, error.HttpStatus);
        Assert.Contains("502 Bad Gateway", error.Details.BodyPreview, StringComparison.Ordinal);
        Assert.True(error.IsTransient);
    }

    [Fact]
    public async Task Bitget_truncated_json_is_a_response_error_and_is_not_retried()
    {
        await using var host = await Sim.StartAsync(o => o.RateLimitsEnabled = false);
        host.Faults.Enqueue(new SimulatorFault(SimulatorFaultKind.TruncatedJson, SimulatorEndpoint.BitgetSubAccountAssets));
        using var http = Sim.Http(host);
        var client = new BitgetClient(http, Sim.BitgetOptions(host, o => o.RateLimit.Enabled = false)); // retries on

        var error = await Assert.ThrowsAsync<ExchangeResponseException>(() => client.GetSubAccountAssetsAsync(BitgetProductType.UsdtFutures));

        Assert.Equal(200, error.HttpStatus);
        Assert.StartsWith("{\"code\":\"00000\"", error.BodyPreview, StringComparison.Ordinal);
        Assert.Single(host.Statistics.RequestsTo(SimulatorEndpoint.BitgetSubAccountAssets));
    }

    [Fact]
    public async Task Htx_truncated_json_is_a_response_error()
    {
        await using var host = await Sim.StartAsync();
        host.Faults.Enqueue(new SimulatorFault(SimulatorFaultKind.TruncatedJson, SimulatorEndpoint.HtxCrossSubAccountInfo));
        using var http = Sim.Http(host);
        var client = new HtxClient(http, Sim.HtxCredentials(host));

        var error = await Assert.ThrowsAsync<ExchangeResponseException>(() => client.GetCrossSubAccountInfoAsync(10_000_001, "USDT"));

        Assert.Equal(ExchangeErrorCategory.InvalidResponse, error.Category);
        Assert.StartsWith("{\"status\":\"ok\"", error.BodyPreview, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Malformed_json_is_a_response_error()
    {
        await using var host = await Sim.StartAsync();
        host.Faults.Enqueue(new SimulatorFault(SimulatorFaultKind.MalformedJson, SimulatorEndpoint.HtxCrossSubAccountInfo));
        using var http = Sim.Http(host);
        var client = new HtxClient(http, Sim.HtxCredentials(host));

        var error = await Assert.ThrowsAsync<ExchangeResponseException>(() => client.GetCrossSubAccountInfoAsync(10_000_001, "USDT"));

        Assert.StartsWith("{\"status\"=", error.BodyPreview, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_connection_reset_without_retries_is_a_network_error()
    {
        await using var host = await Sim.StartAsync();
        host.Faults.Enqueue(new SimulatorFault(SimulatorFaultKind.ConnectionReset, SimulatorEndpoint.HtxCrossSubAccountInfo));
        using var http = Sim.Http(host);
        var client = new HtxClient(http, Sim.HtxOptions(host, o => o.Retry.Enabled = false));

        var error = await Assert.ThrowsAsync<ExchangeNetworkException>(() => client.GetCrossSubAccountInfoAsync(10_000_001, "USDT"));

        Assert.Null(error.HttpStatus);
        Assert.True(error.IsTransient);
        Assert.Equal(1, host.Statistics.Htx.FaultsInjected);
    }

    [Fact]
    public async Task A_connection_reset_is_retried_and_the_call_succeeds()
    {
        await using var host = await Sim.StartAsync();
        host.Faults.Enqueue(new SimulatorFault(SimulatorFaultKind.ConnectionReset, SimulatorEndpoint.HtxCrossSubAccountInfo));
        using var http = Sim.Http(host);
        var client = new HtxClient(http, Sim.HtxOptions(host));

        var result = await client.GetCrossSubAccountInfoAsync(10_000_001, "USDT");

        Assert.Single(result);
        Assert.Equal([SimulatorOutcome.Fault, SimulatorOutcome.Served], host.Statistics.RequestsTo(SimulatorEndpoint.HtxCrossSubAccountInfo).Select(r => r.Outcome));
    }

    [Fact]
    public async Task Latency_past_the_timeout_without_retries_is_a_network_error_at_the_timeout()
    {
        await using var host = await Sim.StartAsync();
        using var http = Sim.Http(host);
        var client = new HtxClient(http, Sim.HtxOptions(host, o =>
        {
            o.Retry.Enabled = false;
            o.Timeout = TimeSpan.FromMilliseconds(400);
        }));
        await client.GetCrossSubAccountInfoAsync(10_000_002, "USDT"); // clock sync and the connection out of the way
        host.Faults.Enqueue(new SimulatorFault(SimulatorFaultKind.Latency, SimulatorEndpoint.HtxCrossSubAccountInfo) { Latency = TimeSpan.FromSeconds(5) });

        var clock = Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<ExchangeNetworkException>(() => client.GetCrossSubAccountInfoAsync(10_000_001, "USDT"));

        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(350), TimeSpan.FromSeconds(3));
        Assert.Contains("0.4 s", error.Message, StringComparison.Ordinal);
        Assert.Null(error.HttpStatus);
    }

    [Fact]
    public async Task Latency_past_the_timeout_is_retried_and_the_call_succeeds()
    {
        await using var host = await Sim.StartAsync(o => o.RateLimitsEnabled = false);
        host.Faults.Enqueue(new SimulatorFault(SimulatorFaultKind.Latency, SimulatorEndpoint.BitgetSubAccountAssets) { Latency = TimeSpan.FromSeconds(4) });
        using var http = Sim.Http(host);
        var client = new BitgetClient(http, Sim.BitgetOptions(host, o =>
        {
            o.RateLimit.Enabled = false;
            o.Timeout = TimeSpan.FromMilliseconds(400);
        }));

        var clock = Stopwatch.StartNew();
        var result = await client.GetSubAccountAssetsAsync(BitgetProductType.UsdtFutures);

        Assert.Equal(host.Options.BitgetSubAccountCount, result.Count);
        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(400), TimeSpan.FromSeconds(3)); // one timeout, then a quick answer
        Assert.Equal(3, host.Statistics.Bitget.Received); // the server time, the attempt that timed out and the retry
        Assert.Equal(2, host.Statistics.Bitget.Served); // the server time and the retried request
    }

    [Fact]
    public async Task An_endless_body_is_cut_off_by_the_size_limit()
    {
        await using var host = await Sim.StartAsync(o => o.RateLimitsEnabled = false);
        using var http = Sim.Http(host);
        http.DefaultRequestHeaders.Add(SimulatorFault.HeaderName, "endless=2"); // the per-request header, not the queue
        var client = new BitgetClient(http, Sim.BitgetOptions(host, o =>
        {
            o.ClockSync.Enabled = false;
            o.Retry.Enabled = false;
            o.MaxResponseBytes = 2048;
        }));

        var error = await Assert.ThrowsAsync<ExchangeResponseException>(() => client.GetSubAccountAssetsAsync(BitgetProductType.UsdtFutures));

        Assert.Contains("2048", error.Message, StringComparison.Ordinal);
        Assert.StartsWith("{\"code\":\"00000\"", error.BodyPreview, StringComparison.Ordinal);
    }
}
