using System.Text.RegularExpressions;

namespace GeneratedClients.Tests.Docs;

public partial class ReadmeTests
{
    private static readonly string Readme = File.ReadAllText(Path.Combine(RepoPaths.Root, "README.md"));

    public static TheoryData<int> CSharpBlocks() => [.. Enumerable.Range(0, CodeBlocks("csharp").Count)];

    [Theory]
    [MemberData(nameof(CSharpBlocks))]
    public void Every_csharp_block_of_the_readme_is_compiled_code(int index)
    {
        var snippets = Normalize(File.ReadAllText(Path.Combine(RepoPaths.Root, "tests", "GeneratedClients.Tests", "Docs", "ReadmeSnippets.cs")));

        var block = Normalize(CodeBlocks("csharp")[index]);

        Assert.True(snippets.Contains(block, StringComparison.Ordinal), "README block not found in Docs/ReadmeSnippets.cs (copy it there so it compiles):\n" + block);
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

    private static List<string> CodeBlocks(string language) =>
        [.. Regex.Matches(Readme, "```" + language + "\\n(.*?)```", RegexOptions.Singleline).Select(m => m.Groups[1].Value)];

    private static string Normalize(string code) =>
        string.Join('\n', code.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0));

    // A property name directly followed (a few lines later) by its x-quirk.
    [GeneratedRegex(@"^ {8}([A-Za-z_]+):\n(?:(?: {10}.*)\n){0,12}? {10}x-quirk:", RegexOptions.Multiline)]
    private static partial Regex QuirkedField();
}
