using NSwag;

namespace GeneratedClients.Tests.Contract;

/// <summary>
/// The layout the contract tests rely on: every spec (<c>specs/&lt;exchange&gt;/*.yaml</c>) has an
/// <c>examples/</c> folder beside it with a sample for every documented response of every operation, and every
/// sample is named <c>&lt;operationId&gt;.&lt;status&gt;[.&lt;variant&gt;].json</c>.
/// </summary>
public sealed class SampleConventionTests
{
    public static TheoryData<string> Specs => new(SpecSamples.AllSpecFiles().Select(SpecSamples.RepoRelative));

    [Theory]
    [MemberData(nameof(Specs))]
    public async Task Every_documented_response_has_a_sample(string spec)
    {
        var specPath = Path.Combine(RepoPaths.Root, spec);
        var examples = Path.Combine(Path.GetDirectoryName(specPath)!, "examples");
        Assert.True(Directory.Exists(examples), $"{spec} has no examples/ folder beside it ({SpecSamples.RepoRelative(examples)}).");
        var samples = Directory.EnumerateFiles(examples)
            .Select(file => SampleName.TryParse(Path.GetFileName(file)))
            .OfType<SampleName>()
            .ToList();

        var document = await OpenApiYamlDocument.FromFileAsync(specPath);

        var missing = document.Operations
            .SelectMany(operation => operation.Operation.Responses.Keys.Select(status => (operation.Operation.OperationId, Status: status)))
            .Where(response => !samples.Any(sample => sample.OperationId == response.OperationId && sample.Status == response.Status))
            .Select(response => $"  {response.OperationId}.{response.Status}[.<variant>].json")
            .ToList();
        Assert.NotEmpty(document.Operations);
        Assert.True(missing.Count == 0, $"{spec}: documented responses without a sample in {SpecSamples.RepoRelative(examples)}:{Environment.NewLine}{string.Join(Environment.NewLine, missing)}");
    }

    [Fact]
    public void Every_sample_is_named_operation_status_variant_json()
    {
        var samples = SpecSamples.AllSampleIds().ToList();

        var misnamed = samples.Where(sample => SampleName.TryParse(Path.GetFileName(sample)) is null).ToList();

        Assert.NotEmpty(samples);
        Assert.True(misnamed.Count == 0, $"Samples not named <operationId>.<status>[.<variant>].json (variant: lower-case words joined by '-'):{Environment.NewLine}{string.Join(Environment.NewLine, misnamed)}");
    }

    [Theory]
    [InlineData("getSubAccountAssets.200.json", "getSubAccountAssets", "200", null)]
    [InlineData("getCrossSubAccountInfo.200.auth-error.json", "getCrossSubAccountInfo", "200", "auth-error")]
    [InlineData("getSubAccountAssets.200", null, null, null)]
    [InlineData("getSubAccountAssets.ok.json", null, null, null)]
    [InlineData("getSubAccountAssets.2000.json", null, null, null)]
    [InlineData("getSubAccountAssets.200.Auth_Error.json", null, null, null)]
    [InlineData("getSubAccountAssets.200.json.bak", null, null, null)]
    public void Sample_names_parse_strictly(string fileName, string? operationId, string? status, string? variant)
    {
        var expected = operationId is null ? null : new SampleName(operationId, status!, variant);

        Assert.Equal(expected, SampleName.TryParse(fileName));
    }
}
