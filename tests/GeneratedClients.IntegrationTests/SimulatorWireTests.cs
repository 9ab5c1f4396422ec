using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using GeneratedClients.Bitget;
using GeneratedClients.Htx;
using GeneratedClients.IntegrationTests.Support;
using GeneratedClients.Simulator;

namespace GeneratedClients.IntegrationTests;

/// <summary>
/// The simulator on its own, over raw HTTP: the exact wire shapes, its signature checks and error codes,
/// its rate limits on a manual clock, its determinism. (Requests are signed with the library's public
/// signers, a cross-check of both implementations.)
/// </summary>
public class SimulatorWireTests
{
    [Fact]
    public async Task Binds_to_the_ipv4_loopback_only()
    {
        await using var host = await Sim.StartAsync();

        Assert.Equal("127.0.0.1", host.BaseAddress.Host);
        Assert.NotEqual(0, host.BaseAddress.Port);
        Assert.Equal("/", host.BaseAddress.AbsolutePath);
    }

    [Fact]
    public async Task Bitget_assets_have_the_wire_shape_number_user_id_decimal_strings_account_equity_and_empty_coupon()
    {
        await using var host = await Sim.StartAsync(o => o.BitgetSubAccountCount = 10);
        using var http = Sim.Http(host);

        using var response = await http.SendAsync(SignedBitget(host, "productType=USDT-FUTURES"));
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var root = json.RootElement;
        Assert.Equal("00000", root.GetProperty("code").GetString());
        Assert.Equal("success", root.GetProperty("msg").GetString());
        Assert.Equal(JsonValueKind.Number, root.GetProperty("requestTime").ValueKind);
        var data = root.GetProperty("data").EnumerateArray().ToList();
        Assert.Equal(10, data.Count);
        var coupons = new List<string>();
        foreach (var subAccount in data)
        {
            Assert.Equal(JsonValueKind.Number, subAccount.GetProperty("userId").ValueKind);
            foreach (var asset in subAccount.GetProperty("assetList").EnumerateArray())
            {
                Assert.False(asset.TryGetProperty("equity", out _));
                foreach (var name in new[] { "locked", "available", "crossedMaxAvailable", "isolatedMaxAvailable", "maxTransferOut", "accountEquity", "usdtEquity", "btcEquity", "unrealizedPL" })
                {
                    var text = asset.GetProperty(name).GetString()!;
                    Assert.Matches("^-?[0-9]+(\\.[0-9]*[1-9])?$", text); // a decimal string, no exponent, no trailing zeros
                }

                coupons.Add(asset.GetProperty("coupon").GetString()!);
            }
        }

        Assert.Contains("", coupons);
        var available = data.Select(d => d.GetProperty("assetList")[0].GetProperty("available").GetString()!).ToList();
        Assert.Contains(available, a => a.Contains('.', StringComparison.Ordinal) && a.Split('.')[1].Length >= 4); // realistic amounts
        Assert.Equal(host.Accounts.Bitget("USDT-FUTURES")![0].UserId, data[0].GetProperty("userId").GetInt64());
    }

