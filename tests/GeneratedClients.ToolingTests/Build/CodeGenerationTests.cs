using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Text.RegularExpressions;

namespace GeneratedClients.Tests.Build;

/// <summary>
/// The build-time generation (src/GeneratedClients/OpenApiGeneration.targets, NSwag.MSBuild), exercised by building
/// the library in a clean temporary copy of the repository with no Node.js on PATH: NSwag runs only when a spec
/// changed, a spec edit reaches the compiled client, and a bad spec fails the build with a message naming the spec
/// instead of C# compiler errors.
/// </summary>
public sealed partial class CodeGenerationTests : IDisposable
{
    private const string BitgetSpec = "specs/bitget/mix-account.yaml";
    private const string HtxSpec = "specs/htx/linear-swap-account.yaml";
    private const string Project = "src/GeneratedClients/GeneratedClients.csproj";
    private const string ProbeProperty = "ZzProbeField";

    private static readonly string[] RootFiles =
        ["nswag.json", "Directory.Build.props", "Directory.Packages.props", ".editorconfig"];

    private readonly string _root = Path.Combine(Path.GetTempPath(), "GeneratedClients.CodeGen." + Guid.NewGuid().ToString("N"));

    public CodeGenerationTests()
    {
        Directory.CreateDirectory(_root);
        foreach (var file in RootFiles)
        {
            File.Copy(Path.Combine(RepoPaths.Root, file), Path.Combine(_root, file));
        }

        CopyDirectory(RepoPaths.Specs, Path.Combine(_root, "specs"));
        CopyDirectory(Path.Combine(RepoPaths.Root, "src", "GeneratedClients"), Path.Combine(_root, "src", "GeneratedClients"));
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task Nswag_runs_only_for_a_changed_spec_and_the_change_reaches_the_compiled_client()
    {
        var first = await BuildAsync();
        Assert.True(first.ExitCode == 0, first.Describe("The first build"));
        Assert.Contains(Generating("BitgetApi", BitgetSpec), GeneratingLines(first));
        Assert.Contains(Generating("HtxApi", HtxSpec), GeneratingLines(first));
        Assert.DoesNotContain(ProbeProperty, PropertiesOf("GeneratedClients.Bitget", "BitgetFuturesAsset"));
        var generatedFiles = GeneratedFileTimes();

        var second = await BuildAsync();
        Assert.True(second.ExitCode == 0, second.Describe("The unchanged rebuild"));
        Assert.True(GeneratingLines(second).Count == 0, second.Describe("NSwag ran again although nothing changed; the rebuild"));
        Assert.Equal(generatedFiles, GeneratedFileTimes());

        AddProbePropertyToBitgetFuturesAsset();
        var third = await BuildAsync();
        Assert.True(third.ExitCode == 0, third.Describe("The build after the spec edit"));
        Assert.Equal([Generating("BitgetApi", BitgetSpec)], GeneratingLines(third));
        Assert.Contains(ProbeProperty, PropertiesOf("GeneratedClients.Bitget", "BitgetFuturesAsset"));
    }

    private sealed record BadSpec(string Spec, Action<string> Break, string Message);

    private static readonly Dictionary<string, BadSpec> BadSpecs = new()
    {
        ["missing spec"] = new(BitgetSpec, File.Delete, "OpenAPI spec not found: "),
        ["unresolvable $ref"] = new(HtxSpec, path => ReplaceOnce(path, "'#/components/schemas/HtxCrossContractDetail'", "'#/components/schemas/HtxNoSuchSchema'"), "Could not resolve the path '#/components/schemas/HtxNoSuchSchema'"),
        ["YAML syntax error"] = new(HtxSpec, path => File.AppendAllText(path, "x-broken: [unclosed\n"), "did not find expected ',' or ']'"),
    };

    public static TheoryData<string> BadSpecCases => new(BadSpecs.Keys);

    [Theory]
    [MemberData(nameof(BadSpecCases))]
    public async Task A_bad_spec_fails_the_build_naming_the_spec_and_the_reason_without_compiler_errors(string badSpec)
    {
        var (spec, breakSpec, message) = BadSpecs[badSpec];
        var specPath = Path.Combine(_root, spec);
        breakSpec(specPath);

        var build = await BuildAsync();

        Assert.True(build.ExitCode != 0, build.Describe($"The build with a {badSpec}"));
        Assert.True(
            build.Lines.Any(line => line.Contains($"{specPath} : error", StringComparison.Ordinal) && line.Contains(message, StringComparison.Ordinal)),
            build.Describe($"Expected an error on {specPath} saying \"{message}\"; the build"));
        Assert.True(!build.Lines.Any(line => line.Contains("error CS", StringComparison.Ordinal)), build.Describe("Compiler errors instead of a spec error; the build"));
    }

    /// <summary>Builds the copy with no Node.js on PATH: generation and compilation need the .NET SDK only.</summary>
    private async Task<ToolResult> BuildAsync()
    {
        var build = await ToolProcess.RunAsync(
            ToolProcess.Dotnet,
            ["build", Project, "-nologo", "-v:n", "-nodeReuse:false", "-tl:off", "-p:UseSharedCompilation=false"],
            _root,
            ToolProcess.NodeFreeBuildEnvironment());
        Assert.False(Directory.Exists(Path.Combine(_root, "node_modules")), build.Describe("The library build created node_modules; the build"));
        ToolProcess.AssertNoNodeCalls(build);
        return build;
    }

    private string Generating(string client, string spec) => $"{client} from {Path.Combine(_root, spec)}";

    /// <summary>The "GeneratedClients: generating X from Y" lines the target prints each time it runs NSwag, as "X from Y".</summary>
    private static List<string> GeneratingLines(ToolResult build) =>
        build.Lines.Select(line => GeneratingPattern().Match(line)).Where(match => match.Success).Select(match => match.Groups[1].Value.Trim()).ToList();

    [GeneratedRegex("GeneratedClients: generating (.+)$")]
    private static partial Regex GeneratingPattern();

    private Dictionary<string, DateTime> GeneratedFileTimes() =>
        Directory.EnumerateFiles(Path.Combine(_root, "src", "GeneratedClients", "obj"), "*.g.cs", SearchOption.AllDirectories)
            .Where(file => file.Contains($"{Path.DirectorySeparatorChar}Generated{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .ToDictionary(file => file, File.GetLastWriteTimeUtc);

    private List<string> PropertiesOf(string ns, string typeName)
    {
        var dll = Directory.EnumerateFiles(Path.Combine(_root, "src", "GeneratedClients", "bin"), "GeneratedClients.dll", SearchOption.AllDirectories).Single();
        using var stream = File.OpenRead(dll);
        using var pe = new PEReader(stream);
        var metadata = pe.GetMetadataReader();
        var type = metadata.TypeDefinitions.Select(metadata.GetTypeDefinition)
            .Single(definition => metadata.GetString(definition.Namespace) == ns && metadata.GetString(definition.Name) == typeName);
        return type.GetProperties().Select(property => metadata.GetString(metadata.GetPropertyDefinition(property).Name)).ToList();
    }

    private void AddProbePropertyToBitgetFuturesAsset()
    {
        var path = Path.Combine(_root, BitgetSpec);
        var lines = File.ReadAllLines(path).ToList();
        var schema = lines.IndexOf("    BitgetFuturesAsset:");
        var properties = schema < 0 ? -1 : lines.FindIndex(schema, line => line == "      properties:");
        Assert.True(properties >= 0, $"{BitgetSpec} no longer has components.schemas.BitgetFuturesAsset.properties where this test adds a property.");
        lines.InsertRange(properties + 1, ["        zzProbeField:", "          type: string", "          description: Added by CodeGenerationTests."]);
        File.WriteAllLines(path, lines);
    }

    private static void ReplaceOnce(string path, string from, string to)
    {
        var text = File.ReadAllText(path);
        var at = text.IndexOf(from, StringComparison.Ordinal);
        Assert.True(at >= 0, $"{path} no longer contains {from}.");
        File.WriteAllText(path, string.Concat(text.AsSpan(0, at), to, text.AsSpan(at + from.Length)));
    }

    private static void CopyDirectory(string source, string target)
    {
        Directory.CreateDirectory(target);
        foreach (var file in Directory.EnumerateFiles(source))
        {
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
        }

        foreach (var directory in Directory.EnumerateDirectories(source).Where(d => Path.GetFileName(d) is not ("bin" or "obj")))
        {
            CopyDirectory(directory, Path.Combine(target, Path.GetFileName(directory)));
        }
    }
}
