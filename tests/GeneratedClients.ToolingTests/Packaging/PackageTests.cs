using System.Diagnostics;
using System.IO.Compression;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using GeneratedClients.Tests.Build;
using Xunit.Abstractions;

namespace GeneratedClients.Tests.Packaging;

/// <summary>
/// Packs the library once, the way a release does (<c>dotnet pack src/GeneratedClients/GeneratedClients.csproj
/// -c Release -o &lt;temp&gt;</c>), for all of <see cref="PackageTests"/>: from a fresh git repository holding the
/// working tree's files (tracked and new, not ignored) with the project's GitHub URL as its origin, as a release
/// clone has, and with no Node.js on PATH. The build outputs go to a temporary artifacts folder
/// (<c>--artifacts-path</c>), so the pack never touches the working tree's bin/ and obj/.
/// </summary>
public sealed class PackedLibrary : IAsyncLifetime
{
    public const string Project = "src/GeneratedClients/GeneratedClients.csproj";

    public string Root { get; } = Path.Combine(Path.GetTempPath(), "GeneratedClients.Pack." + Guid.NewGuid().ToString("N"));

    public string ArtifactsPath => Path.Combine(Root, "artifacts");

    /// <summary>The git repository the package is built from.</summary>
    public string Source => Path.Combine(Root, "source");

    /// <summary>The commit of <see cref="Source"/>.</summary>
    public string Commit { get; private set; } = string.Empty;

    /// <summary>The repository URL the project declares (Directory.Build.props), the origin of <see cref="Source"/>.</summary>
    public static string RepositoryUrl { get; } =
        XDocument.Load(Path.Combine(RepoPaths.Root, "Directory.Build.props")).Descendants("RepositoryUrl").Single().Value;

    public string PackageDirectory => Path.Combine(Root, "package");

    /// <summary>The package version, read from the project.</summary>
    public string Version { get; } = ReadVersion();

    /// <summary>The package id, read from the project (the one place it is written).</summary>
    public string Id { get; } = XDocument.Load(Path.Combine(RepoPaths.Root, Project)).Descendants("PackageId").Single().Value;

    public string PackagePath => Path.Combine(PackageDirectory, $"{Id}.{Version}.nupkg");

    public string SymbolPackagePath => Path.Combine(PackageDirectory, $"{Id}.{Version}.snupkg");

    /// <summary>The Redis package's project (the shared rate limit), packed beside the library.</summary>
    public const string RedisProject = "src/GeneratedClients.Redis/GeneratedClients.Redis.csproj";

    public string RedisId { get; } = XDocument.Load(Path.Combine(RepoPaths.Root, RedisProject)).Descendants("PackageId").Single().Value;

    public string RedisVersion { get; } = ReadVersion(RedisProject);

    public string RedisPackagePath => Path.Combine(PackageDirectory, $"{RedisId}.{RedisVersion}.nupkg");

    internal ToolResult RedisPack { get; private set; } = new(-1, "dotnet pack did not run.");

    internal ToolResult Pack { get; private set; } = new(-1, "dotnet pack did not run.");

    public TimeSpan PackDuration { get; private set; }

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Root);
        Commit = await SnapshotAsync();
        var watch = Stopwatch.StartNew();
        Pack = await PackAsync(PackageDirectory);
        PackDuration = watch.Elapsed;
        RedisPack = await PackAsync(PackageDirectory, RedisProject);
    }

    public Task DisposeAsync()
    {
        if (Directory.Exists(Root))
        {
            Directory.Delete(Root, recursive: true);
        }

        return Task.CompletedTask;
    }

    /// <summary>Copies the files git would commit from the working tree into <see cref="Source"/>, commits them there, and sets the origin.</summary>
    private async Task<string> SnapshotAsync()
    {
        var files = await ToolProcess.RunAsync("git", ["ls-files", "--cached", "--others", "--exclude-standard"], RepoPaths.Root);
        Assert.True(files.ExitCode == 0, files.Describe("git ls-files"));
        foreach (var file in files.Lines.Where(line => line.Length > 0 && File.Exists(Path.Combine(RepoPaths.Root, line))))
        {
            var target = Path.Combine(Source, file);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(Path.Combine(RepoPaths.Root, file), target);
        }

        string[][] steps =
        [
            ["init", "-q"],
            ["add", "-A"],
            ["-c", "user.name=pack", "-c", "user.email=pack@localhost", "-c", "commit.gpgsign=false", "commit", "-q", "-m", "snapshot"],
            ["remote", "add", "origin", RepositoryUrl],
        ];
        foreach (var step in steps)
        {
            var git = await ToolProcess.RunAsync("git", step, Source);
            Assert.True(git.ExitCode == 0, git.Describe("git " + string.Join(' ', step)));
        }

        var head = await ToolProcess.RunAsync("git", ["rev-parse", "HEAD"], Source);
        return head.Output.Trim();
    }

    /// <summary>Packs the library into <paramref name="outputDirectory"/>, building under <see cref="ArtifactsPath"/>.</summary>
    internal Task<ToolResult> PackAsync(string outputDirectory, string project = Project)
    {
        // A release packs with the .NET SDK only: no Node.js on PATH (calls to node or npm would be recorded and fail).
        return ToolProcess.RunAsync(
            ToolProcess.Dotnet,
            ["pack", project, "-c", "Release", "-o", outputDirectory, "--artifacts-path", ArtifactsPath,
             "-nologo", "-nodeReuse:false", "-tl:off", "-p:UseSharedCompilation=false"],
            Source,
            ToolProcess.NodeFreeBuildEnvironment());
    }

    private static string ReadVersion(string project = Project) =>
        XDocument.Load(Path.Combine(RepoPaths.Root, project)).Descendants("Version").SingleOrDefault()?.Value
        ?? throw new InvalidOperationException($"{project} sets no <Version>.");
}

