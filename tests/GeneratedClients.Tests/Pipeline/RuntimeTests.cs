using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using System.Net;
using System.Runtime.CompilerServices;
using System.Text;
using System.Threading.RateLimiting;
using GeneratedClients.Bitget;
using GeneratedClients.Htx;
using GeneratedClients.Tests.Support;
using RichardSzalay.MockHttp;

namespace GeneratedClients.Tests.Pipeline;

/// <summary>The options constructor's production behaviour: limits, retries, re-signing, time, logging.</summary>
public class RuntimeTests : IDisposable
{
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(50);

    // How late a retried request may go out on the fake clock: the driver (Clocked) moves it a step per real
    // millisecond, and on a loaded host the retry's continuation can take a few real milliseconds to send (7.2 s for a
    // 7 s Retry-After was seen in CI). Ten steps: still far from the next wrong answer (a doubled or skipped delay).
    private static readonly TimeSpan Slack = TimeSpan.FromMilliseconds(500);
    private readonly FakeTimeProvider _clock = TestTime.At(Fakes.BitgetTime);
    private readonly MockHttpMessageHandler _handler = new();
    private readonly List<(DateTimeOffset At, HttpRequestMessage Request)> _assetRequests = [];
    private readonly FakeLogger<BitgetClient> _logger = new();

    // Each test's own registry: the limiter and clock of the fake key are shared within the test only.
    private readonly RateLimiterRegistry _registry = new();

    public void Dispose()
    {
        _handler.Dispose();
        GC.SuppressFinalize(this);
    }

    private BitgetClientOptions Options(Action<BitgetClientOptions>? change = null)
    {
        var options = new BitgetClientOptions
        {
            RateLimit = { Registry = _registry },
            ApiKey = Fakes.BitgetKey,
            ApiSecret = Fakes.BitgetSecret,
            Passphrase = Fakes.BitgetPassphrase,
            BaseAddress = new Uri("https://api.bitget.com/"),
        };
        options.Retry.UseJitter = false;
        options.ClockSync.Enabled = false;
        change?.Invoke(options);
        return options;
    }

    private BitgetClient Client(BitgetClientOptions options) => new(new HttpClient(_handler), options, _clock, _logger);

