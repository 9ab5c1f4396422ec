using System.Text.RegularExpressions;
using GeneratedClients.RedisTests.Support;
using GeneratedClients.Bitget;
using GeneratedClients.Htx;
using GeneratedClients.Redis;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace GeneratedClients.RedisTests.Docs;

/// <summary>The package README's code is compiled code, and it works against a real Redis.</summary>
[Collection(SharedRedisServer.Name)]
public sealed partial class ReadmeTests(RedisServer redis)
{
    private static readonly string Readme = File.ReadAllText(Path.Combine(RepoPaths.Root, "src", "GeneratedClients.Redis", "README.md"));

    public static TheoryData<int> CSharpBlocks() => [.. Enumerable.Range(0, CodeBlocks().Count)];

    [Theory]
    [MemberData(nameof(CSharpBlocks))]
    public void Every_csharp_block_of_the_package_readme_is_compiled_code(int index)
    {
        var snippets = Normalize(File.ReadAllText(Path.Combine(RepoPaths.Root, "tests", "GeneratedClients.RedisTests", "Docs", "ReadmeSnippets.cs")));

        var block = Normalize(CodeBlocks()[index]);

        Assert.True(snippets.Contains(block, StringComparison.Ordinal), "README block not found in Docs/ReadmeSnippets.cs (copy it there so it compiles):\n" + block);
    }

    [Fact]
    public async Task The_readme_code_builds_limiters_that_use_the_shared_log()
    {
        using var http = new HttpClient();
        var (client, connection) = await ReadmeSnippets.GettingStarted(redis.Endpoint, "readme-access-key", "readme-secret-key", http);
        using (connection)
        {
            Assert.NotNull(client);
            using var limiter = ReadmeSnippets.Settings(connection, "readme-api-key", NullLogger.Instance);
            using var lease = await limiter.AcquireAsync(1);

            Assert.True(lease.IsAcquired);
            Assert.Equal(72, limiter.PermitLimit);
            Assert.Equal(24, limiter.FallbackPermitLimit); // floor(72 × 1/3)
            Assert.True(await connection.GetDatabase().KeyExistsAsync(limiter.Key));
            await connection.GetDatabase().KeyDeleteAsync(limiter.Key);
        }
    }

    [Fact]
    public async Task The_readme_wiring_puts_both_clients_limits_in_redis()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Htx:AccessKey"] = "readme-htx-key",
            ["Htx:SecretKey"] = "readme-htx-secret",
            ["Bitget:ApiKey"] = "readme-bitget-key",
            ["Bitget:ApiSecret"] = "readme-bitget-secret",
            ["Bitget:Passphrase"] = "readme-bitget-passphrase",
        }).Build();
        var services = new ServiceCollection();

        ReadmeSnippets.DependencyInjection(services, configuration, redis.Endpoint);

        await using var provider = services.BuildServiceProvider();
        var htx = provider.GetRequiredService<IOptions<HtxClientOptions>>().Value;
        var bitget = provider.GetRequiredService<IOptions<BitgetClientOptions>>().Value;
        using var limiter = htx.RateLimit.LimiterFactory!("HTX", ExchangeRateLimits.HtxRead, htx.AccessKey!, TimeProvider.System);
        var shared = Assert.IsType<RedisSlidingLogRateLimiter>(limiter);
        Assert.Equal(72, shared.PermitLimit);
        Assert.NotNull(bitget.RateLimit.LimiterFactory);
    }

    private static List<string> CodeBlocks() =>
        [.. CSharpBlock().Matches(Readme).Select(m => m.Groups[1].Value)];

    private static string Normalize(string code) =>
        string.Join('\n', code.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0));

    [GeneratedRegex("```csharp\\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex CSharpBlock();
}