/// <summary>
/// What <c>dotnet pack</c> makes of the library: the package holds the assembly, its XML docs, the README and
/// the OpenAPI specs with their examples, declares its license and dependencies, comes with a symbol package
/// whose PDB matches the assembly, and the build behind it is deterministic.
/// </summary>
[CollectionDefinition(Name)]
public sealed class PackedLibraryGroup : ICollectionFixture<PackedLibrary>
{
    /// <summary>The tests that share one pack of the library.</summary>
    public const string Name = "packed library";
}

[Collection(PackedLibraryGroup.Name)]
public sealed partial class PackageTests(PackedLibrary packed, ITestOutputHelper output)
{
    private const string Dll = "lib/net10.0/GeneratedClients.dll";
    private const string XmlDocs = "lib/net10.0/GeneratedClients.xml";
    private const string Pdb = "lib/net10.0/GeneratedClients.pdb";

    /// <summary>The kind GUID of a portable PDB's embedded source (Portable PDB spec).</summary>
    private static readonly Guid EmbeddedSource = new("0E8A571B-6926-466E-B4AD-8AB04611F5FE");

    /// <summary>The kind GUID of a portable PDB's Source Link JSON (Portable PDB spec).</summary>
    private static readonly Guid SourceLinkKind = new("CC110556-A091-4D38-9FEC-25AB9A351A6A");

    [Fact]
    public void Pack_succeeds_without_warnings()
    {
        AssertPacked();
        ToolProcess.AssertNoNodeCalls(packed.Pack);
        output.WriteLine($"dotnet pack took {packed.PackDuration.TotalSeconds:0.0} s.");

        var warnings = packed.Pack.Lines.Where(line => line.Contains(": warning ", StringComparison.Ordinal)).Distinct().ToList();
        Assert.True(warnings.Count == 0, packed.Pack.Describe($"dotnet pack warned:{Environment.NewLine}{string.Join(Environment.NewLine, warnings)}{Environment.NewLine}dotnet pack"));
        Assert.True(File.Exists(packed.PackagePath), $"{packed.PackagePath} was not created. Created: {string.Join(", ", Directory.EnumerateFiles(packed.PackageDirectory))}");
    }

