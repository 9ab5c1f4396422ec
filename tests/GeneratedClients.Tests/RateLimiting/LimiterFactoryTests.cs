using System.Threading.RateLimiting;
using GeneratedClients.Bitget;
using GeneratedClients.Tests.Support;
using RichardSzalay.MockHttp;

namespace GeneratedClients.Tests.RateLimiting;

/// <summary><see cref="ExchangeRateLimitOptions.LimiterFactory"/>: one limiter per endpoint group and key, made with the effective limit, shared.</summary>
public class LimiterFactoryTests
{
    private sealed record Made(string Group, ExchangeRateLimit Limit, string ApiKey);

    private static (BitgetClientOptions Options, List<Made> Made) Options(Action<ExchangeRateLimitOptions>? change = null)
    {
        var made = new List<Made>();
        var options = new BitgetClientOptions { ApiKey = Fakes.BitgetKey, ApiSecret = Fakes.BitgetSecret, Passphrase = Fakes.BitgetPassphrase };
        options.ClockSync.Enabled = false;
        options.RateLimit.Registry = new RateLimiterRegistry();
        options.RateLimit.LimiterFactory = (group, limit, apiKey, time) =>
        {
            lock (made)
            {
                made.Add(new(group, limit, apiKey));
            }

            return new ConcurrencyLimiter(new ConcurrencyLimiterOptions { PermitLimit = 100, QueueLimit = 0 });
        };
        change?.Invoke(options.RateLimit);
        return (options, made);
    }

    private static HttpClient Exchange()
    {
        var handler = new MockHttpMessageHandler();
        handler.When("*/sub-account-assets*").Respond("application/json", Samples.Read("bitget", "getSubAccountAssets.200.json"));
        handler.When("*/accounts*").Respond("application/json", Samples.Read("bitget", "getAccounts.200.json"));
        return new HttpClient(handler);
    }

    [Fact]
    public async Task Each_endpoint_group_gets_one_limiter_with_its_documented_limit_shared_by_every_client_of_the_key()
    {
        var (options, made) = Options();
        using var http = Exchange();
        var first = new BitgetClient(http, options);
        var second = new BitgetClient(http, options);

        await first.GetSubAccountAssetsAsync(BitgetProductType.UsdtFutures);
        await second.GetSubAccountAssetsAsync(BitgetProductType.UsdtFutures);
        await first.GetAccountsAsync(BitgetProductType.UsdtFutures);
        await second.GetAccountsAsync(BitgetProductType.UsdtFutures);

        Assert.Equal(
            [new("Bitget", ExchangeRateLimits.BitgetSubAccountAssets, Fakes.BitgetKey), new("Bitget-accounts", ExchangeRateLimits.BitgetAccounts, Fakes.BitgetKey)],
            made);
    }

    [Fact]
    public async Task Configured_permit_limit_and_window_reach_the_factory()
    {
        var (options, made) = Options(limits =>
        {
            limits.PermitLimit = 5;
            limits.Window = TimeSpan.FromSeconds(2);
        });
        using var http = Exchange();

        await new BitgetClient(http, options).GetAccountsAsync(BitgetProductType.UsdtFutures);

        Assert.Equal(new ExchangeRateLimit(5, TimeSpan.FromSeconds(2)), Assert.Single(made).Limit);
    }

    [Fact]
    public async Task A_limiter_of_the_callers_own_wins_and_the_factory_is_not_called()
    {
        using var own = new ConcurrencyLimiter(new ConcurrencyLimiterOptions { PermitLimit = 1, QueueLimit = 0 });
        var (options, made) = Options(limits => limits.Limiter = own);
        using var http = Exchange();

        await new BitgetClient(http, options).GetAccountsAsync(BitgetProductType.UsdtFutures);

        Assert.Empty(made);
    }
}
