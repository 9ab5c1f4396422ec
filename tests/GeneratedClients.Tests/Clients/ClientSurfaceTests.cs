using System.Net;
using System.Reflection;
using GeneratedClients.Bitget;
using GeneratedClients.Htx;
using GeneratedClients.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using RichardSzalay.MockHttp;

namespace GeneratedClients.Tests.Clients;

/// <summary>What a .NET developer meets first (issue 13): where requests go, what the results and errors are made of, what the logs say.</summary>
public sealed class ClientSurfaceTests
{
    private static readonly Uri OptionsAddress = new("http://options.example.test/");
    private static readonly Uri HttpClientAddress = new("http://httpclient.example.test/");

    public static TheoryData<string, string?, string?, string> AddressCases => new()
    {
        // constructor, options BaseAddress, HttpClient BaseAddress, expected host
        { "bitget plain", null, null, "api.bitget.com" },
        { "bitget plain", null, HttpClientAddress.ToString(), "httpclient.example.test" },
        { "bitget options", null, null, "api.bitget.com" },
        { "bitget options", null, HttpClientAddress.ToString(), "httpclient.example.test" },
        { "bitget options", OptionsAddress.ToString(), HttpClientAddress.ToString(), "options.example.test" },
        { "bitget options", OptionsAddress.ToString(), null, "options.example.test" },
        { "htx plain", null, null, "api.hbdm.com" },
        { "htx plain", null, HttpClientAddress.ToString(), "httpclient.example.test" },
        { "htx options", null, null, "api.hbdm.com" },
        { "htx options", null, HttpClientAddress.ToString(), "httpclient.example.test" },
        { "htx options", OptionsAddress.ToString(), HttpClientAddress.ToString(), "options.example.test" },
        { "htx options", OptionsAddress.ToString(), null, "options.example.test" },
        { "bitget di", null, null, "api.bitget.com" },
        { "bitget di", OptionsAddress.ToString(), null, "options.example.test" },
        { "htx di", null, null, "api.hbdm.com" },
        { "htx di", OptionsAddress.ToString(), null, "options.example.test" },
    };

    [Theory]
    [MemberData(nameof(AddressCases))]
    public async Task Every_constructor_sends_to_the_options_address_else_the_http_clients_else_the_production_host(string constructor, string? optionsAddress, string? httpClientAddress, string expectedHost)
    {
        var htx = constructor.StartsWith("htx", StringComparison.Ordinal);
        var exchange = MockExchange.Answering(200, htx ? Samples.Read("htx", "getCrossSubAccountInfo.200.json") : Samples.Read("bitget", "getSubAccountAssets.200.json"));
        var http = exchange.Client(httpClientAddress);
        var options = optionsAddress is null ? null : new Uri(optionsAddress);

        switch (constructor)
        {
            case "bitget plain":
                await new BitgetClient(http, Fakes.Bitget()).GetSubAccountAssetsAsync(BitgetProductType.UsdtFutures);
                break;
            case "bitget options":
                await new BitgetClient(http, BitgetOptions(options)).GetSubAccountAssetsAsync(BitgetProductType.UsdtFutures);
                break;
            case "htx plain":
                await new HtxClient(http, Fakes.Htx()).GetCrossSubAccountInfoAsync(123456, "USDT");
                break;
            case "htx options":
                await new HtxClient(http, HtxOptions(options)).GetCrossSubAccountInfoAsync(123456, "USDT");
                break;
            case "bitget di":
                await using (var provider = Provider(services => services.AddBitgetClient(o => Copy(BitgetOptions(options), o)).ConfigurePrimaryHttpMessageHandler(() => exchange.Handler)))
                {
                    await provider.GetRequiredService<BitgetClient>().GetSubAccountAssetsAsync(BitgetProductType.UsdtFutures);
                }

                break;
            case "htx di":
                await using (var provider = Provider(services => services.AddHtxClient(o => Copy(HtxOptions(options), o)).ConfigurePrimaryHttpMessageHandler(() => exchange.Handler)))
                {
                    await provider.GetRequiredService<HtxClient>().GetCrossSubAccountInfoAsync(123456, "USDT");
                }

                break;
        }

        Assert.Equal(expectedHost, exchange.Request.RequestUri!.Host);
    }

