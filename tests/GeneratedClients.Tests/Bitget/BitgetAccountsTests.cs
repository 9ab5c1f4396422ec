using GeneratedClients.Bitget;
using GeneratedClients.Tests.Support;
using RichardSzalay.MockHttp;

namespace GeneratedClients.Tests.Bitget;

/// <summary>
/// Bitget <c>GET /api/v2/mix/account/accounts</c> (the main account's futures accounts), the endpoint added as the
/// proof that a new endpoint is a spec entry, samples and a few lines: request, signature, values, errors, its own limit.
/// </summary>
public class BitgetAccountsTests
{
    private const string Seed = "getAccounts.200.json";

    private static BitgetClient Client(MockExchange exchange) =>
        new(exchange.Client(), Fakes.Bitget(), TestTime.At(Fakes.BitgetTime));

    [Fact]
    public async Task Sends_the_exact_signed_request()
    {
        var exchange = MockExchange.Answering(200, Samples.Read("bitget", Seed));

        await Client(exchange).GetAccountsAsync(BitgetProductType.CoinFutures);

        var request = exchange.Request;
        Assert.Equal(HttpMethod.Get, request.Method);
        Assert.Equal("https://api.bitget.com/api/v2/mix/account/accounts?productType=COIN-FUTURES", request.RequestUri!.AbsoluteUri);
        var expected = BitgetSigner.ComputeSignature(Fakes.Bitget(), Fakes.BitgetTime, "GET", "/api/v2/mix/account/accounts", "productType=COIN-FUTURES", null);
        Assert.Equal(expected, MockExchange.Header(request, "ACCESS-SIGN"));
        Assert.Equal(Fakes.BitgetKey, MockExchange.Header(request, "ACCESS-KEY"));
        Assert.Equal("1659076670000", MockExchange.Header(request, "ACCESS-TIMESTAMP"));
        Assert.Null(exchange.Body);
    }

