using System.Globalization;
using System.Reflection;
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

    [Fact]
    public void The_hosts_are_the_specs_servers()
    {
        var bitget = (JArray)Spec("bitget", "mix-account.yaml")["servers"]!;
        var htx = (JArray)Spec("htx", "linear-swap-account.yaml")["servers"]!;

        Assert.Equal(new Uri((string)bitget[0]["url"]! + "/"), BitgetClient.ProductionAddress);
        Assert.Equal(new Uri((string)htx[0]["url"]! + "/"), HtxClient.ProductionAddress);
        Assert.Equal(new Uri((string)htx[1]["url"]! + "/"), HtxClient.AwsAddress);
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

    private static string Phrase(ExchangeRateLimit limit, string noun) =>
        string.Create(CultureInfo.InvariantCulture, $"{limit.PermitLimit} {noun}{(limit.PermitLimit == 1 ? "" : "s")} / {limit.Window.TotalSeconds} s");
}