    [Fact]
    public async Task Htx_accounts_have_the_wire_shape_nulls_empty_strings_profit_real_and_a_missing_cross_max_available()
    {
        await using var host = await Sim.StartAsync();
        using var http = Sim.Http(host);
        var uid = Sim.HtxSubAccount(host, withPosition: false).SubUid;

        using var json = await PostHtxAsync(http, host, $"{{\"sub_uid\":{uid},\"margin_account\":\"USDT\"}}");

        var root = json.RootElement;
        Assert.Equal("ok", root.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Number, root.GetProperty("ts").ValueKind);
        var account = Assert.Single(root.GetProperty("data").EnumerateArray().ToList());
        Assert.Equal(JsonValueKind.Null, account.GetProperty("risk_rate").ValueKind);
        Assert.Equal("", account.GetProperty("money_in").GetString());
        Assert.Equal("", account.GetProperty("money_out").GetString());
        Assert.Equal("", account.GetProperty("new_risk_rate").GetString());
        Assert.Equal(JsonValueKind.Number, account.GetProperty("profit_real").ValueKind);
        Assert.Equal(JsonValueKind.Number, account.GetProperty("margin_balance").ValueKind);
        Assert.All(account.GetProperty("contract_detail").EnumerateArray(), c => Assert.Equal(JsonValueKind.Null, c.GetProperty("liquidation_price").ValueKind));
        Assert.All(account.GetProperty("contract_detail").EnumerateArray(), c => Assert.Equal("", c.GetProperty("cross_max_available").GetString()));
        var futures = account.GetProperty("futures_contract_detail").EnumerateArray().ToList();
        Assert.Equal(3, futures.Count);
        Assert.Single(futures, f => !f.TryGetProperty("cross_max_available", out _));
        Assert.All(futures, f => Assert.Equal("futures", f.GetProperty("business_type").GetString()));
    }

    [Fact]
    public async Task Htx_accepts_sub_uid_as_a_string_and_returns_all_margin_accounts_when_none_is_named()
    {
        await using var host = await Sim.StartAsync();
        using var http = Sim.Http(host);

        using var json = await PostHtxAsync(http, host, "{\"sub_uid\":\"10000005\"}");

        var account = Assert.Single(json.RootElement.GetProperty("data").EnumerateArray().ToList());
        Assert.Equal("USDT", account.GetProperty("margin_account").GetString());
        Assert.Equal(host.Accounts.Htx(10_000_005)!.Accounts[0].MarginStatic, account.GetProperty("margin_static").GetDecimal());
    }

    [Theory]
    [InlineData("{}", 1014)]
    [InlineData("{\"sub_uid\":0}", 1014)]
    [InlineData("{\"sub_uid\":\"12a\"}", 1014)]
    [InlineData("{\"sub_uid\":10000001,\"margin_account\":5}", 1014)]
    [InlineData("not json", 1014)]
    [InlineData("{\"sub_uid\":42}", 1010)]
    public async Task Htx_refuses_a_bad_body_with_its_error_envelope_on_http_200(string body, int code)
    {
        await using var host = await Sim.StartAsync();
        using var http = Sim.Http(host);

        using var json = await PostHtxAsync(http, host, body);

        var root = json.RootElement;
        Assert.Equal("error", root.GetProperty("status").GetString());
        Assert.Equal(code, root.GetProperty("err_code").GetInt32());
        Assert.False(string.IsNullOrEmpty(root.GetProperty("err_msg").GetString()));
        Assert.Equal(JsonValueKind.Number, root.GetProperty("ts").ValueKind);
        Assert.Equal(1, host.Statistics.Htx.BadRequests);
    }

