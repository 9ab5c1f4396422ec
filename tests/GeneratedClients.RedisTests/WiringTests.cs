using System.Security.Cryptography;
using System.Text;
using GeneratedClients.Bitget;
using GeneratedClients.Htx;
using GeneratedClients.Redis;
using GeneratedClients.RedisTests.Support;
using GeneratedClients.Simulator;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace GeneratedClients.RedisTests;

/// <summary>
/// The one line of wiring (<c>UseRedisRateLimit</c> after <c>AddHtxClient</c>/<c>AddBitgetClient</c>, <c>RateLimit.UseRedis</c> for
/// the options constructors), through real clients against the simulator: the limits really are in Redis, one log per
/// endpoint group and key, shared with any other process's limiter for that key.
/// </summary>
[Collection(SharedRedisServer.Name)]
public sealed class WiringTests(RedisServer redis)
{
    private static string Hash(string apiKey) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(apiKey)));

    private static async Task<string[]> KeysAsync(ConnectionMultiplexer connection, string prefix) =>
        [.. (await connection.GetServer(connection.GetEndPoints()[0]).KeysAsync(pattern: prefix + ":*").ToArrayAsync()).Select(k => k.ToString()).Order(StringComparer.Ordinal)];

    [Fact]
    public async Task A_DI_registered_htx_client_with_a_configuration_string_keeps_its_limit_in_Redis()
    {
        await using var simulator = await SimulatorHost.StartAsync(new SimulatorOptions { HtxAccessKey = "wiring-htx-" + Guid.NewGuid().ToString("N")[..8] });
        var settings = Limiters.Options();
        var services = new ServiceCollection();
        services.AddHtxClient(o =>
        {
            o.AccessKey = simulator.Options.HtxAccessKey;
            o.SecretKey = simulator.Options.HtxSecretKey;
            o.BaseAddress = simulator.BaseAddress;
            o.RateLimit.Registry = new RateLimiterRegistry();
        }).UseRedisRateLimit(redis.Endpoint, settings);
        await using (var provider = services.BuildServiceProvider())
        {
            var client = provider.GetRequiredService<HtxClient>();
            var uid = simulator.Accounts.HtxSubAccountUids[0];

            var result = await client.GetCrossSubAccountInfoAsync(uid, "USDT");

            Assert.Equal(uid, result.SubUid);
            using var connection = await redis.ConnectAsync();
            var key = Assert.Single(await KeysAsync(connection, settings.KeyPrefix));
            Assert.Equal($"{settings.KeyPrefix}:htx:{Hash(simulator.Options.HtxAccessKey)}", key);
            Assert.Equal(1, await connection.GetDatabase().SortedSetLengthAsync(key));
        }
    }

    [Fact]
    public async Task A_DI_registered_bitget_client_with_the_callers_connection_keeps_its_limit_in_Redis_and_leaves_the_connection_open()
    {
        await using var simulator = await SimulatorHost.StartAsync(new SimulatorOptions { BitgetApiKey = "wiring-mux-" + Guid.NewGuid().ToString("N")[..8] });
        using var connection = await redis.ConnectAsync();
        var settings = Limiters.Options();
        var services = new ServiceCollection();
        services.AddBitgetClient(o =>
        {
            o.ApiKey = simulator.Options.BitgetApiKey;
            o.ApiSecret = simulator.Options.BitgetApiSecret;
            o.Passphrase = simulator.Options.BitgetPassphrase;
            o.BaseAddress = simulator.BaseAddress;
            o.RateLimit.Registry = new RateLimiterRegistry();
        }).UseRedisRateLimit(connection, settings);
        var key = $"{settings.KeyPrefix}:bitget-accounts:{Hash(simulator.Options.BitgetApiKey)}";
        await using (var provider = services.BuildServiceProvider())
        {
            var client = provider.GetRequiredService<BitgetClient>();

            var result = await client.GetAccountsAsync(BitgetProductType.UsdtFutures);

            Assert.NotEmpty(result);
            Assert.Equal([key], await KeysAsync(connection, settings.KeyPrefix));
            Assert.Equal(1, await connection.GetDatabase().SortedSetLengthAsync(key));
        }

        // The connection is the caller's: disposing the container did not close it.
        Assert.True(connection.IsConnected);
        Assert.Equal(1, await connection.GetDatabase().SortedSetLengthAsync(key));
    }

    [Fact]
    public async Task An_options_client_keeps_one_log_per_endpoint_group_and_another_process_shares_it()
    {
        await using var simulator = await SimulatorHost.StartAsync(new SimulatorOptions { BitgetApiKey = "wiring-bg-" + Guid.NewGuid().ToString("N")[..8] });
        using var connection = await redis.ConnectAsync();
        var settings = Limiters.Options();
        var options = new BitgetClientOptions
        {
            ApiKey = simulator.Options.BitgetApiKey,
            ApiSecret = simulator.Options.BitgetApiSecret,
            Passphrase = simulator.Options.BitgetPassphrase,
            BaseAddress = simulator.BaseAddress,
        };
        options.RateLimit.Registry = new RateLimiterRegistry();
        options.RateLimit.UseRedis(connection, settings);
        using var http = new HttpClient();
        var client = new BitgetClient(http, options);

        await client.GetSubAccountAssetsAsync(BitgetProductType.UsdtFutures);
        await client.GetAccountsAsync(BitgetProductType.UsdtFutures);

        var hash = Hash(simulator.Options.BitgetApiKey);
        Assert.Equal([$"{settings.KeyPrefix}:bitget-accounts:{hash}", $"{settings.KeyPrefix}:bitget:{hash}"], await KeysAsync(connection, settings.KeyPrefix));
        // Another process with the same key (its own limiter over the same log) finds the sub-account assets' 1 / 10 s spent,
        // and 9 of the accounts' 10 / 1 s left.
        using var otherProcess = RedisRateLimiter.ForKey(connection, "Bitget", simulator.Options.BitgetApiKey, ExchangeRateLimits.BitgetSubAccountAssets, settings);
        using (var refused = otherProcess.AttemptAcquire())
        {
            Assert.False(refused.IsAcquired);
        }

        using var otherAccounts = RedisRateLimiter.ForKey(connection, "Bitget-accounts", simulator.Options.BitgetApiKey, ExchangeRateLimits.BitgetAccounts, settings);
        var leases = Enumerable.Range(0, 10).Select(_ => otherAccounts.AttemptAcquire()).ToList();
        Assert.Equal(9, leases.Count(l => l.IsAcquired));
        leases.ForEach(l => l.Dispose());
        Assert.Equal(0, simulator.Statistics.Bitget.RateLimited);
    }

    [Fact]
    public void Wiring_a_builder_that_is_not_an_exchange_client_is_refused()
    {
        var builder = new ServiceCollection().AddHttpClient("something-else");

        var error = Assert.Throws<ArgumentException>(() => builder.UseRedisRateLimit("127.0.0.1:6379"));

        Assert.Equal("builder", error.ParamName);
    }

    [Fact]
    public void A_bad_configuration_string_is_refused_without_repeating_it()
    {
        var builder = new ServiceCollection().AddHtxClient(o => { });

        var error = Assert.Throws<ArgumentException>(() => builder.UseRedisRateLimit("127.0.0.1:6379,password=hunter2-secret,nonsense=1"));

        Assert.Equal("configuration", error.ParamName);
        Assert.DoesNotContain("hunter2-secret", error.ToString(), StringComparison.Ordinal);
    }
}
