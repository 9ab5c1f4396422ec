using System.IO.Compression;
using System.Xml.Linq;
using GeneratedClients.Tests.Build;

namespace GeneratedClients.Tests.Packaging;

/// <summary>
/// What <c>dotnet pack</c> makes of the Redis package: it packs cleanly beside the library, holds its assembly, XML docs
/// and its own README, and depends on the library package at the version packed with it and on StackExchange.Redis.
/// </summary>
[Collection(PackedLibraryGroup.Name)]
public sealed class RedisPackageTests(PackedLibrary packed)
{
    private ZipArchive OpenPackage()
    {
        Assert.True(packed.RedisPack.ExitCode == 0, packed.RedisPack.Describe("dotnet pack (Redis)"));
        Assert.True(File.Exists(packed.RedisPackagePath), $"{packed.RedisPackagePath} was not created.");
        return ZipFile.OpenRead(packed.RedisPackagePath);
    }

    [Fact]
    public void Packs_without_warnings_with_its_assembly_docs_and_readme()
    {
        using var package = OpenPackage();
        ToolProcess.AssertNoNodeCalls(packed.RedisPack);
        var warnings = packed.RedisPack.Lines.Where(line => line.Contains(": warning ", StringComparison.Ordinal)).Distinct().ToList();
        Assert.True(warnings.Count == 0, "dotnet pack (Redis) warned:\n" + string.Join('\n', warnings));

        var entries = package.Entries.Select(entry => entry.FullName).ToHashSet(StringComparer.Ordinal);
        Assert.Contains("lib/net10.0/GeneratedClients.Redis.dll", entries);
        Assert.Contains("lib/net10.0/GeneratedClients.Redis.xml", entries);
        Assert.DoesNotContain("lib/net10.0/GeneratedClients.dll", entries); // the library comes as its own package
        using var readme = new StreamReader(package.GetEntry("README.md")!.Open());
        Assert.Equal(File.ReadAllText(Path.Combine(RepoPaths.Root, "src", "GeneratedClients.Redis", "README.md")), readme.ReadToEnd());
    }

    [Fact]
    public void The_nuspec_depends_on_the_library_package_and_stackexchange_redis()
    {
        using var package = OpenPackage();
        var nuspec = package.Entries.Single(entry => entry.FullName.EndsWith(".nuspec", StringComparison.Ordinal));
        XDocument document;
        using (var stream = nuspec.Open())
        {
            document = XDocument.Load(stream);
        }

        var metadata = document.Root!.Elements().Single(element => element.Name.LocalName == "metadata");
        var ns = metadata.Name.Namespace;
        Assert.Equal(packed.RedisId, metadata.Element(ns + "id")?.Value);
        Assert.Equal("MIT", metadata.Element(ns + "license")?.Value);
        Assert.False(string.IsNullOrWhiteSpace(metadata.Element(ns + "releaseNotes")?.Value), "The nuspec has no release notes.");
        var dependencies = metadata.Descendants(ns + "dependency")
            .ToDictionary(dependency => (string)dependency.Attribute("id")!, dependency => (string?)dependency.Attribute("version"), StringComparer.Ordinal);
        Assert.Equal(packed.Version, dependencies[packed.Id]);
        var central = XDocument.Load(Path.Combine(RepoPaths.Root, "Directory.Packages.props")).Descendants("PackageVersion")
            .ToDictionary(version => (string)version.Attribute("Include")!, version => (string?)version.Attribute("Version"), StringComparer.OrdinalIgnoreCase);
        Assert.Equal(central["StackExchange.Redis"], dependencies["StackExchange.Redis"]);
        Assert.DoesNotContain("Microsoft.SourceLink.GitHub", dependencies.Keys);
    }
}