    [Fact]
    public void The_package_readme_is_the_consumers_readme_not_the_repository_one()
    {
        var readme = Path.Combine(RepoPaths.Root, "src", "GeneratedClients", "README.md");

        using var package = OpenPackage();
        Assert.Equal(File.ReadAllBytes(readme), ReadEntry(package, "README.md"));
        Assert.Equal("README.md", Metadata(package).Element(Metadata(package).Name.Namespace + "readme")?.Value);
        var text = File.ReadAllText(readme);
        Assert.DoesNotContain("Node.js", text, StringComparison.Ordinal); // the repository's prerequisites are not a consumer's
        Assert.DoesNotContain("dotnet run --project", text, StringComparison.Ordinal);
        foreach (var section in new[] { "## Install", "## Quick start", "## Configuration", "## Errors" })
        {
            Assert.Contains(section, text, StringComparison.Ordinal);
        }

        Assert.Contains(PackedLibrary.RepositoryUrl, text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_library_and_its_XML_docs_are_under_lib_net10_0_and_nothing_else_is_under_lib_or_content()
    {
        using var package = OpenPackage();

        var lib = package.Entries.Select(entry => entry.FullName)
            .Where(name => name.StartsWith("lib/", StringComparison.Ordinal) || name.StartsWith("content", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);
        Assert.Equal([Dll, XmlDocs], lib);

        var docs = XDocument.Load(new MemoryStream(ReadEntry(package, XmlDocs)));
        Assert.Equal("GeneratedClients", docs.Root?.Element("assembly")?.Element("name")?.Value);
        var members = docs.Descendants("member").Select(member => (string?)member.Attribute("name")).ToHashSet(StringComparer.Ordinal);
        Assert.Contains("T:GeneratedClients.Bitget.BitgetClient", members);
        Assert.Contains("T:GeneratedClients.Htx.HtxClient", members);
        // The generated models are documented from the specs' descriptions, Markdown code rendered as <c>.
        Assert.Contains("T:GeneratedClients.Htx.HtxCrossContractDetail", members);
        Assert.Contains("P:GeneratedClients.Bitget.BitgetFuturesAsset.UnrealizedPnl", members);
        Assert.Contains("F:GeneratedClients.Bitget.BitgetProductType.UsdtFuturesDemo", members);
        // The public surface's docs (what IntelliSense shows) carry no literal Markdown code quotes.
        var publicTypes = PublicTypeNames(ReadEntry(package, Dll));
        var withBackticks = docs.Descendants("member")
            .Select(member => (Name: (string?)member.Attribute("name") ?? string.Empty, Text: string.Concat(member.DescendantNodes().OfType<XText>().Select(text => text.Value))))
            .Where(member => member.Text.Contains('`', StringComparison.Ordinal) && publicTypes.Contains(DeclaringType(member.Name)))
            .Select(member => member.Name)
            .ToList();
        Assert.True(withBackticks.Count == 0, "Public docs with Markdown backticks: " + string.Join(", ", withBackticks));
    }

    [Fact]
    public void Every_spec_and_example_is_packed_under_specs_with_the_repository_layout()
    {
        var specs = Directory.EnumerateFiles(RepoPaths.Specs, "*.yaml", SearchOption.AllDirectories)
            .Concat(Directory.EnumerateFiles(RepoPaths.Specs, "*.json", SearchOption.AllDirectories)
                .Where(file => Path.GetFileName(Path.GetDirectoryName(file)) == "examples"))
            .ToDictionary(file => "specs/" + Path.GetRelativePath(RepoPaths.Specs, file).Replace('\\', '/'), StringComparer.Ordinal);
        Assert.True(specs.Keys.Count(name => name.EndsWith(".yaml", StringComparison.Ordinal)) >= 2, $"Expected the Bitget and HTX specs under {RepoPaths.Specs}.");
        Assert.Contains(specs.Keys, name => name.Contains("/examples/", StringComparison.Ordinal));

        using var package = OpenPackage();
        var packedSpecs = package.Entries.Select(entry => entry.FullName).Where(name => name.StartsWith("specs/", StringComparison.Ordinal));

        Assert.Equal(specs.Keys.Order(StringComparer.Ordinal), packedSpecs.Order(StringComparer.Ordinal));
        Assert.All(specs, spec => Assert.True(
            File.ReadAllBytes(spec.Value).AsSpan().SequenceEqual(ReadEntry(package, spec.Key)),
            $"{spec.Key} in the package differs from {spec.Value}."));
    }

    [Fact]
    public void The_nuspec_declares_id_version_MIT_license_and_every_library_dependency_at_its_central_version()
    {
        using var package = OpenPackage();
        var metadata = Metadata(package);
        var ns = metadata.Name.Namespace;

        Assert.Equal(packed.Id, metadata.Element(ns + "id")?.Value);
        Assert.NotEqual("GeneratedClients", packed.Id); // a generic id is the kind a registry refuses or someone else takes
        var repository = metadata.Element(ns + "repository");
        Assert.Equal("git", (string?)repository?.Attribute("type"));
        Assert.Equal(PackedLibrary.RepositoryUrl, (string?)repository?.Attribute("url"));
        Assert.Equal(packed.Commit, (string?)repository?.Attribute("commit"));
        Assert.Equal(PackedLibrary.RepositoryUrl, metadata.Element(ns + "projectUrl")?.Value);
        Assert.False(string.IsNullOrWhiteSpace(metadata.Element(ns + "releaseNotes")?.Value), "The nuspec has no release notes.");
        Assert.Equal(packed.Version, metadata.Element(ns + "version")?.Value);
        Assert.Matches(SemVer(), packed.Version);
        Assert.False(string.IsNullOrWhiteSpace(metadata.Element(ns + "authors")?.Value), "The nuspec has no authors.");
        Assert.False(string.IsNullOrWhiteSpace(metadata.Element(ns + "description")?.Value), "The nuspec has no description.");
        var tags = (metadata.Element(ns + "tags")?.Value ?? string.Empty).Split(' ');
        Assert.Contains("bitget", tags);
        Assert.Contains("htx", tags);

        var license = metadata.Element(ns + "license");
        Assert.Equal("expression", (string?)license?.Attribute("type"));
        Assert.Equal("MIT", license?.Value);

        var dependencies = metadata.Element(ns + "dependencies")?.Elements(ns + "group")
            .SingleOrDefault(group => (string?)group.Attribute("targetFramework") == "net10.0")?.Elements(ns + "dependency")
            .ToDictionary(dependency => (string)dependency.Attribute("id")!, dependency => (string?)dependency.Attribute("version"), StringComparer.Ordinal);
        Assert.NotNull(dependencies);

        var centralVersions = XDocument.Load(Path.Combine(RepoPaths.Root, "Directory.Packages.props")).Descendants("PackageVersion")
            .ToDictionary(version => (string)version.Attribute("Include")!, version => (string?)version.Attribute("Version"), StringComparer.OrdinalIgnoreCase);
        var allReferences = XDocument.Load(Path.Combine(RepoPaths.Root, PackedLibrary.Project)).Descendants("PackageReference").ToList();
        var buildOnly = allReferences.Where(reference => (string?)reference.Attribute("PrivateAssets") == "all").Select(reference => (string)reference.Attribute("Include")!).ToList();
        var references = allReferences.Select(reference => (string)reference.Attribute("Include")!).Except(buildOnly).ToList();
        Assert.Contains("Newtonsoft.Json", references);
        Assert.All(references, id =>
        {
            Assert.True(dependencies.TryGetValue(id, out var version), $"The nuspec does not depend on {id}. Dependencies: {string.Join(", ", dependencies.Keys)}");
            Assert.Equal(centralVersions[id], version);
        });

        // The generator and Source Link are build tools (PrivateAssets="all"), never dependencies of the package.
        Assert.Contains("NSwag.MSBuild", buildOnly);
        Assert.Contains("Microsoft.SourceLink.GitHub", buildOnly);
        Assert.All(buildOnly, id => Assert.False(dependencies.ContainsKey(id), $"The nuspec depends on the build-only {id}."));

        // And nothing else: no transitive package promoted to a dependency (central transitive pinning would).
        Assert.Equal(references.Order(StringComparer.Ordinal), dependencies.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_symbol_package_has_the_pdb_of_the_packed_dll_with_the_generated_clients_embedded()
    {
        using var package = OpenPackage();
        Assert.True(File.Exists(packed.SymbolPackagePath), $"{packed.SymbolPackagePath} was not created.");
        using var symbols = ZipFile.OpenRead(packed.SymbolPackagePath);
        Assert.Contains(Pdb, symbols.Entries.Select(entry => entry.FullName));

        using var pdbProvider = MetadataReaderProvider.FromPortablePdbStream(new MemoryStream(ReadEntry(symbols, Pdb)));
        var pdb = pdbProvider.GetMetadataReader();
        using var pe = new PEReader(new MemoryStream(ReadEntry(package, Dll)));
        var codeView = pe.ReadDebugDirectory().Single(entry => entry.Type == DebugDirectoryEntryType.CodeView);
        var pdbId = new BlobContentId(pdb.DebugMetadataHeader!.Id);
        Assert.Equal(pdbId.Guid, pe.ReadCodeViewDebugDirectoryData(codeView).Guid);
        Assert.Equal(pdbId.Stamp, codeView.Stamp);

        // EmbedUntrackedSources: the generated clients exist only under obj/, so the PDB carries them.
        var embedded = pdb.Documents
            .Where(document => pdb.GetCustomDebugInformation(document)
                .Any(information => pdb.GetGuid(pdb.GetCustomDebugInformation(information).Kind) == EmbeddedSource))
            .Select(document => Path.GetFileName(pdb.GetString(pdb.GetDocument(document).Name).Replace('\\', '/')))
            .ToHashSet(StringComparer.Ordinal);
        Assert.Contains("BitgetApi.g.cs", embedded);
        Assert.Contains("HtxApi.g.cs", embedded);

        // Source Link: the committed sources map to their raw files at this commit on GitHub.
        var sourceLink = pdb.GetCustomDebugInformation(EntityHandle.ModuleDefinition)
            .Select(pdb.GetCustomDebugInformation)
            .Where(information => pdb.GetGuid(information.Kind) == SourceLinkKind)
            .Select(information => System.Text.Encoding.UTF8.GetString(pdb.GetBlobBytes(information.Value)))
            .SingleOrDefault();
        Assert.NotNull(sourceLink);
        var raw = PackedLibrary.RepositoryUrl.Replace("https://github.com/", "https://raw.githubusercontent.com/", StringComparison.Ordinal);
        Assert.Contains($"{raw}/{packed.Commit}/", sourceLink, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_build_is_deterministic_a_second_pack_from_scratch_gives_the_same_dll()
    {
        byte[] first;
        using (var package = OpenPackage())
        {
            first = ReadEntry(package, Dll);
        }

        // The compiler marks deterministic output with a Reproducible debug directory entry.
        using (var pe = new PEReader(new MemoryStream(first)))
        {
            Assert.Contains(pe.ReadDebugDirectory(), entry => entry.Type == DebugDirectoryEntryType.Reproducible);
        }

        // And proves it: the same sources, packed again from nothing at the same paths, give the same bytes.
        Directory.Delete(packed.ArtifactsPath, recursive: true);
        var againDirectory = Path.Combine(packed.Root, "package-again");
        var watch = Stopwatch.StartNew();
        var again = await packed.PackAsync(againDirectory);
        output.WriteLine($"The second dotnet pack took {watch.Elapsed.TotalSeconds:0.0} s.");
        Assert.True(again.ExitCode == 0, again.Describe("The second dotnet pack"));

        using var secondPackage = ZipFile.OpenRead(Path.Combine(againDirectory, Path.GetFileName(packed.PackagePath)));
        var second = ReadEntry(secondPackage, Dll);
        var firstDifference = first.AsSpan().CommonPrefixLength(second);
        Assert.True(
            first.Length == second.Length && firstDifference == first.Length,
            $"{Dll} differs between two packs of the same sources ({first.Length} and {second.Length} bytes, first difference at byte {firstDifference}); " +
            "unless a source file or the commit changed between them, the build is not deterministic.");
    }

    /// <summary>The full names of the public types of an assembly (nested ones with '.').</summary>
    private static HashSet<string> PublicTypeNames(byte[] dll)
    {
        using var pe = new PEReader(new MemoryStream(dll));
        var metadata = pe.GetMetadataReader();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var handle in metadata.TypeDefinitions)
        {
            var type = metadata.GetTypeDefinition(handle);
            var visibility = type.Attributes & System.Reflection.TypeAttributes.VisibilityMask;
            if (visibility is System.Reflection.TypeAttributes.Public)
            {
                names.Add($"{metadata.GetString(type.Namespace)}.{metadata.GetString(type.Name)}");
            }
        }

        return names;
    }

    /// <summary>The type a doc member id belongs to: T:X.Y is X.Y itself; P:X.Y.Z (or M:X.Y.Z(...)) is X.Y.</summary>
    private static string DeclaringType(string memberId)
    {
        var name = memberId.Length > 2 ? memberId[2..] : memberId;
        var paren = name.IndexOf('(', StringComparison.Ordinal);
        name = paren < 0 ? name : name[..paren];
        return memberId.StartsWith("T:", StringComparison.Ordinal) ? name : name[..Math.Max(0, name.LastIndexOf('.'))];
    }

    private void AssertPacked() => Assert.True(packed.Pack.ExitCode == 0, packed.Pack.Describe("dotnet pack"));

    private ZipArchive OpenPackage()
    {
        AssertPacked();
        return ZipFile.OpenRead(packed.PackagePath);
    }

    private XElement Metadata(ZipArchive package)
    {
        var nuspec = XDocument.Load(new MemoryStream(ReadEntry(package, $"{packed.Id}.nuspec")));
        return nuspec.Root?.Element(nuspec.Root.Name.Namespace + "metadata")
            ?? throw new InvalidOperationException("The nuspec has no <metadata>.");
    }

    private static byte[] ReadEntry(ZipArchive archive, string name)
    {
        var entry = archive.GetEntry(name);
        if (entry is null)
        {
            Assert.Fail($"The package has no {name}. Entries: {string.Join(", ", archive.Entries.Select(e => e.FullName))}");
        }

        using var stream = entry.Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    [GeneratedRegex(@"^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$")]
    private static partial Regex SemVer();
}
