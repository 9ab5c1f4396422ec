using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using NJsonSchema.Validation;

namespace GeneratedClients.Tests.Contract;

/// <summary>
/// Every wire sample matches the response schema its file name points at, strictly: the spec must describe
/// every field the wire sends. The mutation cases prove the validator rejects what it should.
/// </summary>
public sealed class SampleContractTests
{
    public static TheoryData<string> Samples => new(SpecSamples.AllSampleIds());

    [Theory]
    [MemberData(nameof(Samples))]
    public async Task Sample_matches_its_response_schema_strictly(string sample)
    {
        var schema = await SpecSamples.ResponseSchemaAsync(sample, strict: true);

        var errors = SpecSamples.Validate(schema, File.ReadAllText(SpecSamples.FullPath(sample)));

        Assert.True(errors.Count == 0, $"Sample {sample} does not match its spec:{Environment.NewLine}{SpecSamples.Describe(errors)}");
    }

    [Theory]
    [InlineData("bitget/examples/noSuchOperation.200.json", "has operationId 'noSuchOperation'")]
    [InlineData("bitget/examples/getSubAccountAssets.418.json", "documents no response 418")]
    [InlineData("bitget/examples/getSubAccountAssets.ok.json", "does not read as")]
    public async Task Sample_without_a_matching_operation_and_status_fails(string sample, string reason)
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => SpecSamples.ResponseSchemaAsync(sample, strict: true));

        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    /// <summary>A change to a valid sample; <see cref="Path"/> is a JSON path (for an added field, the new field's path).</summary>
    private sealed record Mutation(string Sample, MutationKind Kind, string Path, string? Value, ValidationErrorKind Expected, bool StrictOnly = false);

    private enum MutationKind
    {
        Replace,
        Remove,
        Add,
    }

    private const string BitgetSeed = "bitget/examples/getSubAccountAssets.200.json";
    private const string HtxSeed = "htx/examples/getCrossSubAccountInfo.200.json";
    private const string BitgetAsset = "data[0].assetList[0]";
    private const string HtxAccount = "data[0]";

    private static readonly Dictionary<string, Mutation> MutationCases = new()
    {
        ["bitget amount is an object"] = new(BitgetSeed, MutationKind.Replace, $"{BitgetAsset}.available", "{}", ValidationErrorKind.StringExpected),
        ["bitget amount is not numeric"] = new(BitgetSeed, MutationKind.Replace, $"{BitgetAsset}.available", "\"abc\"", ValidationErrorKind.PatternMismatch),
        ["bitget amount uses a decimal comma"] = new(BitgetSeed, MutationKind.Replace, $"{BitgetAsset}.btcEquity", "\"0,5\"", ValidationErrorKind.PatternMismatch),
        ["bitget userId is neither number nor digits"] = new(BitgetSeed, MutationKind.Replace, "data[0].userId", "\"12ab\"", ValidationErrorKind.NotOneOf),
        ["bitget code is missing"] = new(BitgetSeed, MutationKind.Remove, "code", null, ValidationErrorKind.PropertyRequired),
        ["bitget asset has an undescribed field"] = new(BitgetSeed, MutationKind.Add, $"{BitgetAsset}.frozenBonus", "\"1\"", ValidationErrorKind.NoAdditionalPropertiesAllowed, StrictOnly: true),
        ["htx decimal is a boolean"] = new(HtxSeed, MutationKind.Replace, $"{HtxAccount}.margin_balance", "true", ValidationErrorKind.NumberExpected),
        ["htx empty-or-decimal is text"] = new(HtxSeed, MutationKind.Replace, $"{HtxAccount}.money_in", "\"n/a\"", ValidationErrorKind.NotOneOf),
        ["htx figure as a string with a decimal comma"] = new(HtxSeed, MutationKind.Replace, $"{HtxAccount}.margin_balance", "\"500,5\"", ValidationErrorKind.NotOneOf),
        ["htx figure is an object"] = new(HtxSeed, MutationKind.Replace, $"{HtxAccount}.contract_detail[0].margin_available", "{}", ValidationErrorKind.NotOneOf),
        ["htx status is not in the enum"] = new(HtxSeed, MutationKind.Replace, "status", "\"maybe\"", ValidationErrorKind.NotInEnumeration),
        ["htx envelope has an undescribed field"] = new(HtxSeed, MutationKind.Add, "err_detail", "\"x\"", ValidationErrorKind.NoAdditionalPropertiesAllowed, StrictOnly: true),
        ["htx contract has an undescribed field"] = new(HtxSeed, MutationKind.Add, $"{HtxAccount}.contract_detail[0].mark_price", "1.5", ValidationErrorKind.NoAdditionalPropertiesAllowed, StrictOnly: true),
    };

    public static TheoryData<string> Mutations => new(MutationCases.Keys);

    [Theory]
    [MemberData(nameof(Mutations))]
    public async Task Mutated_sample_is_rejected(string mutation)
    {
        var (sample, kind, path, value, expected, strictOnly) = MutationCases[mutation];
        var strict = await SpecSamples.ResponseSchemaAsync(sample, strict: true);
        var original = File.ReadAllText(SpecSamples.FullPath(sample));
        Assert.True(SpecSamples.Validate(strict, original).Count == 0, $"The unmutated {sample} must be valid for this case to mean anything.");

        var mutated = Apply(SpecSamples.ParseJson(original), kind, path, value).ToString(Formatting.None);

        var errors = SpecSamples.Validate(strict, mutated);
        Assert.True(
            errors.Any(error => error.Kind == expected && error.Path == "#/" + path),
            $"{mutation}: expected a {expected} error at #/{path}, got:{Environment.NewLine}{SpecSamples.Describe(errors)}");
        if (strictOnly)
        {
            var lenient = await SpecSamples.ResponseSchemaAsync(sample, strict: false);
            var lenientErrors = SpecSamples.Validate(lenient, mutated);
            Assert.True(lenientErrors.Count == 0, $"{mutation}: only strict mode should reject it, but:{Environment.NewLine}{SpecSamples.Describe(lenientErrors)}");
        }
    }

    [Fact]
    public async Task Null_validates_where_the_spec_says_nullable()
    {
        var schema = await SpecSamples.ResponseSchemaAsync(HtxSeed, strict: true);
        var wire = SpecSamples.ReadSample(HtxSeed);
        Assert.Equal(JTokenType.Null, Target(wire, $"{HtxAccount}.contract_detail[0].liquidation_price").Type);

        var errors = SpecSamples.Validate(schema, Apply(wire, MutationKind.Replace, $"{HtxAccount}.money_in", "null").ToString());

        Assert.True(errors.Count == 0, $"null liquidation_price or money_in (the decimal figure's nullable string branch) rejected:{Environment.NewLine}{SpecSamples.Describe(errors)}");
    }

    [Fact]
    public async Task Null_is_rejected_where_the_spec_does_not_say_nullable()
    {
        // The check that NJsonSchema 11 honours OpenAPI 3.0's `nullable` both ways: a string field without it.
        var schema = await SpecSamples.ResponseSchemaAsync(HtxSeed, strict: true);
        var errors = SpecSamples.Validate(schema, Apply(SpecSamples.ReadSample(HtxSeed), MutationKind.Replace, $"{HtxAccount}.margin_asset", "null").ToString());

        Assert.Contains(errors, error => error.Kind == ValidationErrorKind.StringExpected && error.Path == $"#/{HtxAccount}.margin_asset");
    }

    [Theory]
    [InlineData(HtxSeed, $"{HtxAccount}.margin_balance", "\"9476.876543210988\"")]
    [InlineData(HtxSeed, $"{HtxAccount}.margin_balance", "\"1.25E+1\"")]
    [InlineData(HtxSeed, $"{HtxAccount}.margin_balance", "0E-18")]
    [InlineData(HtxSeed, $"{HtxAccount}.contract_detail[0].margin_available", "null")]
    [InlineData(HtxSeed, $"{HtxAccount}.contract_detail[0].margin_available", "\"\"")]
    [InlineData(BitgetSeed, $"{BitgetAsset}.available", "23.123")]
    [InlineData(BitgetSeed, $"{BitgetAsset}.available", "null")]
    public async Task Every_form_of_a_decimal_figure_validates(string sample, string path, string value)
    {
        var schema = await SpecSamples.ResponseSchemaAsync(sample, strict: true);
        var errors = SpecSamples.Validate(schema, Apply(SpecSamples.ReadSample(sample), MutationKind.Replace, path, value).ToString());

        Assert.True(errors.Count == 0, $"{path} = {value} rejected:{Environment.NewLine}{SpecSamples.Describe(errors)}");
    }

    [Theory]
    [InlineData(HtxSeed, $"{HtxAccount}.margin_balance")]
    [InlineData(HtxSeed, $"{HtxAccount}.contract_detail[0].trade_partition")]
    [InlineData(HtxSeed, "status")]
    [InlineData(BitgetSeed, $"{BitgetAsset}.marginCoin")]
    [InlineData(BitgetSeed, "data[0].userId")]
    public async Task A_field_the_wire_can_leave_out_is_not_required(string sample, string path)
    {
        var schema = await SpecSamples.ResponseSchemaAsync(sample, strict: true);
        var errors = SpecSamples.Validate(schema, Apply(SpecSamples.ReadSample(sample), MutationKind.Remove, path, null).ToString());

        Assert.True(errors.Count == 0, $"{path} left out rejected:{Environment.NewLine}{SpecSamples.Describe(errors)}");
    }

    private static JToken Apply(JToken root, MutationKind kind, string path, string? value)
    {
        switch (kind)
        {
            case MutationKind.Replace:
                Target(root, path).Replace(SpecSamples.ParseJson(value!));
                break;
            case MutationKind.Remove:
                Target(root, path).Parent!.Remove();
                break;
            case MutationKind.Add:
                var split = path.LastIndexOf('.');
                var parent = split < 0 ? root : Target(root, path[..split]);
                ((JObject)parent).Add(path[(split + 1)..], SpecSamples.ParseJson(value!));
                break;
        }

        return root;
    }

    private static JToken Target(JToken root, string path) =>
        root.SelectToken(path) ?? throw new InvalidOperationException($"The sample has no '{path}' to mutate.");
}
