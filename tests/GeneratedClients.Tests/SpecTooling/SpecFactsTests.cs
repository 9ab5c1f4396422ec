using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using GeneratedClients.Bitget;
using GeneratedClients.Htx;
using Newtonsoft.Json.Linq;

namespace GeneratedClients.Tests.SpecTooling;

/// <summary>
/// Facts that live only in the specs (rate limits in <c>x-rate-limit</c>, hosts in <c>servers</c>) and what the
/// library and the README say about them: a change to a spec that the code or the docs did not follow fails here.
/// The simulator's defaults are checked against the library in the integration tests.
/// </summary>
public class SpecFactsTests
{
    private static JObject Spec(string exchange, string file) => (JObject)YamlJson.ParseFile(Path.Combine(RepoPaths.Specs, exchange, file));

    private static IEnumerable<(string OperationId, JObject Limit)> Limits(JObject spec) =>
        from path in ((JObject)spec["paths"]!).Properties()
        from operation in ((JObject)path.Value).Properties()
        where operation.Value is JObject { } body && body["x-rate-limit"] is JObject
        select ((string)operation.Value["operationId"]!, (JObject)operation.Value["x-rate-limit"]!);

    private static ExchangeRateLimit LimitOf(JObject limit) =>
        new((int)limit["requests"]!, TimeSpan.FromSeconds((double)limit["periodSeconds"]!));

    public static TheoryData<string, string, Type> Specs() => new()
    {
        { "bitget", "mix-account.yaml", typeof(BitgetApi) },
        { "htx", "linear-swap-account.yaml", typeof(HtxApi) },
    };

    [Theory]
    [MemberData(nameof(Specs))]
    public void Every_documented_limit_is_generated_once_with_the_specs_numbers(string exchange, string file, Type api)
    {
        var generated = api.GetNestedType("RateLimits", BindingFlags.NonPublic)!
            .GetFields(BindingFlags.Public | BindingFlags.Static)
            .ToDictionary(f => f.Name, f => (ExchangeRateLimit)f.GetValue(null)!);

        var documented = Limits(Spec(exchange, file)).ToDictionary(l => char.ToUpperInvariant(l.OperationId[0]) + l.OperationId[1..], l => LimitOf(l.Limit));

        Assert.NotEmpty(documented);
        Assert.Equal(documented.OrderBy(p => p.Key), generated.OrderBy(p => p.Key));
    }

    [Theory]
    [InlineData("bitget", "mix-account.yaml", "getSubAccountAssets", nameof(ExchangeRateLimits.BitgetSubAccountAssets))]
    [InlineData("bitget", "mix-account.yaml", "getAccounts", nameof(ExchangeRateLimits.BitgetAccounts))]
    [InlineData("htx", "linear-swap-account.yaml", "getCrossSubAccountInfo", nameof(ExchangeRateLimits.HtxRead))]
    public void The_public_limits_are_the_specs(string exchange, string file, string operationId, string property)
    {
        var documented = LimitOf(Limits(Spec(exchange, file)).Single(l => l.OperationId == operationId).Limit);

        Assert.Equal(documented, (ExchangeRateLimit)typeof(ExchangeRateLimits).GetProperty(property)!.GetValue(null)!);
    }

    [Theory]
    [MemberData(nameof(Specs))]
    public void Every_server_is_generated_in_the_specs_order(string exchange, string file, Type api)
    {
        var documented = ((JArray)Spec(exchange, file)["servers"]!)
            .Select(server => ((string)server["url"]!).TrimEnd('/') + "/" + " | " + ((string?)server["description"] ?? ""))
            .ToList();

        var generated = ((string Url, string Description)[])api.GetField("Servers", BindingFlags.NonPublic | BindingFlags.Static)!.GetValue(null)!;

        Assert.NotEmpty(documented);
        Assert.Equal(documented, generated.Select(server => server.Url + " | " + server.Description));
    }

