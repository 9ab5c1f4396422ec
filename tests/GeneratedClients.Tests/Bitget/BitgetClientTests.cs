using GeneratedClients.Bitget;
using GeneratedClients.Tests.Support;

namespace GeneratedClients.Tests.Bitget;

public class BitgetClientTests
{
    private const string Seed = "getSubAccountAssets.200.json";

    private static BitgetClient Client(MockExchange exchange, string? baseAddress = null) =>
        new(exchange.Client(baseAddress), Fakes.Bitget(), TestTime.At(Fakes.BitgetTime));

    private static Task<BitgetSubAccountAssetsResult> Call(MockExchange exchange, BitgetProductType type = BitgetProductType.UsdtFutures) =>
        Client(exchange).GetSubAccountAssetsAsync(type);

    private static string SeedWith(string find, string replace) => Samples.Read("bitget", Seed).Replace(find, replace, StringComparison.Ordinal);

    [Fact]
    public async Task Sends_the_exact_signed_request()
    {
        var exchange = MockExchange.Answering(200, Samples.Read("bitget", Seed));

        await Call(exchange);

        var request = exchange.Request;
        Assert.Equal(HttpMethod.Get, request.Method);
        Assert.Equal("https://api.bitget.com/api/v2/mix/account/sub-account-assets?productType=USDT-FUTURES", request.RequestUri!.AbsoluteUri);
        Assert.Equal(Fakes.BitgetKey, MockExchange.Header(request, "ACCESS-KEY"));
        Assert.Equal("1659076670000", MockExchange.Header(request, "ACCESS-TIMESTAMP"));
        Assert.Equal("y1i46LhhryVmKVHUILbC7UYW106Z2NTG/VDZ5aOyBGg=", MockExchange.Header(request, "ACCESS-SIGN"));
        Assert.Equal(Fakes.BitgetPassphrase, MockExchange.Header(request, "ACCESS-PASSPHRASE"));
        Assert.Equal("en-US", MockExchange.Header(request, "locale"));
        Assert.Null(exchange.Body);
    }

    [Fact]
    public async Task Uses_the_http_client_base_address_and_signs_its_path()
    {
        var exchange = MockExchange.Answering(200, Samples.Read("bitget", Seed));

        await Client(exchange, "http://127.0.0.1:5099/gateway/").GetSubAccountAssetsAsync(BitgetProductType.CoinFutures);

        var request = exchange.Request;
        Assert.Equal("http://127.0.0.1:5099/gateway/api/v2/mix/account/sub-account-assets?productType=COIN-FUTURES", request.RequestUri!.AbsoluteUri);
        var expected = BitgetSigner.ComputeSignature(Fakes.Bitget(), Fakes.BitgetTime, "GET", "/gateway/api/v2/mix/account/sub-account-assets", "productType=COIN-FUTURES", null);
        Assert.Equal(expected, MockExchange.Header(request, "ACCESS-SIGN"));
    }

    [Theory]
    [InlineData(BitgetProductType.UsdtFutures, "USDT-FUTURES")]
    [InlineData(BitgetProductType.CoinFutures, "COIN-FUTURES")]
    [InlineData(BitgetProductType.UsdcFutures, "USDC-FUTURES")]
    [InlineData(BitgetProductType.UsdtFuturesDemo, "SUSDT-FUTURES")]
    [InlineData(BitgetProductType.CoinFuturesDemo, "SCOIN-FUTURES")]
    [InlineData(BitgetProductType.UsdcFuturesDemo, "SUSDC-FUTURES")]
    public async Task Sends_each_product_type_as_its_wire_value(BitgetProductType type, string wire)
    {
        var exchange = MockExchange.Answering(200, Samples.Read("bitget", Seed));

        await Call(exchange, type);

        Assert.Equal("productType=" + wire, exchange.Request.RequestUri!.Query.TrimStart('?'));
    }

    [Fact]
    public async Task Locale_is_configurable()
    {
        var exchange = MockExchange.Answering(200, Samples.Read("bitget", Seed));
        var client = new BitgetClient(exchange.Client(), Fakes.Bitget(), TestTime.At(Fakes.BitgetTime)) { Locale = "zh-CN" };

        await client.GetSubAccountAssetsAsync(BitgetProductType.UsdtFutures);

        Assert.Equal("zh-CN", MockExchange.Header(exchange.Request, "locale"));
    }

