using GeneratedClients.Tests.Contract;

namespace GeneratedClients.Tests.Build;

/// <summary>The specs pass Redocly's lint with the committed redocly.yaml, and every spec is linted.</summary>
public sealed class SpecLintTests
{
    [Fact]
    public async Task Specs_pass_redocly_lint()
    {
        await ToolProcess.EnsureNodeModulesAsync();
        var cli = ToolProcess.RedoclyCli(Path.Combine(RepoPaths.Root, "node_modules"));

        var lint = await ToolProcess.RunAsync(
            "node",
            [cli, "lint", "--config", "redocly.yaml"],
            RepoPaths.Root,
            new Dictionary<string, string?> { ["REDOCLY_TELEMETRY"] = "off", ["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true", ["NO_COLOR"] = "1" });

        Assert.True(lint.ExitCode == 0, lint.Describe("redocly lint"));
        var unlinted = SpecSamples.AllSpecFiles().Select(SpecSamples.RepoRelative).Where(spec => !lint.Output.Contains(spec, StringComparison.Ordinal)).ToList();
        Assert.True(unlinted.Count == 0, $"Not linted (add them to apis: in redocly.yaml): {string.Join(", ", unlinted)}{Environment.NewLine}{lint.Output}");
    }
}
