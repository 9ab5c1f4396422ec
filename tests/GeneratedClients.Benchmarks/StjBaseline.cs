using System.Buffers;
using System.Buffers.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace GeneratedClients.Benchmarks;

// The System.Text.Json baseline: hand-written models of the same two payloads, read by a source-generated
// serializer (no reflection at run time). The same quirk fixes as the client's models: decimals from JSON
// numbers or from strings (JsonNumberHandling.AllowReadingFromString), "" and null as null (a tiny
// converter), unknown fields kept (extension data), Bitget's accountEquity folded into Equity.

#pragma warning disable CA1002, CA2227 // Why: plain data models for the serializer; mutable lists are what it fills.

/// <summary>Bitget's envelope.</summary>
public sealed class StjBitgetResponse
{
    [JsonPropertyName("code")]
    public string Code { get; set; } = "";

    [JsonPropertyName("msg")]
    public string Msg { get; set; } = "";

    [JsonPropertyName("requestTime")]
    public long RequestTime { get; set; }

    [JsonPropertyName("data")]
    public List<StjBitgetSubAccount>? Data { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? AdditionalProperties { get; set; }
}

/// <summary>One Bitget sub-account.</summary>
public sealed class StjBitgetSubAccount
{
    [JsonPropertyName("userId")]
    public long UserId { get; set; }

    [JsonPropertyName("assetList")]
    public List<StjBitgetAsset> AssetList { get; set; } = [];

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? AdditionalProperties { get; set; }
}

/// <summary>One Bitget margin coin.</summary>
public sealed class StjBitgetAsset : IJsonOnDeserialized
{
    [JsonPropertyName("marginCoin")]
    public string MarginCoin { get; set; } = "";

    [JsonPropertyName("locked")]
    public decimal? Locked { get; set; }

    [JsonPropertyName("available")]
    public decimal? Available { get; set; }

    [JsonPropertyName("crossedMaxAvailable")]
    public decimal? CrossedMaxAvailable { get; set; }

    [JsonPropertyName("isolatedMaxAvailable")]
    public decimal? IsolatedMaxAvailable { get; set; }

    [JsonPropertyName("maxTransferOut")]
    public decimal? MaxTransferOut { get; set; }

    [JsonPropertyName("equity")]
    public decimal? Equity { get; set; }

    [JsonPropertyName("accountEquity")]
    public decimal? AccountEquity { get; set; }

    [JsonPropertyName("usdtEquity")]
    public decimal? UsdtEquity { get; set; }

    [JsonPropertyName("btcEquity")]
    public decimal? BtcEquity { get; set; }

    [JsonPropertyName("unrealizedPL")]
    public decimal? UnrealizedPL { get; set; }

    [JsonPropertyName("coupon")]
    public decimal? Coupon { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? AdditionalProperties { get; set; }

    /// <inheritdoc />
    public void OnDeserialized() => Equity ??= AccountEquity;
}

/// <summary>HTX's envelope.</summary>
public sealed class StjHtxResponse
{
    [JsonPropertyName("status")]
    public string Status { get; set; } = "";

    [JsonPropertyName("ts")]
    public long? Ts { get; set; }

    [JsonPropertyName("data")]
    public List<StjHtxAccount>? Data { get; set; }

    [JsonPropertyName("err_code")]
    public int? ErrCode { get; set; }

    [JsonPropertyName("err_msg")]
    public string? ErrMsg { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? AdditionalProperties { get; set; }
}

/// <summary>One HTX cross-margin account.</summary>
public sealed class StjHtxAccount
{
    [JsonPropertyName("margin_mode")]
    public string MarginMode { get; set; } = "";

    [JsonPropertyName("margin_account")]
    public string MarginAccount { get; set; } = "";

    [JsonPropertyName("margin_asset")]
    public string MarginAsset { get; set; } = "";

    [JsonPropertyName("margin_balance")]
    public decimal MarginBalance { get; set; }

    [JsonPropertyName("margin_static")]
    public decimal MarginStatic { get; set; }

    [JsonPropertyName("margin_position")]
    public decimal MarginPosition { get; set; }

    [JsonPropertyName("margin_frozen")]
    public decimal MarginFrozen { get; set; }

    [JsonPropertyName("profit_real")]
    public decimal? RealizedPnl { get; set; }

    [JsonPropertyName("profit_unreal")]
    public decimal UnrealizedPnl { get; set; }

    [JsonPropertyName("withdraw_available")]
    public decimal WithdrawAvailable { get; set; }