    [Fact]
    public async Task Seed_sample_is_unwrapped_into_exact_values()
    {
        var result = await Call(MockExchange.Answering(200, Samples.Read("bitget", Seed)));

        Assert.Equal(2, result.Count);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1630901215622), result.RequestTime);
        var first = Assert.Single(result[0].AssetList);
        Assert.Equal(1234567890L, result[0].UserId);
        Assert.Equal("USDT", first.MarginCoin);
        Assert.Equal(0m, first.Locked);
        Assert.Equal(23.123m, first.Available);
        Assert.Equal(23.123m, first.CrossedMaxAvailable);
        Assert.Equal(23.123m, first.IsolatedMaxAvailable);
        Assert.Equal(23.123m, first.MaxTransferOut);
        Assert.Equal(23.123m, first.UsdtEquity);
        Assert.Equal(0.001403612744m, first.BtcEquity);
        Assert.Equal(0m, first.UnrealizedPnl);
        Assert.Equal(11m, result[1].AssetList.Single().Available);
        Assert.Equal(0.000667722189m, result[1].AssetList.Single().BtcEquity);
    }

    // Quirk: userId is a number in the example, "String" in the table.
    [Fact]
    public async Task User_id_is_a_long_whether_the_wire_sends_a_number_or_a_string()
    {
        var asNumber = await Call(MockExchange.Answering(200, Samples.Read("bitget", Seed)));
        var asString = await Call(MockExchange.Answering(200, Samples.Read("bitget", "getSubAccountAssets.200.user-id-string.json")));

        Assert.Equal(1234567890L, asNumber[0].UserId);
        Assert.Equal(1234567890L, asString[0].UserId);
        Assert.Equal(9876543210L, asString[1].UserId);
    }

    [Fact]
    public async Task A_user_id_that_is_not_a_number_is_a_typed_error_naming_the_field()
    {
        var error = await Assert.ThrowsAsync<ExchangeResponseException>(() => Call(MockExchange.Answering(200, SeedWith("\"userId\": 1234567890", "\"userId\": \"12ab\""))));

        Assert.Equal("data[0].userId", error.FieldPath);
    }

    // Quirk: the example says accountEquity where the table says equity.
    [Fact]
    public async Task Equity_reads_account_equity_or_equity()
    {
        var wire = await Call(MockExchange.Answering(200, Samples.Read("bitget", Seed)));
        var table = await Call(MockExchange.Answering(200, Samples.Read("bitget", "getSubAccountAssets.200.equity-field.json")));

        Assert.Equal(23.123m, wire[0].AssetList.Single().Equity);
        Assert.Equal(23.123m, wire[0].AssetList.Single().AccountEquity);
        Assert.False(wire[0].AssetList.Single().HasEquityConflict);
        Assert.Equal(23.123m, table[0].AssetList.Single().Equity);
        Assert.Null(table[0].AssetList.Single().AccountEquity);
    }

    [Fact]
    public async Task Conflicting_equity_names_keep_both_values_and_report_the_conflict()
    {
        var body = SeedWith("\"accountEquity\": \"23.123\"", "\"accountEquity\": \"23.123\", \"equity\": \"24\"");

        var asset = (await Call(MockExchange.Answering(200, body)))[0].AssetList.Single();

        Assert.True(asset.HasEquityConflict);
        Assert.Equal(24m, asset.Equity);
        Assert.Equal(23.123m, asset.AccountEquity);
    }

    // Quirk: coupon comes as "".
    [Fact]
    public async Task Empty_coupon_is_null_and_a_present_one_is_exact()
    {
        var seed = await Call(MockExchange.Answering(200, Samples.Read("bitget", Seed)));
        var variant = await Call(MockExchange.Answering(200, Samples.Read("bitget", "getSubAccountAssets.200.equity-field.json")));

        Assert.Null(seed[0].AssetList.Single().Coupon);
        Assert.Equal(1.5m, variant[0].AssetList.Single().Coupon);
    }

    [Theory]
    [InlineData("\"1,5\"", "it is not a decimal number")]
    [InlineData("\"abc\"", "it is not a decimal number")]
    [InlineData("\"1e400\"", "it does not fit a decimal")]
    [InlineData("\"1234567890123456789012345678901234567890\"", "it does not fit a decimal")]
    [InlineData("1234567890123456789012345678901234567890", "")]
    [InlineData("1e400", "")]
    [InlineData("{}", "")]
    public async Task An_amount_that_is_not_an_exact_decimal_is_a_typed_error_naming_the_field(string value, string reason)
    {
        var error = await Assert.ThrowsAsync<ExchangeResponseException>(() => Call(MockExchange.Answering(200, SeedWith("\"available\": \"23.123\"", "\"available\": " + value))));

        Assert.Equal("data[0].assetList[0].available", error.FieldPath);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.Equal(ExchangeErrorCategory.InvalidResponse, error.Category);
    }

    [Fact]
    public async Task Amounts_keep_all_their_digits()
    {
        var result = await Call(MockExchange.Answering(200, SeedWith("\"available\": \"23.123\"", "\"available\": \"79228162514264.337593543950\"")));

        Assert.Equal(79228162514264.337593543950m, result[0].AssetList.Single().Available);
    }

    [Fact]
    public async Task Unknown_fields_are_kept()
    {
        var body = SeedWith("\"coupon\": \"\"", "\"coupon\": \"\", \"newField\": \"0.1\"")
            .Replace("\"msg\": \"success\"", "\"msg\": \"success\", \"traceId\": \"abc\"", StringComparison.Ordinal);

        var result = await Call(MockExchange.Answering(200, body));

        Assert.Equal("\"0.1\"", result[0].AssetList.Single().AdditionalProperties["newField"]); // JSON text
        Assert.Equal("\"abc\"", result.Response.AdditionalProperties["traceId"]);
    }

    [Fact]
    public async Task An_empty_list_is_an_empty_result()
    {
        var result = await Call(MockExchange.Answering(200, Samples.Read("bitget", "getSubAccountAssets.200.empty.json")));

        Assert.Empty(result);
    }

    public static TheoryData<string> ErrorSamples() => [.. Samples.Names("bitget").Where(n => !Samples.Read("bitget", n).Contains("\"00000\"", StringComparison.Ordinal))];

    [Theory]
    [MemberData(nameof(ErrorSamples))]
    public async Task Every_error_sample_becomes_a_typed_error_with_its_code(string sample)
    {
        var body = Samples.Read("bitget", sample);
        var envelope = Newtonsoft.Json.Linq.JObject.Parse(body);

        var error = await Assert.ThrowsAnyAsync<ExchangeApiException>(() => Call(MockExchange.Answering(Samples.StatusOf(sample), body)));

        Assert.Equal("Bitget", error.Exchange);
        Assert.Equal((string?)envelope["code"], error.ExchangeCode);
        Assert.Equal((string?)envelope["msg"], error.ExchangeMessage);
        Assert.Equal(Samples.StatusOf(sample), error.HttpStatus);
        Assert.Equal("GET", error.RequestMethod);
        Assert.Equal("/api/v2/mix/account/sub-account-assets", error.RequestPath);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds((long)envelope["requestTime"]!), error.ExchangeTime);
        Fakes.AssertNoSecret(error);
    }

    [Theory]
    [InlineData(400, "40009", typeof(ExchangeAuthenticationException), ExchangeErrorCategory.Authentication)]
    [InlineData(400, "40037", typeof(ExchangeAuthenticationException), ExchangeErrorCategory.Authentication)]
    [InlineData(400, "40011", typeof(ExchangeAuthenticationException), ExchangeErrorCategory.Authentication)]
    [InlineData(400, "40004", typeof(ExchangeTimestampException), ExchangeErrorCategory.TimestampExpired)]
    [InlineData(400, "40008", typeof(ExchangeTimestampException), ExchangeErrorCategory.TimestampExpired)]
    [InlineData(403, "40014", typeof(ExchangePermissionException), ExchangeErrorCategory.Permission)]
    [InlineData(400, "40018", typeof(ExchangePermissionException), ExchangeErrorCategory.Permission)]
    [InlineData(429, "429", typeof(ExchangeRateLimitException), ExchangeErrorCategory.RateLimited)]
    [InlineData(200, "40200", typeof(ExchangeServerException), ExchangeErrorCategory.ServerError)]
    [InlineData(400, "40019", typeof(ExchangeApiException), ExchangeErrorCategory.BadRequest)]
    [InlineData(200, "49999", typeof(ExchangeApiException), ExchangeErrorCategory.Unknown)]
    [InlineData(400, "49999", typeof(ExchangeApiException), ExchangeErrorCategory.BadRequest)]
    public async Task Error_codes_map_to_categories(int status, string code, Type type, ExchangeErrorCategory category)
    {
        var body = $$"""{"code":"{{code}}","msg":"boom","requestTime":1695806875837,"data":null}""";

        var error = await Assert.ThrowsAnyAsync<ExchangeApiException>(() => Call(MockExchange.Answering(status, body)));

        Assert.IsType(type, error);
        Assert.Equal(category, error.Category);
        Assert.Equal(code, error.ExchangeCode);
    }

    [Fact]
    public async Task Rate_limit_error_carries_retry_after()
    {
        var exchange = MockExchange.Answering(429, Samples.Read("bitget", "getSubAccountAssets.429.json"), shape: r => r.Headers.RetryAfter = new(TimeSpan.FromSeconds(7)));

        var error = await Assert.ThrowsAsync<ExchangeRateLimitException>(() => Call(exchange));

        Assert.Equal(TimeSpan.FromSeconds(7), error.RetryAfter);
        Assert.True(error.IsTransient);
    }

    [Theory]
    [InlineData(502, "<html><body><h1>502 Bad Gateway</h1></body></html>", "text/html", ExchangeErrorCategory.ServerError)]
    [InlineData(403, "<!DOCTYPE html><title>Access denied</title>", "text/html", ExchangeErrorCategory.Permission)]
    [InlineData(200, "<html>maintenance</html>", "text/html", ExchangeErrorCategory.InvalidResponse)]
    [InlineData(200, "{\"code\":\"00000\",\"data\":[{\"userId\":1,", "application/json", ExchangeErrorCategory.InvalidResponse)]
    [InlineData(200, "", "application/json", ExchangeErrorCategory.InvalidResponse)]
    [InlineData(200, "   ", "application/json", ExchangeErrorCategory.InvalidResponse)]
    [InlineData(200, "null", "application/json", ExchangeErrorCategory.InvalidResponse)]
    [InlineData(200, "[]", "application/json", ExchangeErrorCategory.InvalidResponse)]
    [InlineData(200, "{\"code\":\"00000\",\"msg\":\"success\",\"requestTime\":1,\"data\":null}", "application/json", ExchangeErrorCategory.InvalidResponse)]
    [InlineData(500, "{\"code\":\"00000\",\"msg\":\"success\",\"requestTime\":1,\"data\":[]}", "application/json", ExchangeErrorCategory.ServerError)]
    public async Task Bodies_that_are_not_the_expected_json_are_typed_errors_with_a_preview(int status, string body, string mediaType, ExchangeErrorCategory category)
    {
        var error = await Assert.ThrowsAnyAsync<ExchangeApiException>(() => Call(MockExchange.Answering(status, body, mediaType)));

        Assert.Equal(category, error.Category);
        Assert.Equal(status, error.HttpStatus);
        Assert.IsNotType<NullReferenceException>(error.InnerException);
        if (body.Trim().Length > 0)
        {
            Assert.Contains(body.Trim()[..Math.Min(10, body.Trim().Length)], error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_body_past_the_size_limit_is_refused()
    {
        var body = Samples.Read("bitget", Seed);
        var client = new BitgetClient(MockExchange.Answering(200, body).Client(), Fakes.Bitget(), TestTime.At(Fakes.BitgetTime)) { MaxResponseBytes = 100 };

        var error = await Assert.ThrowsAsync<ExchangeResponseException>(() => client.GetSubAccountAssetsAsync(BitgetProductType.UsdtFutures));

        Assert.Contains("100 bytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Network_failures_are_typed()
    {
        var error = await Assert.ThrowsAsync<ExchangeNetworkException>(() => Call(MockExchange.Throwing(new HttpRequestException("Connection refused (127.0.0.1:1)"))));

        Assert.Equal(ExchangeErrorCategory.Network, error.Category);
        Assert.IsType<HttpRequestException>(error.InnerException);
    }

    [Fact]
    public async Task The_callers_cancellation_is_not_wrapped()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Client(MockExchange.Answering(200, Samples.Read("bitget", Seed))).GetSubAccountAssetsAsync(BitgetProductType.UsdtFutures, cancelled.Token));
    }

    [Fact]
    public async Task An_undefined_product_type_fails_before_any_request()
    {
        var exchange = MockExchange.Answering(200, Samples.Read("bitget", Seed));

        var error = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Call(exchange, (BitgetProductType)99));

        Assert.Equal("productType", error.ParamName);
        Assert.Empty(exchange.Requests);
    }

    [Fact]
    public void Constructor_refuses_missing_arguments()
    {
        using var http = new HttpClient();
        Assert.Equal("httpClient", Assert.Throws<ArgumentNullException>(() => new BitgetClient(null!, Fakes.Bitget())).ParamName);
        Assert.Equal("credentials", Assert.Throws<ArgumentNullException>(() => new BitgetClient(http, (BitgetCredentials)null!)).ParamName);
        Assert.Equal("options", Assert.Throws<ArgumentNullException>(() => new BitgetClient(http, (BitgetClientOptions)null!)).ParamName);
    }
}