    [Fact]
    public void The_hosts_are_the_specs_servers()
    {
        var bitget = (JArray)Spec("bitget", "mix-account.yaml")["servers"]!;
        var htx = (JArray)Spec("htx", "linear-swap-account.yaml")["servers"]!;

        Assert.Equal(new Uri((string)bitget[0]["url"]! + "/"), BitgetClient.ProductionAddress);
        Assert.Equal(new Uri((string)htx[0]["url"]! + "/"), HtxClient.ProductionAddress);
        Assert.Equal(new Uri((string)htx[1]["url"]! + "/"), HtxClient.AwsAddress);
        Assert.Equal(new Uri(BitgetApi.Servers[0].Url), BitgetClient.ProductionAddress);
        Assert.Equal(new Uri(HtxApi.Servers[0].Url), HtxClient.ProductionAddress);
        Assert.Equal(new Uri(HtxApi.Servers[1].Url), HtxClient.AwsAddress);
        Assert.Equal(HtxClient.AwsAddress, new HtxClientOptions { Host = HtxHost.Aws }.ResolveBaseAddress());
    }

    [Fact]
    public void The_readme_states_the_specs_limits()
    {
        var readme = File.ReadAllText(Path.Combine(RepoPaths.Root, "README.md")).ReplaceLineEndings(" ");
        readme = string.Join(' ', readme.Split(' ', StringSplitOptions.RemoveEmptyEntries));

        Assert.Contains($"Bitget sub-account assets {Phrase(ExchangeRateLimits.BitgetSubAccountAssets, "request")}", readme, StringComparison.Ordinal);
        Assert.Contains($"Bitget main-account accounts {Phrase(ExchangeRateLimits.BitgetAccounts, "request")}", readme, StringComparison.Ordinal);
        Assert.Contains($"HTX {Phrase(ExchangeRateLimits.HtxRead, "read")}", readme, StringComparison.Ordinal);
    }

    /// <summary>
    /// A limit stated anywhere in prose (every Markdown file, the C# under src/ with its comments, the specs' descriptions) is
    /// one of the specs' <c>x-rate-limit</c>s, so that a changed limit cannot leave an old number behind. A statement is a
    /// count, optionally "request(s)", "read(s)", "call(s)" or "permit(s)", then "/", "per", "every", "in any" or "a", then a
    /// period in seconds: "1 request / 10 s", "72 / 3 s", "72 requests in any 3 s" must be a spec's limit exactly; a count
    /// with its noun and a bare second ("10 requests per second", "24 reads/s") is a rate, and must be a spec's limit's rate
    /// (72 / 3 s allows 24 reads/s). A count with neither noun nor period ("23.30/s", "24 per s") is a measurement, not read.
    /// </summary>
    [Fact]
    public void Every_limit_stated_in_prose_is_a_specs_limit()
    {
        var limits = (from spec in SpecFiles() from limit in Limits((JObject)YamlJson.ParseFile(spec)) select ((decimal)limit.Limit["requests"]!, (decimal)limit.Limit["periodSeconds"]!)).ToHashSet();
        var rates = limits.Select(l => l.Item1 / l.Item2).ToHashSet();
        var statements = (from file in ProseFiles() from statement in LimitStatements(file) select statement).ToList();

        var wrong = statements
            .Where(s => !(s.Seconds is { } seconds ? limits.Contains((s.Permits, seconds)) : rates.Contains(s.Permits)))
            .Where(s => !NotExchangeLimits.Contains((s.File, s.Text)))
            .Select(s => $"{s.File}:{s.Line}: '{s.Text}'")
            .ToList();

        Assert.True(statements.Count >= 10, $"only {statements.Count} limit statements found: has the pattern stopped matching?");
        Assert.True(wrong.Count == 0, "not a limit of any spec's x-rate-limit (" + string.Join(", ", limits.Select(l => $"{l.Item1} / {l.Item2} s")) + ") nor its rate:\n" + string.Join("\n", wrong));
        Assert.All(NotExchangeLimits, known => Assert.Contains(statements, s => (s.File, s.Text) == known));
    }