    [Fact]
    public void A_client_with_a_logger_says_once_at_information_where_it_sends()
    {
        var logger = new FakeLogger<HtxClient>();

        _ = new HtxClient(new HttpClient { BaseAddress = HttpClientAddress }, HtxOptions(null), logger: logger);

        var line = Assert.Single(logger.Collector.GetSnapshot());
        Assert.Equal(LogLevel.Information, line.Level);
        Assert.Equal("HTX client sends to http://httpclient.example.test/", line.Message);
    }

    [Fact]
    public async Task The_attempt_line_leaves_out_what_the_attempt_does_not_have()
    {
        var logger = new FakeLogger<BitgetClient>();
        var ok = new BitgetClient(MockExchange.Answering(200, Samples.Read("bitget", "getSubAccountAssets.200.json")).Client(), BitgetOptions(null), logger: logger);
        await ok.GetSubAccountAssetsAsync(BitgetProductType.UsdtFutures);
        var refused = new BitgetClient(MockExchange.Answering(400, Samples.Read("bitget", "getSubAccountAssets.400.json")).Client(), BitgetOptions(null), logger: logger);
        await Assert.ThrowsAnyAsync<ExchangeApiException>(() => refused.GetSubAccountAssetsAsync(BitgetProductType.UsdtFutures));
        var unreachable = new BitgetClient(MockExchange.Throwing(new HttpRequestException("refused")).Client(), BitgetOptions(null), logger: logger);
        await Assert.ThrowsAnyAsync<ExchangeApiException>(() => unreachable.GetSubAccountAssetsAsync(BitgetProductType.UsdtFutures));

        var lines = logger.Collector.GetSnapshot().Select(r => r.Message).Where(m => m.Contains("attempt", StringComparison.Ordinal)).ToList();
        Assert.Contains("Bitget GET /api/v2/mix/account/sub-account-assets -> 200 attempt 1 in", lines[0], StringComparison.Ordinal);
        Assert.Contains("-> 400 code 40009 attempt 1", lines[1], StringComparison.Ordinal);
        Assert.Contains("-> no response, attempt 1", lines[2], StringComparison.Ordinal);
        Assert.All(lines, line => Assert.DoesNotContain("code  ", line, StringComparison.Ordinal));
        Assert.All(lines, line => Assert.DoesNotContain("->  ", line, StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_exchange_error_has_no_internal_inner_exception_and_keeps_the_exchanges_words_apart()
    {
        var error = await Assert.ThrowsAsync<ExchangeAuthenticationException>(() =>
            new BitgetClient(MockExchange.Answering(400, Samples.Read("bitget", "getSubAccountAssets.400.json")).Client(), Fakes.Bitget()).GetSubAccountAssetsAsync(BitgetProductType.UsdtFutures));

        Assert.Null(error.InnerException);
        Assert.Equal("sign signature error", error.ExchangeMessage);
        Assert.DoesNotContain("missing or invalid parameter", error.Message, StringComparison.Ordinal); // the spec's text for HTTP 400, not what happened
        Assert.Contains("rejected the key, the signature or the passphrase", error.Message, StringComparison.Ordinal);
        Assert.Contains("Bitget said: \"sign signature error\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_network_error_or_a_page_the_exchange_did_not_write_has_no_exchange_message()
    {
        var network = await Assert.ThrowsAsync<ExchangeNetworkException>(() =>
            new BitgetClient(MockExchange.Throwing(new HttpRequestException("connection refused")).Client(), Fakes.Bitget()).GetSubAccountAssetsAsync(BitgetProductType.UsdtFutures));
        var notFound = await Assert.ThrowsAnyAsync<ExchangeApiException>(() =>
            new HtxClient(MockExchange.Answering(404, "<html>Not Found</html>", "text/html").Client(), Fakes.Htx()).GetCrossSubAccountInfoAsync(123456, "USDT"));

        Assert.IsType<HttpRequestException>(network.InnerException);
        Assert.Null(network.ExchangeMessage);
        Assert.Contains("connection refused", network.Message, StringComparison.Ordinal);
        Assert.Null(notFound.ExchangeMessage);
        Assert.Equal(404, notFound.HttpStatus);
        Assert.True(notFound.InnerException is null or Newtonsoft.Json.JsonException, $"inner: {notFound.InnerException?.GetType()}");
    }

    /// <summary>Every kind of failure of a one-sub-account call: the envelope, the network, HTTP, unreadable and corrupt bodies.</summary>
    public static TheoryData<string> HtxFailures => new()
    {
        "envelope error", "network", "HTTP 503 page", "HTTP 404 page", "truncated body", "corrupt figure", "not an object", "v3 envelope",
    };

    private static MockExchange HtxFailing(string failure) => failure switch
    {
        "envelope error" => MockExchange.Answering(200, Samples.Read("htx", "getCrossSubAccountInfo.200.not-enabled.json")),
        "network" => MockExchange.Throwing(new HttpRequestException("connection refused")),
        "HTTP 503 page" => MockExchange.Answering(503, "<html>Service Unavailable</html>", "text/html"),
        "HTTP 404 page" => MockExchange.Answering(404, "<html>Not Found</html>", "text/html"),
        "truncated body" => MockExchange.Answering(200, Samples.Read("htx", "getCrossSubAccountInfo.200.json")[..60]),
        "corrupt figure" => MockExchange.Answering(200, Samples.Read("htx", "getCrossSubAccountInfo.200.json").Replace("\"margin_balance\": 500", "\"margin_balance\": \"abc\"", StringComparison.Ordinal)),
        "not an object" => MockExchange.Answering(200, "[1, 2]"),
        "v3 envelope" => MockExchange.Answering(200, """{"code":1067,"message":"not allowed","data":null,"ts":1700000000000}"""),
        _ => throw new ArgumentOutOfRangeException(nameof(failure)),
    };

    [Theory]
    [MemberData(nameof(HtxFailures))]
    public async Task Every_failure_of_a_one_sub_account_call_names_the_sub_account(string failure)
    {
        var htx = new HtxClient(HtxFailing(failure).Client(), Fakes.Htx());

        var error = await Assert.ThrowsAnyAsync<ExchangeApiException>(() => htx.GetCrossSubAccountInfoAsync(123456, "USDT"));

        Assert.Equal("123456", error.SubAccountId);
        Assert.Contains("for sub-account 123456", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(HtxFailures))]
    public async Task No_failure_carries_an_internal_type_as_its_inner_exception(string failure)
    {
        var htx = new HtxClient(HtxFailing(failure).Client(), Fakes.Htx());

        var error = await Assert.ThrowsAnyAsync<ExchangeApiException>(() => htx.GetCrossSubAccountInfoAsync(123456, "USDT"));

        for (var inner = error.InnerException; inner is not null; inner = inner.InnerException)
        {
            Assert.True(inner.GetType().IsVisible && inner.GetType().Assembly != typeof(HtxClient).Assembly, $"{failure}: inner exception {inner.GetType()} is not a public type of the platform or a package");
        }
    }

    [Fact]
    public async Task A_corrupt_figure_has_no_inner_exception_and_names_its_field()
    {
        var htx = new HtxClient(HtxFailing("corrupt figure").Client(), Fakes.Htx());

        var error = await Assert.ThrowsAsync<ExchangeResponseException>(() => htx.GetCrossSubAccountInfoAsync(123456, "USDT"));

        Assert.Null(error.InnerException);
        Assert.Equal("data[0].margin_balance", error.FieldPath);
    }

    [Fact]
    public async Task Results_and_their_lists_cannot_be_changed_after_the_call()
    {
        var result = await new HtxClient(MockExchange.Answering(200, Samples.Read("htx", "getCrossSubAccountInfo.200.json")).Client(), Fakes.Htx())
            .GetCrossSubAccountInfoAsync(123456, "USDT");

        var contracts = result[0].ContractDetail;
        Assert.Throws<NotSupportedException>(() => ((ICollection<HtxCrossContractDetail>)contracts).Clear());
        Assert.Throws<NotSupportedException>(() => ((ICollection<HtxCrossSubAccountInfo>)result.Response.Data!).Add(result[0]));
        if (result[0].AdditionalProperties is IDictionary<string, string> fields)
        {
            Assert.Throws<NotSupportedException>(() => fields.Add("x", "1"));
        }

        var modelTypes = typeof(BitgetClient).Assembly.GetExportedTypes()
            .Where(t => t.Namespace is "GeneratedClients.Bitget" or "GeneratedClients.Htx" && t.GetCustomAttribute<System.CodeDom.Compiler.GeneratedCodeAttribute>() is not null && t.IsClass);
        foreach (var property in modelTypes.SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance)))
        {
            var setter = property.SetMethod;
            Assert.True(
                setter is null || !setter.IsPublic || setter.ReturnParameter.GetRequiredCustomModifiers().Contains(typeof(System.Runtime.CompilerServices.IsExternalInit)),
                $"{property.DeclaringType!.Name}.{property.Name} can be set after construction");
            Assert.False(property.PropertyType.IsGenericType && property.PropertyType.GetGenericTypeDefinition() is var definition
                && (definition == typeof(ICollection<>) || definition == typeof(IList<>) || definition == typeof(IDictionary<,>) || definition == typeof(List<>)),
                $"{property.DeclaringType!.Name}.{property.Name} is a mutable collection");
        }
    }

    [Fact]
    public void Envelope_only_and_transport_only_types_are_not_public()
    {
        var exported = typeof(BitgetClient).Assembly.GetExportedTypes().Select(t => t.Name).ToHashSet();

        Assert.DoesNotContain("BitgetErrorResponse", exported);
        Assert.DoesNotContain("BitgetServerTimeResponse", exported);
        Assert.DoesNotContain("BitgetServerTime", exported);
        Assert.DoesNotContain("HtxTimestampResponse", exported);
        Assert.DoesNotContain("HtxCrossSubAccountInfoRequest", exported);
        Assert.Contains("BitgetSubAccountAssetsResponse", exported); // the whole envelope stays reachable from a result
        Assert.Contains("HtxCrossSubAccountInfoResponse", exported);
        Assert.Null(typeof(BitgetFuturesAsset).GetMethod("ShouldSerializeEquity", BindingFlags.Public | BindingFlags.Instance));
    }

    [Fact]
    public async Task A_cancelled_sweep_throws_at_once_and_keeps_the_sub_accounts_already_done()
    {
        using var cancel = new CancellationTokenSource();
        var handler = new MockHttpMessageHandler();
        var body = Samples.Read("htx", "getCrossSubAccountInfo.200.json");
        var served = 0;
        handler.When("*").Respond(async request =>
        {
            if (Interlocked.Increment(ref served) > 3)
            {
                // The fourth sub-account: the caller cancels while its answer is still on the way.
                await cancel.CancelAsync();
                await Task.Delay(Timeout.Infinite, cancel.Token);
            }

            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(body) };
        });
        var htx = new HtxClient(new HttpClient(handler), Fakes.Htx()) { SweepConcurrency = 1 };

        var error = await Assert.ThrowsAsync<HtxSweepCanceledException>(() => htx.GetCrossSubAccountInfoAsync([1, 2, 3, 4, 5, 6], "USDT", progress: null, cancel.Token));

        Assert.Equal(cancel.Token, error.CancellationToken);
        Assert.Equal([1L, 2L, 3L], error.CompletedOutcomes.Select(o => o.SubUid));
        Assert.All(error.CompletedOutcomes, o => Assert.True(o.Succeeded));
        Assert.Equal([4L, 5L, 6L], error.CanceledSubUids);
        Assert.Throws<NotSupportedException>(() => ((ICollection<HtxSubAccountOutcome>)error.CompletedOutcomes).Clear());
        Assert.Throws<NotSupportedException>(() => ((ICollection<long>)error.CanceledSubUids).Add(7));
    }

    [Fact]
    public async Task A_sweeps_outcomes_cannot_be_changed_after_the_call()
    {
        var htx = new HtxClient(MockExchange.Answering(200, Samples.Read("htx", "getCrossSubAccountInfo.200.json")).Client(), Fakes.Htx());

        var outcomes = await htx.GetCrossSubAccountInfoAsync([1, 2], "USDT");

        Assert.IsNotType<HtxSubAccountOutcome[]>(outcomes, exactMatch: false);
        Assert.Throws<NotSupportedException>(() => ((IList<HtxSubAccountOutcome>)outcomes)[0] = outcomes[1]);
        Assert.Throws<NotSupportedException>(() => ((ICollection<HtxSubAccountOutcome>)outcomes).Clear());
    }

    [Fact]
    public void A_cancelled_sweeps_lists_are_copies_the_caller_cannot_change()
    {
        var done = new List<HtxSubAccountOutcome> { new(1, null, null) };
        var undone = new List<long> { 2 };

        var error = new HtxSweepCanceledException(done, undone, null, CancellationToken.None);
        done.Clear();
        undone.Add(3);

        Assert.Equal([1L], error.CompletedOutcomes.Select(o => o.SubUid));
        Assert.Equal([2L], error.CanceledSubUids);
        Assert.Throws<NotSupportedException>(() => ((ICollection<HtxSubAccountOutcome>)error.CompletedOutcomes).Clear());
    }

    private static BitgetClientOptions BitgetOptions(Uri? baseAddress) => new()
    {
        ApiKey = Fakes.BitgetKey,
        ApiSecret = Fakes.BitgetSecret,
        Passphrase = Fakes.BitgetPassphrase,
        BaseAddress = baseAddress,
        RateLimit = { Enabled = false },
        ClockSync = { Enabled = false },
        Retry = { Enabled = false },
    };

    private static HtxClientOptions HtxOptions(Uri? baseAddress) => new()
    {
        AccessKey = Fakes.HtxKey,
        SecretKey = Fakes.HtxSecret,
        BaseAddress = baseAddress,
        RateLimit = { Enabled = false },
        ClockSync = { Enabled = false },
        Retry = { Enabled = false },
    };

    private static void Copy(BitgetClientOptions from, BitgetClientOptions to)
    {
        (to.ApiKey, to.ApiSecret, to.Passphrase, to.BaseAddress) = (from.ApiKey, from.ApiSecret, from.Passphrase, from.BaseAddress);
        (to.RateLimit, to.ClockSync, to.Retry) = (from.RateLimit, from.ClockSync, from.Retry);
    }

    private static void Copy(HtxClientOptions from, HtxClientOptions to)
    {
        (to.AccessKey, to.SecretKey, to.BaseAddress) = (from.AccessKey, from.SecretKey, from.BaseAddress);
        (to.RateLimit, to.ClockSync, to.Retry) = (from.RateLimit, from.ClockSync, from.Retry);
    }

    private static ServiceProvider Provider(Action<IServiceCollection> register)
    {
        var services = new ServiceCollection();
        register(services);
        return services.BuildServiceProvider();
    }
}
