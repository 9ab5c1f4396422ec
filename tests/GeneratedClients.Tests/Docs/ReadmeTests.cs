using System.Text.RegularExpressions;
using GeneratedClients.Bitget;
using GeneratedClients.Htx;

namespace GeneratedClients.Tests.Docs;

public partial class ReadmeTests
{
    private static readonly string Readme = File.ReadAllText(Path.Combine(RepoPaths.Root, "README.md"));

    // Every ```csharp block of both READMEs is compiled as a whole program against the packed package:
    // tests/GeneratedClients.ToolingTests/Packaging/ReadmeCompileTests.cs.

    [Fact]
    public void Both_readmes_name_the_package_id_the_project_declares()
    {
        var project = System.Xml.Linq.XDocument.Load(Path.Combine(RepoPaths.Root, "src", "GeneratedClients", "GeneratedClients.csproj"));
        var id = project.Descendants("PackageId").Single().Value;
        var packageReadme = File.ReadAllText(Path.Combine(RepoPaths.Root, "src", "GeneratedClients", "README.md"));

        Assert.Contains($"dotnet add package {id}", Readme, StringComparison.Ordinal);
        Assert.Contains($"dotnet add package {id}", packageReadme, StringComparison.Ordinal);
        Assert.StartsWith($"# {id}", packageReadme, StringComparison.Ordinal);
        Assert.DoesNotContain("dotnet add package GeneratedClients\n", Readme + packageReadme, StringComparison.Ordinal);
    }

    [Fact]
    public void Both_readmes_name_every_endpoint_method_of_the_clients()
    {
        var packageReadme = File.ReadAllText(Path.Combine(RepoPaths.Root, "src", "GeneratedClients", "README.md"));
        var methods = new[] { typeof(BitgetClient), typeof(HtxClient) }
            .SelectMany(type => type.GetMethods(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.DeclaredOnly)
                .Where(method => method.Name.EndsWith("Async", StringComparison.Ordinal) && method.Name.StartsWith("Get", StringComparison.Ordinal))
                .Select(method => $"{type.Name}.{method.Name}"))
            .Distinct()
            .ToArray();

        Assert.Equal(3, methods.Length);
        Assert.All(methods, method => Assert.Contains(method, packageReadme, StringComparison.Ordinal));
        Assert.All(methods, method => Assert.Contains(method.Split('.')[1], Readme, StringComparison.Ordinal));
    }

    [Fact]
    public void The_readme_gives_the_test_command_that_ci_runs()
    {
        var ci = File.ReadAllText(Path.Combine(RepoPaths.Root, ".ci", "run"));

        Assert.Contains("dotnet test GeneratedClients.sln", Readme, StringComparison.Ordinal);
        Assert.Contains("dotnet test GeneratedClients.sln", ci, StringComparison.Ordinal);
    }

    [Fact]
    public void The_quirks_table_names_every_quirk_of_the_specs()
    {
        var checkedFields = 0;
        foreach (var spec in Directory.GetFiles(RepoPaths.Specs, "*.yaml", SearchOption.AllDirectories))
        {
            foreach (Match field in QuirkedField().Matches(File.ReadAllText(spec)))
            {
                var name = field.Groups[1].Value;
                checkedFields++;
                Assert.True(Readme.Contains('`' + name + '`', StringComparison.Ordinal) || name is "locked" or "available",
                    $"The README's quirks table does not mention `{name}` ({Path.GetFileName(spec)})");
            }
        }

        Assert.True(checkedFields >= 10, $"Only {checkedFields} quirked fields found; the pattern no longer matches the specs.");
    }

    // A property name directly followed (a few lines later) by its x-quirk.
    [GeneratedRegex(@"^ {8}([A-Za-z_]+):\n(?:(?: {10}.*)\n){0,12}? {10}x-quirk:", RegexOptions.Multiline)]
    private static partial Regex QuirkedField();
}