    [Theory]
    [InlineData(null, "40001", "ACCESS_KEY cannot be empty")]
    [InlineData("ACCESS-SIGN", "40002", "ACCESS_SIGN cannot be empty")]
    [InlineData("ACCESS-TIMESTAMP", "40003", "ACCESS_TIMESTAMP cannot be empty")]
    [InlineData("ACCESS-PASSPHRASE", "40011", "ACCESS_PASSPHRASE cannot be empty")]
    public async Task Bitget_refuses_a_missing_signing_header_with_http_400(string? missing, string code, string message)
    {
        await using var host = await Sim.StartAsync();
        using var http = Sim.Http(host);
        using var request = SignedBitget(host, "productType=USDT-FUTURES");
        request.Headers.Remove(missing ?? "ACCESS-KEY");

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(code, json.RootElement.GetProperty("code").GetString());
        Assert.Equal(message, json.RootElement.GetProperty("msg").GetString());
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("data").ValueKind);
        Assert.Equal(JsonValueKind.Number, json.RootElement.GetProperty("requestTime").ValueKind);
    }

    [Theory]
    [InlineData("", "40019", "Parameter productType cannot be empty")]
    [InlineData("productType=SPOT", "40020", "Parameter productType error")]
    public async Task Bitget_refuses_a_missing_or_unknown_product_type(string query, string code, string message)
    {
        await using var host = await Sim.StartAsync();
        using var http = Sim.Http(host);

        using var response = await http.SendAsync(SignedBitget(host, query));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(code, json.RootElement.GetProperty("code").GetString());
        Assert.Equal(message, json.RootElement.GetProperty("msg").GetString());
    }

    [Fact]
    public async Task Bitget_signature_covers_the_query_exactly_as_sent()
    {
        await using var host = await Sim.StartAsync();
        using var http = Sim.Http(host);
        using var request = SignedBitget(host, "productType=USDT-FUTURES");
        request.RequestUri = new Uri("api/v2/mix/account/sub-account-assets?productType=usdt-futures", UriKind.Relative); // signed upper case

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("\"40009\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Htx_signature_covers_the_host_so_a_request_signed_for_another_host_is_refused()
    {
        await using var host = await Sim.StartAsync();
        using var http = Sim.Http(host);
        var query = HtxSigner.BuildSignedQuery(Sim.HtxCredentials(host), "POST", "api.hbdm.com", "/linear-swap-api/v1/swap_cross_sub_account_info", DateTimeOffset.UtcNow);

        using var response = await http.PostAsync("linear-swap-api/v1/swap_cross_sub_account_info?" + query, Json("{\"sub_uid\":10000001}"));
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(403, json.RootElement.GetProperty("err_code").GetInt32());
        Assert.Equal(1, host.Statistics.Htx.BadSignatures);
    }

    [Fact]
    public async Task Htx_signs_the_host_from_the_host_header_without_its_port()
    {
        await using var host = await Sim.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri($"http://localhost:{host.BaseAddress.Port}/") };
        var client = new HtxClient(http, Sim.HtxCredentials(host)); // signs "localhost"

        var result = await client.GetCrossSubAccountInfoAsync(10_000_003, "USDT");

        Assert.Single(result);
    }

    [Fact]
    public async Task Rate_limits_follow_the_injected_clock()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2024, 6, 3, 8, 0, 0, TimeSpan.Zero));
        await using var host = await Sim.StartAsync(o => o.TimeProvider = clock);
        using var http = Sim.Http(host);
        var htx = new HtxClient(http, Sim.HtxCredentials(host), clock);
        var bitget = new BitgetClient(http, Sim.BitgetCredentials(host), clock);

        for (var i = 0; i < 72; i++)
        {
            await htx.GetCrossSubAccountInfoAsync(10_000_001 + i, "USDT");
        }

        var htxError = await Assert.ThrowsAsync<ExchangeRateLimitException>(() => htx.GetCrossSubAccountInfoAsync(10_000_100, "USDT"));
        await bitget.GetSubAccountAssetsAsync(BitgetProductType.UsdtFutures);
        var bitgetError = await Assert.ThrowsAsync<ExchangeRateLimitException>(() => bitget.GetSubAccountAssetsAsync(BitgetProductType.UsdtFutures));
        clock.Advance(TimeSpan.FromSeconds(3));
        await htx.GetCrossSubAccountInfoAsync(10_000_100, "USDT");
        clock.Advance(TimeSpan.FromSeconds(7));
        await bitget.GetSubAccountAssetsAsync(BitgetProductType.UsdtFutures);

        Assert.Equal("1032", htxError.ExchangeCode);
        Assert.Equal("The number of access exceeded the limit.", htxError.ExchangeMessage);
        Assert.Equal(200, htxError.HttpStatus);
        Assert.Equal(429, bitgetError.HttpStatus);
        Assert.Equal(1, host.Statistics.Htx.RateLimited);
        Assert.Equal(1, host.Statistics.Bitget.RateLimited);
        Assert.Equal(clock.GetUtcNow(), host.Now);
    }

    [Fact]
    public async Task The_same_seed_gives_the_same_data_and_another_seed_other_data()
    {
        await using var first = await Sim.StartAsync(o => o.Seed = 7);
        await using var second = await Sim.StartAsync(o => o.Seed = 7);
        await using var third = await Sim.StartAsync(o => o.Seed = 8);

        Assert.Equal(Snapshot(first), Snapshot(second));
        Assert.NotEqual(Snapshot(first), Snapshot(third));

        static string Snapshot(SimulatorHost host) =>
            JsonSerializer.Serialize(host.Accounts.Bitget("COIN-FUTURES")) + JsonSerializer.Serialize(host.Accounts.HtxSubAccountUids.Select(host.Accounts.Htx));
    }

    [Fact]
    public async Task The_fault_header_applies_to_one_request_and_a_bad_one_is_refused()
    {
        await using var host = await Sim.StartAsync();
        using var http = Sim.Http(host);

        using var faulted = new HttpRequestMessage(HttpMethod.Get, "api/v1/timestamp");
        faulted.Headers.Add(SimulatorFault.HeaderName, "status=504");
        using var faultedResponse = await http.SendAsync(faulted);
        using var bad = new HttpRequestMessage(HttpMethod.Get, "api/v1/timestamp");
        bad.Headers.Add(SimulatorFault.HeaderName, "explode");
        using var badResponse = await http.SendAsync(bad);
        var normal = await http.GetStringAsync("api/v1/timestamp");

        Assert.Equal(HttpStatusCode.GatewayTimeout, faultedResponse.StatusCode);
        Assert.Contains("\"err_code\":504", await faultedResponse.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, badResponse.StatusCode);
        Assert.StartsWith("{\"status\":\"ok\",\"ts\":", normal, StringComparison.Ordinal);
        Assert.Equal(1, host.Statistics.Htx.FaultsInjected);
    }

    [Fact]
    public async Task A_queued_fault_applies_to_its_endpoint_only_and_for_its_count()
    {
        await using var host = await Sim.StartAsync();
        using var http = Sim.Http(host);
        host.Faults.Enqueue(new SimulatorFault(SimulatorFaultKind.HtmlErrorPage, SimulatorEndpoint.BitgetServerTime, Count: 2) { StatusCode = 502 });

        var htx = await http.GetAsync("api/v1/timestamp");
        var first = await http.GetAsync("api/v2/public/time");
        var second = await http.GetAsync("api/v2/public/time");
        var third = await http.GetAsync("api/v2/public/time");

        Assert.Equal(HttpStatusCode.OK, htx.StatusCode);
        Assert.Equal(HttpStatusCode.BadGateway, first.StatusCode);
        Assert.Equal("text/html", first.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.BadGateway, second.StatusCode);
        Assert.Equal(HttpStatusCode.OK, third.StatusCode);
        Assert.Equal(0, host.Faults.Count);
    }

    private static HttpRequestMessage SignedBitget(SimulatorHost host, string query)
    {
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        const string path = "/api/v2/mix/account/sub-account-assets";
        var signature = BitgetSigner.ComputeSignature(Sim.BitgetCredentials(host), timestamp, "GET", path, query.Length == 0 ? null : query, null);
        var request = new HttpRequestMessage(HttpMethod.Get, path[1..] + (query.Length == 0 ? "" : "?" + query));
        request.Headers.Add("ACCESS-KEY", host.Options.BitgetApiKey);
        request.Headers.Add("ACCESS-SIGN", signature);
        request.Headers.Add("ACCESS-TIMESTAMP", timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add("ACCESS-PASSPHRASE", host.Options.BitgetPassphrase);
        return request;
    }

    private static async Task<JsonDocument> PostHtxAsync(HttpClient http, SimulatorHost host, string body)
    {
        const string path = "/linear-swap-api/v1/swap_cross_sub_account_info";
        var query = HtxSigner.BuildSignedQuery(Sim.HtxCredentials(host), "POST", host.BaseAddress.Host, path, DateTimeOffset.UtcNow);
        using var response = await http.PostAsync(path[1..] + "?" + query, Json(body));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync());
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}
