using GeneratedClients.Tests.Build;
using GeneratedClients.Tests.Contract;
using Newtonsoft.Json.Linq;

namespace GeneratedClients.Tests.SpecTooling;

/// <summary>
/// The specs tell the truth about the wire for teams that do not use .NET: every sample validates against its response
/// schema with Ajv (npm, pinned in package.json), after the OpenAPI 3.0 to JSON Schema conversion a JavaScript team
/// would do (validate-samples.mjs). Damaged samples are rejected, so the check can fail.
/// </summary>
public sealed class AjvSampleTests
{
    [Fact]
    public async Task Every_sample_validates_with_ajv_and_every_damaged_one_is_rejected()
    {
        await ToolProcess.EnsureNodeModulesAsync();
        var script = Path.Combine(RepoPaths.Root, "tests", "GeneratedClients.ToolingTests", "SpecTooling", "validate-samples.mjs");

        var run = await ToolProcess.RunAsync("node", [script, RepoPaths.Root], RepoPaths.Root);

        Assert.True(run.ExitCode == 0, run.Describe("node validate-samples.mjs"));
        var results = run.Lines.Where(line => line.StartsWith('{')).Select(JObject.Parse).ToList();
        var checkedSamples = results.Where(r => (string?)r["expect"] == "valid").Select(r => (string)r["sample"]!).ToHashSet();
        var expectedSamples = SpecSamples.AllSampleIds().Select(id => id.Replace("/examples/", "/", StringComparison.Ordinal)).ToHashSet();
        Assert.Equal(expectedSamples.Order(), checkedSamples.Order());
        var wrong = results.Where(r => (bool)r["valid"]! != ((string?)r["expect"] == "valid")).Select(r => r.ToString(Newtonsoft.Json.Formatting.None)).ToList();
        Assert.True(wrong.Count == 0, "Ajv disagrees with the expectation:\n" + string.Join("\n", wrong));
        Assert.True(results.Count(r => (string?)r["expect"] == "invalid") >= 8, "The negative controls did not run.");
    }
}
