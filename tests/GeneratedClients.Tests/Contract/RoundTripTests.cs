using System.Globalization;
using GeneratedClients.Bitget;
using GeneratedClients.Tests.Support;
using GeneratedClients.Htx;
using Newtonsoft.Json.Linq;
using NJsonSchema;

namespace GeneratedClients.Tests.Contract;

/// <summary>
/// Every success sample survives a trip through the generated models (read by their wire reader, written back
/// field by field): nothing is lost, changed or invented. Numeric fields compare by value
/// ("23.123" equals 23.123) and "", null and absent are the same "no value".
/// </summary>
public sealed class RoundTripTests
{
    /// <summary>How each exchange's envelope says success.</summary>
    private static readonly Dictionary<string, Func<JToken, bool>> IsSuccess = new()
    {
        ["bitget"] = envelope => (string?)envelope["code"] == "00000",
        ["htx"] = envelope => (string?)envelope["status"] == "ok",
    };

    /// <summary>Samples of HTTP 200 whose envelope says success; an exchange without a rule is listed so that it fails.</summary>
    public static TheoryData<string> SuccessSamples => new(
        SpecSamples.AllSampleIds().Where(sample =>
            SampleName.TryParse(Path.GetFileName(sample))?.Status == "200"
            && (!IsSuccess.TryGetValue(SpecSamples.Exchange(sample), out var isSuccess) || isSuccess(SpecSamples.ReadSample(sample)))));

    [Theory]
    [MemberData(nameof(SuccessSamples))]
    public async Task Success_sample_round_trips_through_the_generated_model(string sample)
    {
        await AssertRoundTripAsync(sample, SpecSamples.ReadSample(sample));
    }

    [Theory]
    [InlineData("bitget/examples/getSubAccountAssets.200.json", "data[0].assetList[0]")]
    [InlineData("htx/examples/getCrossSubAccountInfo.200.json", "data[0].futures_contract_detail[1]")]
    public async Task Undescribed_fields_are_kept_and_written_back(string sample, string itemPath)
    {
        var wire = SpecSamples.ReadSample(sample);
        var extra = SpecSamples.ParseJson("""{"note": "kept", "amount": 1.50, "list": [1, "two", null]}""");
        ((JObject)wire).Add("zzEnvelopeExtra", extra.DeepClone());
        ((JObject)wire.SelectToken(itemPath)!).Add("zzItemExtra", extra.DeepClone());

        var (model, written) = await AssertRoundTripAsync(sample, wire);

        var kept = (IReadOnlyDictionary<string, string>)model.GetType().GetProperty("AdditionalProperties")!.GetValue(model)!;
        Assert.Contains("zzEnvelopeExtra", kept.Keys);
        Assert.True(JToken.DeepEquals(extra, written["zzEnvelopeExtra"]), $"envelope extra written back as {written["zzEnvelopeExtra"]}");
        Assert.True(JToken.DeepEquals(extra, written.SelectToken(itemPath)!["zzItemExtra"]), "item extra not written back");
    }

    [Fact]
    public void Bitget_seed_reads_the_documented_values()
    {
        var response = Read<BitgetSubAccountAssetsResponse>("bitget/examples/getSubAccountAssets.200.json");

        var account = response.Data![0];
        var asset = account.AssetList[0];
        Assert.Equal(1234567890L, account.UserId);
        Assert.Equal(23.123m, asset.Equity);
        Assert.Equal(23.123m, asset.AccountEquity);
        Assert.False(asset.HasEquityConflict);
        Assert.Equal(0.001403612744m, asset.BtcEquity);
        Assert.Null(asset.Coupon);
    }

    [Fact]
    public void Bitget_user_id_string_reads_as_a_long()
    {
        var response = Read<BitgetSubAccountAssetsResponse>("bitget/examples/getSubAccountAssets.200.user-id-string.json");

        Assert.Equal([1234567890L, 9876543210L], response.Data!.Select(account => account.UserId));
    }

    [Fact]
    public void Htx_seed_reads_nulls_and_empty_strings_as_no_value()
    {
        var response = Read<HtxCrossSubAccountInfoResponse>("htx/examples/getCrossSubAccountInfo.200.json");

        var account = response.Data!.Single();
        var swap = account.ContractDetail.Single();
        Assert.Equal(HtxResponseStatus.Ok, response.Status);
        Assert.Null(account.RiskRate);
        Assert.Null(account.MoneyIn);
        Assert.Null(account.MoneyOut);
        Assert.Equal(0m, account.RealizedPnl);
        Assert.Equal(500m, account.MarginBalance);
        Assert.Null(swap.LiquidationPrice);
        Assert.Equal(0.04m, swap.AdjustFactor);
        Assert.Null(swap.CrossMaxAvailable);
        var withoutCrossMax = account.FuturesContractDetail.Single(contract => contract.ContractCode == "BTC-USDT-211210");
        Assert.Null(withoutCrossMax.CrossMaxAvailable);
    }

