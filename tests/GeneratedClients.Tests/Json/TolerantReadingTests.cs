using GeneratedClients.Bitget;
using GeneratedClients.Htx;
using GeneratedClients.Tests.Support;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Newtonsoft.Json.Linq;

namespace GeneratedClients.Tests.Json;

/// <summary>
/// What the exchanges really send, read through the public clients: a documented field missing, null or "" is no
/// value for that field only; figures come as numbers or as decimal strings; the result says what was read past.
/// One test per case of issue 12, each over a sample in specs/*/examples.
/// </summary>
public sealed class TolerantReadingTests
{
    private static Task<HtxCrossSubAccountInfoResult> Htx(string body, ILogger<HtxClient>? logger = null) =>
        logger is null
            ? new HtxClient(MockExchange.Answering(200, body).Client(), Fakes.Htx(), TestTime.At(Fakes.HtxTime)).GetCrossSubAccountInfoAsync(123456, "USDT")
            : new HtxClient(MockExchange.Answering(200, body).Client(), new HtxClientOptions { AccessKey = Fakes.HtxKey, SecretKey = Fakes.HtxSecret, RateLimit = { Registry = new RateLimiterRegistry() }, ClockSync = { Enabled = false } }, TestTime.At(Fakes.HtxTime), logger)
                .GetCrossSubAccountInfoAsync(123456, "USDT");

    private static Task<BitgetSubAccountAssetsResult> Bitget(string body) =>
        new BitgetClient(MockExchange.Answering(200, body).Client(), Fakes.Bitget(), TestTime.At(Fakes.BitgetTime)).GetSubAccountAssetsAsync(BitgetProductType.UsdtFutures);

    private static string HtxSample(string variant) => Samples.Read("htx", $"getCrossSubAccountInfo.200.{variant}.json");

    [Fact]
    public async Task Case1_htx_figures_sent_as_decimal_strings_read_as_the_same_exact_decimals()
    {
        var result = await Htx(HtxSample("figures-as-strings"));

        var account = Assert.Single(result);
        Assert.Equal(7.8m, account.NewRiskRate);
        Assert.Equal(523.123456789012m, account.MoneyOut);
        Assert.Equal(9476.876543210988m, account.MarginBalance);
        Assert.Equal(12.5m, account.MarginStatic); // "1.25E+1"
        Assert.Equal(0m, account.MarginPosition); // the JSON number 0E-18
        Assert.Equal(47384.38271605494m, account.ContractDetail[0].CrossMaxAvailable);
        Assert.Equal(31500.1m, account.FuturesContractDetail[0].LiquidationPrice);
        Assert.Equal(0m, account.FuturesContractDetail[0].MarginFrozen); // "0E-18"
        Assert.Contains(new WireDeviation("data[0].new_risk_rate", WireDeviationKind.NumberAsString), result.Deviations);
        Assert.DoesNotContain(result.Deviations, d => d.FieldPath == "data[0].margin_position"); // a number, as documented
    }

    [Fact]
    public async Task Case2_a_contract_without_trade_partition_keeps_its_row_and_reports_the_missing_field()
    {
        var result = await Htx(HtxSample("fields-missing"));

        var swap = Assert.Single(Assert.Single(result).ContractDetail);
        Assert.Null(swap.TradePartition);
        Assert.Null(swap.Symbol); // an identity field missing: null on that row, the row kept
        Assert.Equal("BTC-USDT", swap.ContractCode);
        Assert.Equal(500m, swap.MarginAvailable);
        Assert.Contains(new WireDeviation("data[0].contract_detail[0].trade_partition", WireDeviationKind.Missing), result.Deviations);
        Assert.Contains(new WireDeviation("data[0].contract_detail[0].symbol", WireDeviationKind.Missing), result.Deviations);
        Assert.Contains(new WireDeviation("data[0].position_mode", WireDeviationKind.Missing), result.Deviations);
    }

    [Fact]
    public async Task Case2_a_bitget_asset_without_margin_coin_or_with_null_keeps_the_whole_answer()
    {
        var result = await Bitget(Samples.Read("bitget", "getSubAccountAssets.200.fields-missing.json"));

        Assert.Equal(2, result.Count);
        Assert.Null(result[0].UserId);
        Assert.Null(result[0].AssetList[0].MarginCoin);
        Assert.Equal(23.123m, result[0].AssetList[0].Available); // a bare number where the table says String
        Assert.Equal(0.001403612744m, result[0].AssetList[0].BtcEquity); // exponent notation
        Assert.Null(result[0].AssetList[0].UsdtEquity);
        Assert.Null(result[0].AssetList[0].UnrealizedPnl); // ""
        Assert.Equal(1234567891L, result[1].UserId);
        Assert.Null(result[1].AssetList[0].MarginCoin);
        Assert.Equal(11m, result[1].AssetList[0].Equity);
        Assert.Contains(new WireDeviation("data[0].userId", WireDeviationKind.Missing), result.Deviations);
        Assert.Contains(new WireDeviation("data[0].assetList[0].marginCoin", WireDeviationKind.Missing), result.Deviations);
        Assert.Contains(new WireDeviation("data[1].assetList[0].marginCoin", WireDeviationKind.Null), result.Deviations);
        Assert.Contains(new WireDeviation("data[0].assetList[0].available", WireDeviationKind.StringAsNumber), result.Deviations);
        Assert.Contains(new WireDeviation("data[1].assetList[0].coupon", WireDeviationKind.Missing), result.Deviations);

        var rows = SubAccountBalance.From(result);
        Assert.Equal(2, rows.Count);
        Assert.Null(rows[0].SubAccountId);
        Assert.Null(rows[0].Coin);
    }

