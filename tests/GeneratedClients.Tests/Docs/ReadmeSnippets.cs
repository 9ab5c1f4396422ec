// The code blocks of README.md, compiled. ReadmeTests checks that every ```csharp block of the README
// appears here verbatim, so the README's code cannot rot.
#pragma warning disable CA1812, CA1848, CA1303, CA1822, CA1873 // sample code: kept plain for readers
using GeneratedClients;
using GeneratedClients.Bitget;
using GeneratedClients.Htx;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GeneratedClients.Tests.Docs;

internal static class ReadmeSnippets
{
    public static async Task QuickStart(string apiKey, string secret, string passphrase, string accessKey, CancellationToken cancellationToken)
    {
        using var httpClient = new HttpClient();
        var timeProvider = TimeProvider.System;
        // --- quick start ---
        var bitget = new BitgetClient(httpClient, new BitgetCredentials(apiKey, secret, passphrase), timeProvider);
        var assets = await bitget.GetSubAccountAssetsAsync(BitgetProductType.UsdtFutures, cancellationToken);
        foreach (var subAccount in assets)
        {
            foreach (var asset in subAccount.AssetList)
            {
                Console.WriteLine($"{subAccount.UserId} {asset.MarginCoin} equity={asset.Equity} available={asset.Available}");
            }
        }

        var htx = new HtxClient(httpClient, new HtxCredentials(accessKey, secret), timeProvider);
        var info = await htx.GetCrossSubAccountInfoAsync(subUid: 123456, marginAccount: "USDT", cancellationToken);
        Console.WriteLine($"{info.SubUid}: {info[0].MarginBalance} {info[0].MarginAsset} at {info.Timestamp}");
        // --- end ---
    }

    public static async Task Errors(BitgetClient bitget)
    {
        // --- errors ---
        try
        {
            await bitget.GetSubAccountAssetsAsync(BitgetProductType.UsdtFutures);
        }
        catch (ExchangeAuthenticationException error)
        {
            Console.WriteLine($"Check the key, secret and passphrase: {error.ExchangeCode} {error.ExchangeMessage}");
        }
        catch (ExchangeRateLimitException error)
        {
            Console.WriteLine($"Slow down; the exchange asks to wait {error.RetryAfter}");
        }
        catch (ExchangeApiException error) when (error.IsTransient)
        {
            Console.WriteLine($"Try again later: {error.Message}");
        }
        // --- end ---
    }

    public static async Task ProductionConsole(string apiKey, string secret, string passphrase, ILogger<BitgetClient> logger)
    {
        // --- production console ---
        var options = new BitgetClientOptions { ApiKey = apiKey, ApiSecret = secret, Passphrase = passphrase };
        options.Retry.MaxRetries = 5;
        using var httpClient = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        var bitget = new BitgetClient(httpClient, options, TimeProvider.System, logger);
        var assets = await bitget.GetSubAccountAssetsAsync(BitgetProductType.UsdtFutures);
        // --- end ---
        GC.KeepAlive(assets);
    }

    public static void HostedService(IServiceCollection services, IConfiguration configuration)
    {
        // --- hosted service ---
        services.AddBitgetClient(configuration.GetSection(BitgetClientOptions.SectionName));
        services.AddHtxClient(configuration.GetSection(HtxClientOptions.SectionName));
        services.AddHostedService<BalanceSweeper>();
        // --- end ---
    }

    // --- sweeper ---
    public sealed class BalanceSweeper(BitgetClient bitget, HtxClient htx, ILogger<BalanceSweeper> logger)
        : Microsoft.Extensions.Hosting.BackgroundService
    {
        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            var bitgetAssets = await bitget.GetSubAccountAssetsAsync(BitgetProductType.UsdtFutures, stoppingToken);
            var progress = new Progress<HtxSweepProgress>(p => logger.LogInformation("HTX {Done}/{Total}", p.Completed, p.Total));
            var htxOutcomes = await htx.GetCrossSubAccountInfoAsync([10000001, 10000002, 10000003], "USDT", progress, stoppingToken);

            var rows = SubAccountBalance.From(bitgetAssets).Concat(SubAccountBalance.From(htxOutcomes));
            foreach (var row in rows)
            {
                logger.LogInformation("{Exchange} {SubAccount} {Coin} equity {Equity}", row.Exchange, row.SubAccountId, row.Coin, row.Equity);
            }

            foreach (var failed in htxOutcomes.Where(o => !o.Succeeded))
            {
                logger.LogWarning("HTX sub-account {SubUid} failed: {Reason}", failed.SubUid, failed.Error!.Message);
            }
        }
    }
    // --- end ---

    public static void DistributedLimiter(IServiceCollection services, System.Threading.RateLimiting.RateLimiter redisBackedLimiter)
    {
        // --- distributed limiter ---
        services.AddHtxClient(options =>
        {
            options.AccessKey = Environment.GetEnvironmentVariable("HTX_ACCESS_KEY");
            options.SecretKey = Environment.GetEnvironmentVariable("HTX_SECRET_KEY");
            options.RateLimit.Limiter = redisBackedLimiter; // shared by every machine using this key
        });
        // --- end ---
    }
}