    /// <summary>An exchange host named in prose (<c>api.*</c> under a spec server's domain) is one of the specs' servers.</summary>
    [Fact]
    public void Every_exchange_host_stated_in_prose_is_a_specs_server()
    {
        var servers = (from spec in SpecFiles() from server in (JArray)((JObject)YamlJson.ParseFile(spec))["servers"]! select new Uri((string)server["url"]!).Host).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var domains = servers.Select(host => host.Split('.')[^2]).Distinct().ToList();
        var hostPattern = new Regex($@"\bapi[a-z0-9-]*(?:\.[a-z0-9-]+)*\.(?:{string.Join('|', domains.Select(Regex.Escape))})\.[a-z]{{2,}}\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

        var named = (from file in ProseFiles()
                     let text = File.ReadAllText(Path.Combine(RepoPaths.Root, file))
                     from Match match in hostPattern.Matches(text)
                     select (file, host: match.Value)).ToList();

        Assert.Contains(named, n => n.host == "api.hbdm.vn");
        Assert.All(named, n => Assert.True(servers.Contains(n.host), $"{n.file} names {n.host}, which is not a server of any spec ({string.Join(", ", servers)})"));
    }

    // Limits stated in prose that are not an endpoint's: each with why it may stay.
    private static readonly HashSet<(string File, string Text)> NotExchangeLimits =
    [
        // HTX's combined budget of trade and read requests, which the spec explains beside the read limit it documents.
        ("specs/htx/linear-swap-account.yaml", "144 requests every 3 seconds"),
        // The concurrency tests' own limit on both the client and the simulator.
        ("README.md", "50 requests / s"),
    ];

    private static readonly Regex LimitStatement = new(
        @"(?<![\d.])(?<n>\d+(?:\.\d+)?)(?:\s+(?<noun>requests?|reads?|calls?|permits?))?\s*(?:/|\bper\b|\bevery\b|\bin\s+any\b|\ba\b)\s*(?<m>\d+(?:\.\d+)?)?\s*(?:s|secs?|seconds?)\b",
        RegexOptions.CultureInvariant);

    private static IEnumerable<string> SpecFiles() =>
        Directory.EnumerateFiles(RepoPaths.Specs, "*.yaml", SearchOption.AllDirectories).Where(f => YamlJson.ParseFile(f) is JObject { } spec && spec["paths"] is JObject);

    /// <summary>Every Markdown file, the C# under src/, and the specs, relative to the root with '/' separators.</summary>
    private static IEnumerable<string> ProseFiles()
    {
        string[] skipped = ["node_modules", "bin", "obj", ".git", "BenchmarkDotNet.Artifacts", "TestResults"];
        bool Kept(string path) => !Path.GetRelativePath(RepoPaths.Root, path).Split(Path.DirectorySeparatorChar).Any(skipped.Contains);
        return Directory.EnumerateFiles(RepoPaths.Root, "*.md", SearchOption.AllDirectories).Where(Kept)
            .Concat(Directory.EnumerateFiles(Path.Combine(RepoPaths.Root, "src"), "*.cs", SearchOption.AllDirectories).Where(Kept))
            .Concat(Directory.EnumerateFiles(RepoPaths.Specs, "*.yaml", SearchOption.AllDirectories))
            .Select(path => Path.GetRelativePath(RepoPaths.Root, path).Replace(Path.DirectorySeparatorChar, '/'))
            .Order(StringComparer.Ordinal);
    }

    private static IEnumerable<(string File, int Line, string Text, decimal Permits, decimal? Seconds)> LimitStatements(string file)
    {
        var text = File.ReadAllText(Path.Combine(RepoPaths.Root, file)).ReplaceLineEndings("\n");
        if (file.EndsWith(".cs", StringComparison.Ordinal))
        {
            // A comment that wraps keeps its words together: "1 request\n    /// per 10 s".
            text = Regex.Replace(text, @"\n[ \t]*///?", "\n");
        }

        foreach (Match match in LimitStatement.Matches(text))
        {
            if (!match.Groups["noun"].Success && !match.Groups["m"].Success)
            {
                continue; // a measured rate ("23.30/s"), not a limit
            }

            var permits = decimal.Parse(match.Groups["n"].Value, CultureInfo.InvariantCulture);
            decimal? seconds = match.Groups["m"].Success ? decimal.Parse(match.Groups["m"].Value, CultureInfo.InvariantCulture) : null;
            var line = text.AsSpan(0, match.Index).Count('\n') + 1;
            yield return (file, line, Regex.Replace(match.Value, @"\s+", " "), permits, seconds);
        }
    }

    private static string Phrase(ExchangeRateLimit limit, string noun) =>
        string.Create(CultureInfo.InvariantCulture, $"{limit.PermitLimit} {noun}{(limit.PermitLimit == 1 ? "" : "s")} / {limit.Window.TotalSeconds} s");
}