    [Fact]
    public async Task Case3_empty_or_null_figures_anywhere_read_as_no_value_with_every_other_figure_unchanged()
    {
        var result = await Htx(HtxSample("fields-missing"));

        var account = Assert.Single(result);
        Assert.Null(account.MarginBalance); // ""
        Assert.Null(account.MarginStatic); // null
        Assert.Null(account.FuturesContractDetail[0].MarginAvailable); // null in one futures item
        Assert.Equal(500m, account.WithdrawAvailable);
        Assert.Equal(0.04m, account.FuturesContractDetail[0].AdjustFactor);
        Assert.Contains(new WireDeviation("data[0].margin_balance", WireDeviationKind.Empty), result.Deviations);
        Assert.Contains(new WireDeviation("data[0].margin_static", WireDeviationKind.Null), result.Deviations);
        Assert.Contains(new WireDeviation("data[0].futures_contract_detail[0].margin_available", WireDeviationKind.Null), result.Deviations);
    }

    [Fact]
    public async Task Case4_htx_4002_unified_account_is_not_enabled_never_retried_message_kept()
    {
        var exchange = MockExchange.Answering(200, HtxSample("unified-account"));
        var client = new HtxClient(exchange.Client(), new HtxClientOptions { AccessKey = Fakes.HtxKey, SecretKey = Fakes.HtxSecret, ClockSync = { Enabled = false }, RateLimit = { Registry = new RateLimiterRegistry() } });

        var error = await Assert.ThrowsAsync<ExchangeApiException>(() => client.GetCrossSubAccountInfoAsync(123456, "USDT"));

        Assert.Equal(ExchangeErrorCategory.NotEnabled, error.Category);
        Assert.Equal("4002", error.ExchangeCode);
        Assert.Equal("The merged cross and isolated margin account for USDT-M futures is unavailable.", error.ExchangeMessage);
        Assert.False(error.IsTransient);
        Assert.Single(exchange.Requests); // not retried
    }

    [Fact]
    public async Task Case4_htx_v3_envelope_without_status_is_a_typed_error_carrying_its_code_and_message()
    {
        var error = await Assert.ThrowsAnyAsync<ExchangeApiException>(() => Htx(HtxSample("v3-error")));

        Assert.IsNotType<ExchangeResponseException>(error);
        Assert.Equal("1067", error.ExchangeCode);
        Assert.Equal("The merged cross and isolated margin account for USDT-M futures is unavailable.", error.ExchangeMessage);
        Assert.Equal("123456", error.SubAccountId);
    }

    [Fact]
    public async Task An_htx_envelope_with_neither_status_nor_code_is_an_invalid_response()
    {
        var error = await Assert.ThrowsAsync<ExchangeResponseException>(() => Htx("""{"data": [], "ts": 1638759191747}"""));

        Assert.Equal("status", error.FieldPath);
    }

    [Fact]
    public async Task Case5_a_known_field_never_lands_in_additional_properties()
    {
        var body = Samples.Read("bitget", "getSubAccountAssets.200.json").Replace("\"crossedMaxAvailable\": \"23.123\"", "\"crossedMaxAvailable\": \"\"", StringComparison.Ordinal);

        var result = await Bitget(body);

        var asset = result[0].AssetList[0];
        Assert.Null(asset.CrossedMaxAvailable);
        Assert.Empty(asset.AdditionalProperties);
        Assert.Contains(new WireDeviation("data[0].assetList[0].crossedMaxAvailable", WireDeviationKind.Empty), result.Deviations);
    }

    [Fact]
    public async Task The_deviation_summary_counts_rows_per_field_and_kind_and_is_logged_at_debug()
    {
        var logger = new FakeLogger<HtxClient>();
        var seed = JObject.Parse(Samples.Read("htx", "getCrossSubAccountInfo.200.json"));

        var result = await Htx(seed.ToString(), logger);

        var liquidation = Assert.Single(result.DeviationSummary, s => s.FieldPattern == "data[].futures_contract_detail[].liquidation_price");
        Assert.Equal(WireDeviationKind.Null, liquidation.Kind);
        Assert.Equal(seed.SelectTokens("$.data[0].futures_contract_detail[*].liquidation_price").Count(), liquidation.Count);
        Assert.Contains(result.DeviationSummary, s => s.FieldPattern == "data[].futures_contract_detail[].cross_max_available" && s.Kind == WireDeviationKind.Missing && s.Count == 1);
        var line = Assert.Single(logger.Collector.GetSnapshot(), r => r.Level == LogLevel.Debug && r.Message.Contains("read past", StringComparison.Ordinal));
        Assert.Contains($"data[].futures_contract_detail[].liquidation_price Null x{liquidation.Count}", line.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_sample_that_keeps_to_the_documented_contract_reports_no_deviation()
    {
        var result = await Htx(HtxSample("values-present").Replace("\"liquidation_price\": null", "\"liquidation_price\": 31500.1", StringComparison.Ordinal));

        Assert.Empty(result.Deviations);
        Assert.Empty(result.DeviationSummary);
    }
}