    [JsonPropertyName("risk_rate")]
    public decimal? RiskRate { get; set; }

    [JsonPropertyName("money_in")]
    public decimal? MoneyIn { get; set; }

    [JsonPropertyName("money_out")]
    public decimal? MoneyOut { get; set; }

    [JsonPropertyName("new_risk_rate")]
    public decimal? NewRiskRate { get; set; }

    [JsonPropertyName("position_mode")]
    public string PositionMode { get; set; } = "";

    [JsonPropertyName("contract_detail")]
    public List<StjHtxContract> ContractDetail { get; set; } = [];

    [JsonPropertyName("futures_contract_detail")]
    public List<StjHtxContract> FuturesContractDetail { get; set; } = [];

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? AdditionalProperties { get; set; }
}

/// <summary>One HTX contract detail.</summary>
public sealed class StjHtxContract
{
    [JsonPropertyName("symbol")]
    public string Symbol { get; set; } = "";

    [JsonPropertyName("contract_code")]
    public string ContractCode { get; set; } = "";

    [JsonPropertyName("margin_position")]
    public decimal MarginPosition { get; set; }

    [JsonPropertyName("margin_frozen")]
    public decimal MarginFrozen { get; set; }

    [JsonPropertyName("margin_available")]
    public decimal MarginAvailable { get; set; }

    [JsonPropertyName("profit_unreal")]
    public decimal UnrealizedPnl { get; set; }

    [JsonPropertyName("liquidation_price")]
    public decimal? LiquidationPrice { get; set; }

    [JsonPropertyName("lever_rate")]
    public decimal LeverRate { get; set; }

    [JsonPropertyName("adjust_factor")]
    public decimal AdjustFactor { get; set; }

    [JsonPropertyName("contract_type")]
    public string ContractType { get; set; } = "";

    [JsonPropertyName("cross_max_available")]
    public decimal? CrossMaxAvailable { get; set; }

    [JsonPropertyName("trade_partition")]
    public string TradePartition { get; set; } = "";

    [JsonPropertyName("pair")]
    public string Pair { get; set; } = "";

    [JsonPropertyName("business_type")]
    public string BusinessType { get; set; } = "";

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? AdditionalProperties { get; set; }
}

#pragma warning restore CA1002, CA2227

/// <summary>
/// A nullable decimal from a JSON number, a decimal string, <c>""</c> or <c>null</c> (null for the last two):
/// the "tiny converter for "" → null" of the baseline. Numbers and strings are parsed from the UTF-8 bytes.
/// </summary>
public sealed class EmptyAsNullDecimalConverter : JsonConverter<decimal?>
{
    /// <inheritdoc />
    public override decimal? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.Number:
                return reader.GetDecimal();
            case JsonTokenType.String when reader.ValueIsEscaped || reader.HasValueSequence:
                var text = reader.GetString()!;
                return text.Length == 0 ? null : decimal.Parse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture);
            case JsonTokenType.String:
                var span = reader.ValueSpan;
                if (span.IsEmpty)
                {
                    return null;
                }

                return Utf8Parser.TryParse(span, out decimal value, out var consumed) && consumed == span.Length
                    ? value
                    : throw new JsonException($"\"{System.Text.Encoding.UTF8.GetString(span)}\" is not a decimal.");
            default:
                throw new JsonException($"A decimal was expected, not {reader.TokenType}.");
        }
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, decimal? value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (value is decimal number)
        {
            writer.WriteNumberValue(number);
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}

/// <summary>The source-generated serializer of the baseline models.</summary>
[JsonSourceGenerationOptions(
    NumberHandling = JsonNumberHandling.AllowReadingFromString,
    Converters = [typeof(EmptyAsNullDecimalConverter)])]
[JsonSerializable(typeof(StjBitgetResponse))]
[JsonSerializable(typeof(StjHtxResponse))]
public sealed partial class StjBaselineContext : JsonSerializerContext;

/// <summary>Reads the payloads with the baseline.</summary>
public static class StjBaseline
{
    /// <summary>Deserializes a Bitget body.</summary>
    public static StjBitgetResponse Bitget(ReadOnlySpan<byte> body) =>
        JsonSerializer.Deserialize(body, StjBaselineContext.Default.StjBitgetResponse) ?? throw new JsonException("null body");

    /// <summary>Deserializes an HTX body.</summary>
    public static StjHtxResponse Htx(ReadOnlySpan<byte> body) =>
        JsonSerializer.Deserialize(body, StjBaselineContext.Default.StjHtxResponse) ?? throw new JsonException("null body");
}
