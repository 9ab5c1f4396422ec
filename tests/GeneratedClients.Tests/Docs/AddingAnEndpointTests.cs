using System.Text.RegularExpressions;

namespace GeneratedClients.Tests.Docs;

/// <summary>
/// The README's "Adding an endpoint" says what Bitget's <c>getAccounts</c> cost in lines; the code is recounted here, so
/// the numbers cannot drift from it. A member or type counts from its doc comment (and attributes) to its closing brace
/// or semicolon, blank lines inside included; a spec block from its key to the last line before the next key at its level.
/// </summary>
public partial class AddingAnEndpointTests
{
    private static readonly string Section = ReadSection();

    public static TheoryData<string, string, string> Members() => new()
    {
        { "(`BitgetClient.GetAccountsAsync`, {0} lines with its doc comment)", "src/GeneratedClients/Bitget/BitgetClient.cs", "public Task<BitgetAccountsResult> GetAccountsAsync(" },
        { "(`BitgetAccountsResult : BitgetResult<…>`, {0} lines with its doc comment)", "src/GeneratedClients/Bitget/BitgetAccountsResult.cs", "public sealed class BitgetAccountsResult" },
        { "`ExchangeRateLimits.BitgetAccounts` ({0} lines)", "src/GeneratedClients/RateLimiting/ExchangeRateLimits.cs", "public static ExchangeRateLimit BitgetAccounts" },
        { "(`SubAccountBalance.From(BitgetAccountsResult, …)`, {0} lines with its doc comment)", "src/GeneratedClients/Balances/SubAccountBalance.cs", "public static IReadOnlyList<SubAccountBalance> From(BitgetAccountsResult" },
        { "a {0}-line handler with its doc comment", "src/GeneratedClients.Simulator/BitgetExchange.cs", "public static SimResponse Accounts(" },
        { "a {0}-line action", "src/GeneratedClients.Cli/CliApp.cs", "bitgetAccounts.SetAction(" },
        { "a {0}-line table", "src/GeneratedClients.Cli/Tables.cs", "public static ResultTable BitgetAccounts(" },
    };

    [Theory]
    [MemberData(nameof(Members))]
    public void The_readme_states_the_lines_each_piece_of_code_has(string phrase, string file, string declaration)
    {
        var lines = MemberLines(File.ReadAllLines(Path.Combine(RepoPaths.Root, file)), declaration);

        Assert.Contains(Normalize(string.Format(System.Globalization.CultureInfo.InvariantCulture, phrase, lines)), Section, StringComparison.Ordinal);
    }

    [Fact]
    public void The_readme_states_the_lines_of_the_spec_entry()
    {
        var spec = File.ReadAllLines(Path.Combine(RepoPaths.Specs, "bitget", "mix-account.yaml"));
        var path = YamlBlockLines(spec, "/api/v2/mix/account/accounts:", indent: 2);
        var schemas = YamlBlockLines(spec, "BitgetAccountsResponse:", indent: 4) + YamlBlockLines(spec, "BitgetFuturesAccount:", indent: 4);

        Assert.Contains($"({path} lines for the path, {schemas} for the two schemas)", Section, StringComparison.Ordinal);
    }

    [Fact]
    public void Counting_follows_braces_past_strings_and_stops_at_a_semicolon()
    {
        string[] code =
        [
            "/// <summary>A.</summary>",
            "[Obsolete]",
            "public int A(string s)",
            "{",
            "    var x = \"}{\";",
            "",
            "    return 1;",
            "}",
            "/// <summary>B.</summary>",
            "public static int B { get; } = 2;",
        ];

        Assert.Equal(8, MemberLines(code, "public int A("));
        Assert.Equal(2, MemberLines(code, "public static int B"));
    }

    /// <summary>The lines of the member declared by the one line starting with <paramref name="declaration"/>.</summary>
    internal static int MemberLines(string[] lines, string declaration)
    {
        var at = Enumerable.Range(0, lines.Length).Where(i => lines[i].TrimStart().StartsWith(declaration, StringComparison.Ordinal)).ToList();
        Assert.True(at.Count == 1, $"'{declaration}' starts {at.Count} lines, not one");
        var first = at[0];
        while (first > 0 && (lines[first - 1].TrimStart().StartsWith("///", StringComparison.Ordinal) || lines[first - 1].TrimStart().StartsWith('[')))
        {
            first--;
        }

        var depth = 0;
        for (var last = at[0]; last < lines.Length; last++)
        {
            var code = StringLiteral().Replace(lines[last], "\"\"");
            depth += code.Count(c => c == '{') - code.Count(c => c == '}');
            var end = code.TrimEnd();
            if (depth == 0 && (end.EndsWith('}') || end.EndsWith(';')))
            {
                return last - first + 1;
            }
        }

        throw new InvalidOperationException($"'{declaration}' never ends");
    }

    /// <summary>The lines of the YAML block whose key line is exactly <paramref name="key"/> at <paramref name="indent"/>.</summary>
    private static int YamlBlockLines(string[] lines, string key, int indent)
    {
        var first = Array.IndexOf(lines, new string(' ', indent) + key);
        Assert.True(first >= 0, $"'{key}' not found at indent {indent}");
        var next = first + 1;
        while (next < lines.Length && (lines[next].Trim().Length == 0 || lines[next].Length - lines[next].TrimStart().Length > indent))
        {
            next++;
        }

        while (lines[next - 1].Trim().Length == 0)
        {
            next--;
        }

        return next - first;
    }

    private static string ReadSection()
    {
        var readme = File.ReadAllText(Path.Combine(RepoPaths.Root, "README.md")).ReplaceLineEndings("\n");
        var start = readme.IndexOf("\n## Adding an endpoint\n", StringComparison.Ordinal);
        Assert.True(start >= 0, "the README has no 'Adding an endpoint' section");
        var end = readme.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
        return Normalize(readme[start..(end < 0 ? readme.Length : end)]);
    }

    /// <summary>One space for every run of whitespace, so that a phrase may wrap anywhere.</summary>
    private static string Normalize(string text) => Whitespace().Replace(text, " ");

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"""(?:\\.|[^""\\])*""")]
    private static partial Regex StringLiteral();
}