    /// <summary>Answers the asset endpoint with the given (status, body) in turn, the last one repeating.</summary>
    private void AssetsAnswer(params (int Status, string Body, TimeSpan? RetryAfter)[] answers)
    {
        var next = 0;
        _handler.When("*/api/v2/mix/account/sub-account-assets*").Respond(request =>
        {
            lock (_assetRequests)
            {
                _assetRequests.Add((_clock.GetUtcNow(), request));
            }

            var (status, body, retryAfter) = answers[Math.Min(Interlocked.Increment(ref next) - 1, answers.Length - 1)];
            var response = new HttpResponseMessage((HttpStatusCode)status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            if (retryAfter is TimeSpan wait)
            {
                response.Headers.RetryAfter = new(wait);
            }

            return response;
        });
    }

    private static StringContent ServerTime(long milliseconds) =>
        new("{\"code\":\"00000\",\"msg\":\"success\",\"requestTime\":" + milliseconds + ",\"data\":{\"serverTime\":\"" + milliseconds + "\"}}");

    private static (int, string, TimeSpan?) Ok() => (200, Samples.Read("bitget", "getSubAccountAssets.200.json"), null);

    private static (int, string, TimeSpan?) Error(int status, string code, TimeSpan? retryAfter = null) =>
        (status, $$"""{"code":"{{code}}","msg":"boom","requestTime":1,"data":null}""", retryAfter);

    private Task<BitgetSubAccountAssetsResult> Run(BitgetClient client) =>
        Clocked.RunAsync(_clock, client.GetSubAccountAssetsAsync(BitgetProductType.UsdtFutures), Step);

    private static void AssertValidSignature(HttpRequestMessage request)
    {
        var timestamp = long.Parse(MockExchange.Header(request, "ACCESS-TIMESTAMP"), System.Globalization.CultureInfo.InvariantCulture);
        var expected = BitgetSigner.ComputeSignature(Fakes.Bitget(), timestamp, "GET", request.RequestUri!.AbsolutePath, request.RequestUri.Query.TrimStart('?'), null);
        Assert.Equal(expected, MockExchange.Header(request, "ACCESS-SIGN"));
    }

    [Fact]
    public async Task Calls_beyond_the_limit_wait_exactly_as_long_as_the_limit_demands()
    {
        AssetsAnswer(Ok());
        var client = Client(Options());

        await Run(client);
        await Run(client);
        await Run(client);

        var start = _assetRequests[0].At;
        var gaps = _assetRequests.Select(r => r.At - start).ToArray();
        // 1 request / 10 s plus the 50 ms safety margin; the clock moves in 50 ms steps.
        Assert.Equal(TimeSpan.Zero, gaps[0]);
        Assert.InRange(gaps[1], TimeSpan.FromMilliseconds(10_050), TimeSpan.FromMilliseconds(10_100));
        Assert.InRange(gaps[2], TimeSpan.FromMilliseconds(20_100), TimeSpan.FromMilliseconds(20_200));
    }

    [Fact]
    public async Task Clients_with_the_same_key_share_one_limiter_and_other_keys_do_not()
    {
        AssetsAnswer(Ok());

        await Run(Client(Options()));
        await Run(Client(Options()));
        // Another key is not paced by the first: it goes at once, with no fake time passing (it would hang otherwise).
        // Why read the clock here: Run may have moved it a step after the second request, while that call finished.
        var beforeOtherKey = _clock.GetUtcNow();
        await Client(Options(o => o.ApiKey = "another-key")).GetSubAccountAssetsAsync(BitgetProductType.UsdtFutures).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.InRange(_assetRequests[1].At - _assetRequests[0].At, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(10.1));
        Assert.Equal(beforeOtherKey, _assetRequests[2].At);
    }

    [Fact]
    public async Task A_waiting_call_honours_cancellation()
    {
        AssetsAnswer(Ok());
        var client = Client(Options());
        await Run(client);
        using var cancel = new CancellationTokenSource();

        var waiting = client.GetSubAccountAssetsAsync(BitgetProductType.UsdtFutures, cancel.Token);
        await Task.Delay(20);
        Assert.False(waiting.IsCompleted);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.Single(_assetRequests);
    }

    [Fact]
    public async Task A_retried_request_carries_a_new_timestamp_and_a_valid_signature()
    {
        AssetsAnswer(Error(503, "50000"), Ok());

        var result = await Run(Client(Options(o => o.RateLimit.Enabled = false)));

        Assert.Equal(2, result.Count);
        Assert.Equal(2, _assetRequests.Count);
        var (first, second) = (_assetRequests[0].Request, _assetRequests[1].Request);
        Assert.NotEqual(MockExchange.Header(first, "ACCESS-TIMESTAMP"), MockExchange.Header(second, "ACCESS-TIMESTAMP"));
        AssertValidSignature(first);
        AssertValidSignature(second);
        Assert.Equal(_assetRequests[1].At.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture), MockExchange.Header(second, "ACCESS-TIMESTAMP"));
    }

