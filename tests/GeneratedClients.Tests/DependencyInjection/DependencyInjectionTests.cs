using System.Net;
using GeneratedClients.Bitget;
using GeneratedClients.Htx;
using GeneratedClients.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RichardSzalay.MockHttp;

namespace GeneratedClients.Tests.DependencyInjection;

public class DependencyInjectionTests : IDisposable
{
    // The container's own registry: limiters and clocks shared per key within this test only.
    private readonly RateLimiterRegistry _registry = new();
    private readonly MockHttpMessageHandler _handler = new();
    private readonly List<HttpRequestMessage> _requests = [];

    public DependencyInjectionTests()
    {
        _handler.When("*/sub-account-assets*").Respond(request =>
        {
            lock (_requests)
            {
                _requests.Add(request);
            }

            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(Samples.Read("bitget", "getSubAccountAssets.200.json")) };
        });
        _handler.When("*/swap_cross_sub_account_info*").Respond(request =>
        {
            lock (_requests)
            {
                _requests.Add(request);
            }

            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(Samples.Read("htx", "getCrossSubAccountInfo.200.json")) };
        });
    }

    public void Dispose()
    {
        _handler.Dispose();
        GC.SuppressFinalize(this);
    }

    private static IConfiguration Configuration(Dictionary<string, string?> values) => new ConfigurationBuilder().AddInMemoryCollection(values).Build();

    private ServiceProvider Provider(Action<IServiceCollection> register)
    {
        var services = new ServiceCollection();
        services.AddSingleton(_registry);
        register(services);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    [Fact]
    public async Task Bitget_client_is_bound_from_configuration_and_calls_through_the_factory()
    {
        var configuration = Configuration(new()
        {
            ["Bitget:ApiKey"] = Fakes.BitgetKey,
            ["Bitget:ApiSecret"] = Fakes.BitgetSecret,
            ["Bitget:Passphrase"] = Fakes.BitgetPassphrase,
            ["Bitget:Locale"] = "zh-CN",
            ["Bitget:ClockSync:Enabled"] = "false",
            ["Bitget:RateLimit:PermitLimit"] = "5",
            ["Bitget:Retry:MaxRetries"] = "1",
        });
        await using var provider = Provider(services => services.AddBitgetClient(configuration.GetSection("Bitget")).ConfigurePrimaryHttpMessageHandler(() => _handler));

        provider.GetRequiredService<IStartupValidator>().Validate();
        var client = provider.GetRequiredService<BitgetClient>();
        var result = await client.GetSubAccountAssetsAsync(BitgetProductType.UsdtFutures);

        Assert.Equal(2, result.Count);
        var request = Assert.Single(_requests);
        Assert.Equal("https://api.bitget.com/api/v2/mix/account/sub-account-assets?productType=USDT-FUTURES", request.RequestUri!.AbsoluteUri);
        Assert.Equal("zh-CN", MockExchange.Header(request, "locale"));
        Assert.Equal(1, provider.GetRequiredService<IOptions<BitgetClientOptions>>().Value.Retry.MaxRetries);
    }

    [Fact]
    public void Missing_credentials_fail_at_start_up_naming_the_setting()
    {
        var configuration = Configuration(new() { ["Bitget:ApiKey"] = Fakes.BitgetKey, ["Bitget:ApiSecret"] = Fakes.BitgetSecret });
        using var provider = Provider(services => services.AddBitgetClient(configuration.GetSection("Bitget")));

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("Bitget:Passphrase is missing", error.Message, StringComparison.Ordinal);
        Assert.Contains("Bitget__Passphrase", error.Message, StringComparison.Ordinal);
        Fakes.AssertNoSecret(error);
    }

    [Fact]
    public void Htx_missing_secret_fails_at_start_up_naming_the_setting()
    {
        using var provider = Provider(services => services.AddHtxClient(o => o.AccessKey = Fakes.HtxKey));

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("Htx:SecretKey is missing", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Typed_clients_are_transient_but_share_one_limiter()
    {
        await using var provider = Provider(services => services.AddBitgetClient(o =>
        {
            o.ApiKey = Fakes.BitgetKey;
            o.ApiSecret = Fakes.BitgetSecret;
            o.Passphrase = Fakes.BitgetPassphrase;
            o.ClockSync.Enabled = false;
            o.RateLimit.PermitLimit = 1;
            o.RateLimit.Window = TimeSpan.FromMinutes(10);
        }).ConfigurePrimaryHttpMessageHandler(() => _handler));

        var first = provider.GetRequiredService<BitgetClient>();
        var second = provider.GetRequiredService<BitgetClient>();
        await first.GetSubAccountAssetsAsync(BitgetProductType.UsdtFutures);
        var waiting = second.GetSubAccountAssetsAsync(BitgetProductType.UsdtFutures);
        await Task.Delay(200);

        Assert.NotSame(first, second);
        Assert.False(waiting.IsCompleted);
        Assert.Single(_requests);
    }

    [Theory]
    [InlineData("Aws", null, "https://api.hbdm.vn/")]
    [InlineData("Production", null, "https://api.hbdm.com/")]
    [InlineData("Aws", "http://127.0.0.1:5099/", "http://127.0.0.1:5099/")]
    public async Task Htx_host_is_chosen_by_configuration(string host, string? baseAddress, string expected)
    {
        var configuration = Configuration(new()
        {
            ["Htx:AccessKey"] = Fakes.HtxKey,
            ["Htx:SecretKey"] = Fakes.HtxSecret,
            ["Htx:Host"] = host,
            ["Htx:BaseAddress"] = baseAddress,
            ["Htx:ClockSync:Enabled"] = "false",
        });
        await using var provider = Provider(services => services.AddHtxClient(configuration.GetSection("Htx")).ConfigurePrimaryHttpMessageHandler(() => _handler));

        await provider.GetRequiredService<HtxClient>().GetCrossSubAccountInfoAsync(42);

        var request = Assert.Single(_requests);
        Assert.StartsWith(expected + "linear-swap-api/v1/swap_cross_sub_account_info?AccessKeyId=", request.RequestUri!.AbsoluteUri, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_injected_rate_limiter_replaces_the_built_in_one()
    {
        using var limiter = new SlidingLogRateLimiter(1, TimeSpan.FromHours(1));
        await using var provider = Provider(services => services.AddHtxClient(o =>
        {
            o.AccessKey = Fakes.HtxKey;
            o.SecretKey = Fakes.HtxSecret;
            o.ClockSync.Enabled = false;
            o.RateLimit.Limiter = limiter;
        }).ConfigurePrimaryHttpMessageHandler(() => _handler));
        var client = provider.GetRequiredService<HtxClient>();

        await client.GetCrossSubAccountInfoAsync(1);
        var waiting = client.GetCrossSubAccountInfoAsync(2);
        await Task.Delay(200);

        Assert.False(waiting.IsCompleted);
        Assert.Equal(0, limiter.GetStatistics()!.CurrentAvailablePermits);
    }
}
