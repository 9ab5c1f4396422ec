using System.Text.RegularExpressions;
using GeneratedClients.Tests.Build;
using Xunit.Abstractions;

namespace GeneratedClients.Tests.Packaging;

/// <summary>
/// Every C# block of the repository README and of the package README, pasted as it stands into the Program.cs of a
/// new console project (the SDK's defaults: implicit usings, nullable on; warnings as errors) that references the
/// packed package from a local feed (and Microsoft.Extensions.Hosting where the block uses the Generic Host, and the
/// packed Redis package where it uses GeneratedClients.Redis, OpenTelemetry.Extensions.Hosting where it uses
/// OpenTelemetry, as the README says), builds. So a reader can copy any snippet into a new project and it compiles.
/// </summary>
[Collection(PackedLibraryGroup.Name)]
public sealed partial class ReadmeCompileTests(PackedLibrary packed, ITestOutputHelper output)
{
    private const string HostingVersion = "10.0.14";
    private const string OpenTelemetryVersion = "1.20.1";

    public static TheoryData<string, int> Blocks()
    {
        var data = new TheoryData<string, int>();
        foreach (var readme in Readmes)
        {
            for (var i = 0; i < CSharpBlocks(readme).Count; i++)
            {
                data.Add(readme, i);
            }
        }

        return data;
    }

    private static readonly string[] Readmes = ["README.md", "src/GeneratedClients/README.md"];

    [Theory]
    [MemberData(nameof(Blocks))]
    public async Task The_readme_block_compiles_as_a_whole_program_against_the_packed_package(string readme, int index)
    {
        Assert.True(packed.Pack.ExitCode == 0, packed.Pack.Describe("dotnet pack"));
        Assert.True(packed.RedisPack.ExitCode == 0, packed.RedisPack.Describe("dotnet pack (Redis)"));
        var code = CSharpBlocks(readme)[index];
        var project = Path.Combine(packed.Root, "readme-" + readme.Replace('/', '-') + "-" + index);
        Directory.CreateDirectory(project);
        var hosting = code.Contains("using Microsoft.Extensions.Hosting;", StringComparison.Ordinal)
            ? $"""<PackageReference Include="Microsoft.Extensions.Hosting" Version="{HostingVersion}" />"""
            : string.Empty;
        var openTelemetry = code.Contains("using OpenTelemetry", StringComparison.Ordinal)
            ? $"""<PackageReference Include="OpenTelemetry.Extensions.Hosting" Version="{OpenTelemetryVersion}" />"""
            : string.Empty;
        var redis = code.Contains("using GeneratedClients.Redis;", StringComparison.Ordinal)
            ? $"""<PackageReference Include="{packed.RedisId}" Version="{packed.RedisVersion}" />"""
            : string.Empty;
        File.WriteAllText(Path.Combine(project, "Snippet.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
                <Nullable>enable</Nullable>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                <!-- The packed package restores into a folder of its own, never the machine's global cache (a later pack of the same version would be shadowed). -->
                <RestorePackagesPath>{Path.Combine(packed.Root, "snippet-packages")}</RestorePackagesPath>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="{packed.Id}" Version="{packed.Version}" />
                {hosting}
                {redis}
                {openTelemetry}
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(project, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="packed" value="{packed.PackageDirectory}" />
              </packageSources>
            </configuration>
            """);
        File.WriteAllText(Path.Combine(project, "Program.cs"), code);

        var build = await ToolProcess.RunAsync(
            ToolProcess.Dotnet,
            ["build", "-nologo", "-v:q", "-nodeReuse:false", "-tl:off", "-p:UseSharedCompilation=false"],
            project,
            ToolProcess.NodeFreeBuildEnvironment());

        output.WriteLine(code);
        Assert.True(build.ExitCode == 0, build.Describe($"{readme} C# block {index} built in a new project"));
    }

    private static List<string> CSharpBlocks(string readme) =>
        [.. CSharpBlock().Matches(File.ReadAllText(Path.Combine(RepoPaths.Root, readme))).Select(m => m.Groups[1].Value)];

    [GeneratedRegex("```csharp\\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex CSharpBlock();
}