    [Fact]
    public async Task Retries_back_off_exponentially_and_stop_at_the_bound()
    {
        AssetsAnswer(Error(502, "x"));
        var client = Client(Options(o =>
        {
            o.RateLimit.Enabled = false;
            o.Retry.MaxRetries = 3;
            o.Retry.BaseDelay = TimeSpan.FromSeconds(1);
        }));

        var error = await Assert.ThrowsAsync<ExchangeServerException>(() => Run(client));

        Assert.Equal(502, error.HttpStatus);
        Assert.Equal(4, _assetRequests.Count);
        var gaps = _assetRequests.Zip(_assetRequests.Skip(1), (a, b) => b.At - a.At).ToArray();
        Assert.InRange(gaps[0], TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1) + Slack);
        Assert.InRange(gaps[1], TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(2) + Slack);
        Assert.InRange(gaps[2], TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(4) + Slack);
    }

    [Fact]
    public async Task Retry_after_is_honoured()
    {
        AssetsAnswer(Error(429, "429", TimeSpan.FromSeconds(7)), Ok());

        await Run(Client(Options(o => o.RateLimit.Enabled = false)));

        Assert.InRange(_assetRequests[1].At - _assetRequests[0].At, TimeSpan.FromSeconds(7), TimeSpan.FromSeconds(7) + Slack);
    }

    [Theory]
    [InlineData(400, "40009")]
    [InlineData(400, "40037")]
    [InlineData(403, "40014")]
    [InlineData(400, "40019")]
    [InlineData(200, "40762")]
    public async Task Authentication_permission_and_bad_request_errors_are_never_retried(int status, string code)
    {
        AssetsAnswer(Error(status, code), Ok());

        await Assert.ThrowsAnyAsync<ExchangeApiException>(() => Run(Client(Options(o => o.RateLimit.Enabled = false))));

        Assert.Single(_assetRequests);
    }

    [Fact]
    public async Task An_attempt_that_takes_too_long_times_out_with_a_typed_error()
    {
        var client = new BitgetClient(new HttpClient(new NeverAnswers()), Options(o =>
        {
            o.RateLimit.Enabled = false;
            o.Retry.Enabled = false;
            o.Timeout = TimeSpan.FromSeconds(2);
        }), _clock, _logger);

        var error = await Assert.ThrowsAsync<ExchangeNetworkException>(() => Run(client));

        Assert.Contains("within 2 s", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Answers Bitget's server time <paramref name="ahead"/> of the test clock; counts the requests.</summary>
    private StrongBox<int> ServerTimeAhead(TimeSpan ahead)
    {
        var syncs = new StrongBox<int>();
        _handler.When("*/api/v2/public/time").Respond(_ =>
        {
            Interlocked.Increment(ref syncs.Value);
            var server = (_clock.GetUtcNow() + ahead).ToUnixTimeMilliseconds();
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = ServerTime(server) };
        });
        return syncs;
    }

    [Fact]
    public async Task Clock_sync_applies_the_server_offset_to_request_timestamps()
    {
        var serverAhead = TimeSpan.FromSeconds(45);
        var syncs = ServerTimeAhead(serverAhead);
        AssetsAnswer(Ok());
        var client = Client(Options(o =>
        {
            o.RateLimit.Enabled = false;
            o.ClockSync.Enabled = true;
        }));

        // Not clock-driven: the clock must stand still during the round trip for the offset to be exact.
        await client.GetSubAccountAssetsAsync(BitgetProductType.UsdtFutures);
        await client.GetSubAccountAssetsAsync(BitgetProductType.UsdtFutures);

        Assert.Equal(1, syncs.Value);
        Assert.Equal(serverAhead, client.ClockOffset);
        var sent = long.Parse(MockExchange.Header(_assetRequests[1].Request, "ACCESS-TIMESTAMP"), System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal((_assetRequests[1].At + serverAhead).ToUnixTimeMilliseconds(), sent);
        AssertValidSignature(_assetRequests[1].Request);
    }

    [Fact]
    public async Task Options_clients_on_one_key_share_one_server_time_measurement_and_another_key_makes_its_own()
    {
        var serverAhead = TimeSpan.FromSeconds(45);
        var syncs = ServerTimeAhead(serverAhead);
        AssetsAnswer(Ok());
        BitgetClientOptions OptionsFor(string apiKey) => Options(o =>
        {
            o.ApiKey = apiKey;
            o.RateLimit.Enabled = false;
            o.ClockSync.Enabled = true;
        });

        // Two options clients of one process (one registry, one local clock), each with its own options object, one key.
        var first = Client(OptionsFor(Fakes.BitgetKey));
        var second = Client(OptionsFor(Fakes.BitgetKey));
        await first.GetSubAccountAssetsAsync(BitgetProductType.UsdtFutures);
        await second.GetSubAccountAssetsAsync(BitgetProductType.UsdtFutures);

        Assert.Equal(1, syncs.Value);
        Assert.Equal(serverAhead, second.ClockOffset); // measured by the first client, used by the second

        // Two keys: the other key's client measures for its own key.
        var otherKey = Client(OptionsFor("bg-other-key-3c9a"));
        await otherKey.GetSubAccountAssetsAsync(BitgetProductType.UsdtFutures);

        Assert.Equal(2, syncs.Value);
        Assert.Equal(3, _assetRequests.Count);
    }

    [Fact]
    public async Task A_limiter_that_cannot_be_consulted_fails_the_call_at_once_unsent_and_unretried_with_the_default_retries()
    {
        AssetsAnswer(Ok());
        using var limiter = new UnavailableLimiter();
        var options = Options(o => o.RateLimit.Limiter = limiter);
        Assert.True(options.Retry.Enabled);
        Assert.Equal(3, options.Retry.MaxRetries);
        var client = Client(options);

        var error = await Assert.ThrowsAsync<ExchangeApiException>(() => Run(client));

        Assert.Equal(ExchangeErrorCategory.RateLimiterUnavailable, error.Category);
        Assert.False(error.IsTransient);
        Assert.Equal(1, limiter.Acquisitions); // one attempt: no retry waited for the limiter again
        Assert.Empty(_assetRequests);
        Assert.Equal(Fakes.BitgetTime, _clock.GetUtcNow().ToUnixTimeMilliseconds()); // no retry delay passed either
    }

    [Fact]
    public async Task An_expired_timestamp_resynchronises_the_clock_and_retries_once()
    {
        var offsets = new[] { TimeSpan.Zero, TimeSpan.FromSeconds(60) };
        var syncs = 0;
        _handler.When("*/api/v2/public/time").Respond(_ =>
        {
            var server = (_clock.GetUtcNow() + offsets[Math.Min(Interlocked.Increment(ref syncs) - 1, 1)]).ToUnixTimeMilliseconds();
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = ServerTime(server) };
        });
        AssetsAnswer(Error(400, "40008"), Ok());
        var client = Client(Options(o =>
        {
            o.RateLimit.Enabled = false;
            o.ClockSync.Enabled = true;
        }));

        await client.GetSubAccountAssetsAsync(BitgetProductType.UsdtFutures);

        Assert.Equal(2, syncs);
        Assert.Equal(2, _assetRequests.Count);
        var retried = long.Parse(MockExchange.Header(_assetRequests[1].Request, "ACCESS-TIMESTAMP"), System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal((_assetRequests[1].At + TimeSpan.FromSeconds(60)).ToUnixTimeMilliseconds(), retried);
    }

    [Fact]
    public async Task A_client_says_whether_its_clock_offset_was_measured_and_why_not()
    {
        _handler.When("*/api/v2/public/time").Respond(HttpStatusCode.BadGateway, "text/html", "<html>502</html>");
        AssetsAnswer(Ok());
        var failing = Client(Options(o =>
        {
            o.RateLimit.Enabled = false;
            o.ClockSync.Enabled = true;
        }));
        var unsynchronised = Client(Options(o => o.RateLimit.Enabled = false));

        await Run(failing);
        await Run(unsynchronised);

        Assert.False(failing.IsClockOffsetMeasured);
        Assert.Equal(ExchangeErrorCategory.ServerError, failing.ClockSyncError!.Category);
        Assert.Equal(502, failing.ClockSyncError.HttpStatus);
        Assert.Equal("Bitget", failing.ClockSyncError.Exchange);
        Assert.False(unsynchronised.IsClockOffsetMeasured);
        Assert.Null(unsynchronised.ClockSyncError);
    }

    [Fact]
    public async Task A_measured_clock_offset_says_so_and_clears_an_earlier_failure()
    {
        var answers = 0;
        _handler.When("*/api/v2/public/time").Respond(_ => Interlocked.Increment(ref answers) == 1
            ? new HttpResponseMessage(HttpStatusCode.BadGateway) { Content = new StringContent("<html>502</html>") }
            : new HttpResponseMessage(HttpStatusCode.OK) { Content = ServerTime(_clock.GetUtcNow().ToUnixTimeMilliseconds()) });
        AssetsAnswer(Ok());
        var client = Client(Options(o =>
        {
            o.RateLimit.Enabled = false;
            o.ClockSync.Enabled = true;
            o.ClockSync.RefreshInterval = TimeSpan.FromSeconds(1);
        }));

        await client.GetSubAccountAssetsAsync(BitgetProductType.UsdtFutures);
        Assert.NotNull(client.ClockSyncError);
        _clock.Advance(TimeSpan.FromSeconds(2));
        await client.GetSubAccountAssetsAsync(BitgetProductType.UsdtFutures);

        Assert.True(client.IsClockOffsetMeasured);
        Assert.Null(client.ClockSyncError);
    }

    [Fact]
    public async Task A_failing_server_time_does_not_fail_the_call()
    {
        _handler.When("*/api/v2/public/time").Respond(HttpStatusCode.BadGateway, "text/html", "<html>502</html>");
        AssetsAnswer(Ok());
        var client = Client(Options(o =>
        {
            o.RateLimit.Enabled = false;
            o.ClockSync.Enabled = true;
        }));

        await Run(client);

        Assert.Equal(TimeSpan.Zero, client.ClockOffset);
        Assert.Contains(_logger.Lines(), l => l.Contains("could not read the server time", StringComparison.Ordinal));
    }

    [Fact]
    public async Task One_structured_log_line_per_attempt_and_never_a_secret()
    {
        AssetsAnswer(Error(503, "x"), Error(400, "40009"));
        var client = Client(Options(o => o.RateLimit.Enabled = false));

        await Assert.ThrowsAsync<ExchangeAuthenticationException>(() => Run(client));

        var requests = _logger.Lines().Where(l => l.Contains("attempt", StringComparison.Ordinal) && l.Contains("->", StringComparison.Ordinal)).ToArray();
        Assert.Equal(2, requests.Length);
        Assert.Contains("Exchange=Bitget", requests[0], StringComparison.Ordinal);
        Assert.Contains("Method=GET", requests[0], StringComparison.Ordinal);
        Assert.Contains("Path=/api/v2/mix/account/sub-account-assets", requests[0], StringComparison.Ordinal);
        Assert.Contains("Status=503", requests[0], StringComparison.Ordinal);
        Assert.Contains("Attempt=1", requests[0], StringComparison.Ordinal);
        Assert.Contains("ExchangeCode=40009", requests[1], StringComparison.Ordinal);
        Assert.Contains("Attempt=2", requests[1], StringComparison.Ordinal);
        Assert.Contains("DurationMs=", requests[1], StringComparison.Ordinal);
        var signatures = _assetRequests.Select(r => MockExchange.Header(r.Request, "ACCESS-SIGN")).ToArray();
        foreach (var line in _logger.Lines())
        {
            Fakes.AssertNoSecret(line);
            Assert.DoesNotContain(signatures, line.Contains);
        }
    }

    [Fact]
    public void Options_are_validated_naming_the_setting_and_never_the_value()
    {
        var error = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() =>
            Client(Options(o =>
            {
                o.ApiKey = " ";
                o.Passphrase = null;
                o.Retry.MaxRetries = 99;
            })));

        Assert.Contains("Bitget:ApiKey", error.Message, StringComparison.Ordinal);
        Assert.Contains("Bitget:Passphrase", error.Message, StringComparison.Ordinal);
        Assert.Contains("Bitget:Retry:MaxRetries", error.Message, StringComparison.Ordinal);
        Fakes.AssertNoSecret(error);
    }

    [Fact]
    public async Task Demo_trading_sends_paptrading_and_refuses_production_product_types()
    {
        AssetsAnswer(Ok());
        var client = Client(Options(o =>
        {
            o.Environment = BitgetEnvironment.DemoTrading;
            o.RateLimit.Enabled = false;
        }));

        await Clocked.RunAsync(_clock, client.GetSubAccountAssetsAsync(BitgetProductType.UsdtFuturesDemo), Step);
        var mixed = await Assert.ThrowsAsync<ArgumentException>(() => client.GetSubAccountAssetsAsync(BitgetProductType.UsdtFutures));
        var production = await Assert.ThrowsAsync<ArgumentException>(() => Client(Options()).GetSubAccountAssetsAsync(BitgetProductType.CoinFuturesDemo));

        Assert.Equal("1", MockExchange.Header(_assetRequests.Single().Request, "paptrading"));
        Assert.Equal("productType", mixed.ParamName);
        Assert.Contains("DemoTrading", production.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_plain_constructor_makes_exactly_one_request()
    {
        AssetsAnswer(Error(503, "x"), Ok());
        var plain = new BitgetClient(new HttpClient(_handler), Fakes.Bitget(), _clock);

        await Assert.ThrowsAsync<ExchangeServerException>(() => plain.GetSubAccountAssetsAsync(BitgetProductType.UsdtFutures));

        Assert.Single(_assetRequests);
    }

    [Fact]
    public async Task Htx_rate_limit_errors_are_retried_and_resigned()
    {
        var answers = new[] { Samples.Read("htx", "getCrossSubAccountInfo.200.error.json"), Samples.Read("htx", "getCrossSubAccountInfo.200.json") };
        var requests = new List<(DateTimeOffset At, Uri Uri)>();
        _handler.When("*/linear-swap-api/*").Respond(request =>
        {
            requests.Add((_clock.GetUtcNow(), request.RequestUri!));
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(answers[Math.Min(requests.Count - 1, 1)]) };
        });
        var options = new HtxClientOptions { AccessKey = Fakes.HtxKey, SecretKey = Fakes.HtxSecret, RateLimit = { Registry = _registry } };
        options.ClockSync.Enabled = false;
        options.Retry.UseJitter = false;
        options.Retry.BaseDelay = TimeSpan.FromSeconds(1); // HTX timestamps have whole seconds
        var client = new HtxClient(new HttpClient(_handler), options, _clock);

        var result = await Clocked.RunAsync(_clock, client.GetCrossSubAccountInfoAsync(123456, "USDT"), Step);

        Assert.Single(result);
        Assert.Equal(2, requests.Count);
        Assert.NotEqual(requests[0].Uri.Query, requests[1].Uri.Query);
        foreach (var (at, uri) in requests)
        {
            var signed = HtxSigner.BuildSignedQuery(Fakes.Htx(), "POST", "api.hbdm.com", uri.AbsolutePath, at);
            Assert.Equal("?" + signed, uri.Query);
        }
    }
}

/// <summary>A limiter whose store cannot be reached: every acquisition fails as the Redis limiter's does when Redis is down.</summary>
internal sealed class UnavailableLimiter : RateLimiter
{
    private int _acquisitions;

    public int Acquisitions => Volatile.Read(ref _acquisitions);

    public override TimeSpan? IdleDuration => null;

    public override RateLimiterStatistics? GetStatistics() => null;

    protected override RateLimitLease AttemptAcquireCore(int permitCount) => throw Unavailable();

    protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken) => throw Unavailable();

    private ExchangeApiException Unavailable()
    {
        Interlocked.Increment(ref _acquisitions);
        return ExchangeApiException.Create(new ExchangeErrorDetails
        {
            Exchange = "Bitget",
            Category = ExchangeErrorCategory.RateLimiterUnavailable,
            Description = "the shared rate limit could not be checked, so the request was not sent",
        });
    }
}

/// <summary>A server that accepts the request and never answers.</summary>
internal sealed class NeverAnswers : HttpMessageHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        await Task.Delay(Timeout.Infinite, cancellationToken);
        return new HttpResponseMessage(HttpStatusCode.OK);
    }
}