    /// <summary>Bitget's envelope on statuses an endpoint's spec lists (403 here) and on those it does not (5xx).</summary>
    [Theory]
    [InlineData(403, "40014", "Incorrect permissions", ExchangeErrorCategory.Permission)]
    [InlineData(503, "40200", "System maintenance", ExchangeErrorCategory.ServerError)]
    [InlineData(500, "45001", "Unknown error", ExchangeErrorCategory.ServerError)]
    [InlineData(418, "40019", "Parameter productType cannot be empty", ExchangeErrorCategory.BadRequest)]
    public async Task An_error_envelope_keeps_its_code_and_message_on_any_status(int status, string code, string message, ExchangeErrorCategory category)
    {
        var body = $$"""{"code":"{{code}}","msg":"{{message}}","requestTime":1695806875837,"data":null}""";

        var accounts = await Assert.ThrowsAnyAsync<ExchangeApiException>(() => Client(MockExchange.Answering(status, body)).GetAccountsAsync(BitgetProductType.UsdtFutures));
        var assets = await Assert.ThrowsAnyAsync<ExchangeApiException>(() => Client(MockExchange.Answering(status, body)).GetSubAccountAssetsAsync(BitgetProductType.UsdtFutures));

        foreach (var error in new[] { accounts, assets })
        {
            Assert.Equal(code, error.ExchangeCode);
            Assert.Equal(message, error.ExchangeMessage);
            Assert.Equal(category, error.Category);
            Assert.Equal(status, error.HttpStatus);
            Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1695806875837), error.ExchangeTime);
        }
    }

    [Theory]
    [InlineData(503, "<html><body>503 Service Temporarily Unavailable</body></html>")]
    [InlineData(502, "")]
    [InlineData(500, "{\"code\":\"00000\",\"msg\":\"success\"}")]
    [InlineData(500, "{\"error\":\"internal\"}")]
    [InlineData(500, "{\"code\": {\"nested\": 1}}")]
    public async Task A_failed_status_without_an_error_envelope_has_no_exchange_code(int status, string body)
    {
        var error = await Assert.ThrowsAsync<ExchangeServerException>(() => Client(MockExchange.Answering(status, body, body.StartsWith('<') ? "text/html" : "application/json")).GetAccountsAsync(BitgetProductType.UsdtFutures));

        Assert.Null(error.ExchangeCode);
        Assert.Null(error.ExchangeMessage);
        Assert.Equal(status, error.HttpStatus);
    }

    [Fact]
    public async Task Seed_sample_is_unwrapped_into_exact_values()
    {
        var result = await Client(MockExchange.Answering(200, Samples.Read("bitget", Seed))).GetAccountsAsync(BitgetProductType.UsdtFutures);

        var account = Assert.Single(result);
        Assert.Equal(BitgetProductType.UsdtFutures, result.ProductType);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1627292199523), result.RequestTime);
        Assert.Equal("USDT", account.MarginCoin);
        Assert.Equal(13168.86110692m, account.Available);
        Assert.Equal(13178.86110692m, account.AccountEquity);
        Assert.Equal(13178.861106922m, account.UsdtEquity);
        Assert.Equal(0.344746495477m, account.BtcEquity);
        Assert.Equal(23m, account.CrossedUnrealizedPnl);
        Assert.Null(account.UnrealizedPnl); // "" on the wire: no value, not zero
        Assert.Equal(0m, account.Locked);
        Assert.Equal("union", account.AssetMode);
        Assert.DoesNotContain(result.Deviations, d => d.Kind != WireDeviationKind.Empty);
    }

    [Theory]
    [InlineData("getAccounts.400.json", typeof(ExchangeAuthenticationException), ExchangeErrorCategory.Authentication)]
    [InlineData("getAccounts.429.json", typeof(ExchangeRateLimitException), ExchangeErrorCategory.RateLimited)]
    public async Task Error_samples_are_typed_errors_naming_the_path(string sample, Type type, ExchangeErrorCategory category)
    {
        var exchange = MockExchange.Answering(Samples.StatusOf(sample), Samples.Read("bitget", sample));

        var error = await Assert.ThrowsAnyAsync<ExchangeApiException>(() => Client(exchange).GetAccountsAsync(BitgetProductType.UsdtFutures));

        Assert.IsType(type, error);
        Assert.Equal(category, error.Category);
        Assert.Equal("/api/v2/mix/account/accounts", error.RequestPath);
        Fakes.AssertNoSecret(error);
    }

    [Fact]
    public async Task The_unified_view_marks_the_rows_as_the_main_account_with_its_user_id()
    {
        var result = await Client(MockExchange.Answering(200, Samples.Read("bitget", Seed))).GetAccountsAsync(BitgetProductType.UsdtFutures);

        var row = Assert.Single(SubAccountBalance.From(result, mainAccountUserId: 4_512_299_991));
        Assert.True(row.IsMainAccount);
        Assert.Equal(new SubAccountBalance("Bitget", "4512299991", "USDT", 13178.86110692m, 13168.86110692m, 0m, null, 13178.861106922m) { IsMainAccount = true }, row);
        Assert.Null(Assert.Single(SubAccountBalance.From(result)).SubAccountId); // Bitget does not send the id; none given, none guessed
    }

    [Fact]
    public async Task Sub_account_rows_are_not_marked_as_the_main_account()
    {
        var result = await new BitgetClient(MockExchange.Answering(200, Samples.Read("bitget", "getSubAccountAssets.200.json")).Client(), Fakes.Bitget(), TestTime.At(Fakes.BitgetTime))
            .GetSubAccountAssetsAsync(BitgetProductType.UsdtFutures);

        Assert.All(SubAccountBalance.From(result), row => Assert.False(row.IsMainAccount));
    }

    [Fact]
    public async Task Counts_against_its_own_limit_not_the_sub_account_assets_one()
    {
        var clock = TestTime.At(Fakes.BitgetTime);
        var exchange = new MockExchange();
        exchange.Handler.When("*/sub-account-assets*").Respond("application/json", Samples.Read("bitget", "getSubAccountAssets.200.json"));
        exchange.Handler.When("*/accounts*").Respond("application/json", Samples.Read("bitget", Seed));
        var options = new BitgetClientOptions { ApiKey = Fakes.BitgetKey, ApiSecret = Fakes.BitgetSecret, Passphrase = Fakes.BitgetPassphrase };
        options.ClockSync.Enabled = false;
        options.RateLimit.Registry = new RateLimiterRegistry();
        options.RateLimit.SafetyMargin = TimeSpan.Zero;
        options.Retry.Enabled = false;
        var client = new BitgetClient(exchange.Client(), options, clock);

        await client.GetSubAccountAssetsAsync(BitgetProductType.UsdtFutures); // the sub-account assets' 1 per 10 s is spent
        for (var i = 0; i < ExchangeRateLimits.BitgetAccounts.PermitLimit; i++)
        {
            await client.GetAccountsAsync(BitgetProductType.UsdtFutures).WaitAsync(TimeSpan.FromSeconds(10)); // no fake time passes
        }

        // The next one waits for the accounts' own window (1 s), not for the sub-account assets' 10 s.
        var next = client.GetAccountsAsync(BitgetProductType.UsdtFutures);
        await Task.Delay(50);
        Assert.False(next.IsCompleted);
        clock.Advance(ExchangeRateLimits.BitgetAccounts.Window);
        await next.WaitAsync(TimeSpan.FromSeconds(10));
        var assets = client.GetSubAccountAssetsAsync(BitgetProductType.UsdtFutures);
        await Task.Delay(50);
        Assert.False(assets.IsCompleted); // still inside its 10 s
        clock.Advance(ExchangeRateLimits.BitgetSubAccountAssets.Window);
        await assets.WaitAsync(TimeSpan.FromSeconds(10));
    }
}