    private static T Read<T>(string sample) => ModelJson.Read<T>(File.ReadAllText(SpecSamples.FullPath(sample)));

    /// <summary>
    /// Reads <paramref name="wire"/> into the model generated from the sample's response schema, writes it back and
    /// compares; returns the model and what was written.
    /// </summary>
    private static async Task<(object Model, JToken Written)> AssertRoundTripAsync(string sample, JToken wire)
    {
        Assert.True(IsSuccess.ContainsKey(SpecSamples.Exchange(sample)), $"{sample}: no success rule for this exchange's envelope in {nameof(RoundTripTests)}.");
        var (schema, modelName) = await SpecSamples.ResponseAsync(sample, strict: false);
        var models = typeof(BitgetClient).Assembly.GetTypes()
            .Where(type => type.Name == modelName && type.Namespace?.EndsWith("." + SpecSamples.Exchange(sample), StringComparison.OrdinalIgnoreCase) == true)
            .ToList();
        Assert.True(models.Count == 1, $"{sample}: expected one generated model named '{modelName}' (the response schema's name), found {models.Count}.");
        var read = ModelJson.Read(models[0], wire.ToString());
        var written = ModelJson.Write(read);

        // Quirk (bitget-equity-name): Equity is filled from accountEquity when the wire sent only that name; the
        // model writes both, so a derived equity is not an invention.
        foreach (var (original, asset) in wire.SelectTokens("$.data[*].assetList[*]").Zip(written.SelectTokens("$.data[*].assetList[*]")))
        {
            if (original["equity"] is null && asset["equity"] is { } equity && JToken.DeepEquals(equity, asset["accountEquity"]))
            {
                ((JObject)asset).Remove("equity");
            }
        }

        var differences = new List<string>();
        Compare(wire, written, schema, "$", differences);
        Assert.True(differences.Count == 0, $"{sample} changed on the round trip:{Environment.NewLine}{string.Join(Environment.NewLine, differences)}{Environment.NewLine}written: {written}");
        return (read, written);
    }

    /// <summary>Walks the original against what was written, guided by the schema (null: a field the spec does not describe).</summary>
    private static void Compare(JToken? original, JToken? written, JsonSchema? schema, string path, List<string> differences)
    {
        schema = schema?.ActualSchema;
        if (schema is not null && IsNumeric(schema))
        {
            var (before, after) = (NumericValue(original), NumericValue(written));
            if (before.Text is not null || after.Text is not null || before.Value != after.Value)
            {
                differences.Add($"{path}: {original?.ToString() ?? "absent"} became {written?.ToString() ?? "absent"}");
            }

            return;
        }

        switch (original)
        {
            case JObject originalObject when written is JObject writtenObject:
                foreach (var name in originalObject.Properties().Select(p => p.Name).Union(writtenObject.Properties().Select(p => p.Name)))
                {
                    var propertySchema = schema?.ActualProperties.TryGetValue(name, out var described) == true ? described : null;
                    if (originalObject[name] is null && propertySchema is null)
                    {
                        differences.Add($"{path}.{name}: invented as {writtenObject[name]}");
                        continue;
                    }

                    Compare(originalObject[name], writtenObject[name], propertySchema, $"{path}.{name}", differences);
                }

                break;
            case JArray originalArray when written is JArray writtenArray && originalArray.Count == writtenArray.Count:
                for (var i = 0; i < originalArray.Count; i++)
                {
                    Compare(originalArray[i], writtenArray[i], schema?.Item, $"{path}[{i}]", differences);
                }

                break;
            default:
                // null and absent are the same "no value" (the models have no way to tell them apart).
                if (!JToken.DeepEquals(original, written) && !(original is null or { Type: JTokenType.Null } && written is null or { Type: JTokenType.Null }))
                {
                    differences.Add($"{path}: {original?.ToString() ?? "absent"} became {written?.ToString() ?? "absent"}");
                }

                break;
        }
    }

    private static bool IsNumeric(JsonSchema schema) =>
        schema.Type.HasFlag(JsonObjectType.Number) || schema.Type.HasFlag(JsonObjectType.Integer) || schema.Format == "decimal"
        || schema.OneOf.Any(branch => IsNumeric(branch.ActualSchema));

    /// <summary>The value of a numeric field: a number or a numeric string; "", null and absent are no value; anything else is kept as Text.</summary>
    private static (decimal? Value, string? Text) NumericValue(JToken? token) => token?.Type switch
    {
        null or JTokenType.Null => (null, null),
        JTokenType.Integer or JTokenType.Float => (token.Value<decimal>(), null),
        JTokenType.String when (string?)token is "" => (null, null),
        JTokenType.String when decimal.TryParse((string?)token, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) => (parsed, null),
        _ => (null, token.ToString()),
    };
}
