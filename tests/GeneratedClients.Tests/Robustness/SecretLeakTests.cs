using Microsoft.Extensions.Logging.Testing;
using System.Net;
using System.Text;
using System.Web;
using GeneratedClients.Bitget;
using GeneratedClients.Htx;
using GeneratedClients.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RichardSzalay.MockHttp;
using Xunit.Abstractions;

namespace GeneratedClients.Tests.Robustness;

/// <summary>
/// A run with the recognisable fake credentials through every path that produces text a caller may log or
/// show: success, failures of every kind, retries, rate limits with Retry-After, timeouts, network errors,
/// options validation, dependency injection with the framework's own HTTP logging at Trace, sweeps. Every log
/// line, exception message and ToString(), and ToString() of every public object produced, is scanned for
/// the key, secret, passphrase and every signature actually sent.
/// </summary>
public class SecretLeakTests(ITestOutputHelper output)
{
    private static readonly string BitgetOk = Samples.Read("bitget", "getSubAccountAssets.200.json");
    private static readonly string HtxOk = Samples.Read("htx", "getCrossSubAccountInfo.200.json");

    [Fact]
    public async Task No_text_the_clients_produce_holds_a_secret_or_a_signature_sent()
    {
        var witness = new Witness();
        await BitgetScenarios(witness);
        await HtxScenarios(witness);
        await DependencyInjectionScenarios(witness);
        OptionsValidationScenarios(witness);

        var leaks = witness.Leaks();
        output.WriteLine($"scanned {witness.Texts.Count} texts ({witness.LogLines} log lines, {witness.Exceptions} exceptions, {witness.Objects} objects) for the signatures of {witness.SignedRequests} signed requests ({witness.Signatures.Count} distinct values) and {Fakes.Secrets.Count()} credential values: {leaks.Count} leaks");
        RobustnessFigures.Record("secrets", new Dictionary<string, object?>
        {
            ["textsScanned"] = witness.Texts.Count,
            ["logLines"] = witness.LogLines,
            ["exceptions"] = witness.Exceptions,
            ["objects"] = witness.Objects,
            ["signedRequests"] = witness.SignedRequests,
            ["distinctSignatures"] = witness.Signatures.Count,
            ["leaks"] = leaks.Count,
        });
        Assert.True(witness.SignedRequests >= 30, $"the scenarios must send signed requests; they sent {witness.SignedRequests}");
        Assert.True(leaks.Count == 0, "Secrets found:\n" + string.Join("\n", leaks.Take(20)));
    }

    /// <summary>
    /// BUG: <c>BodyPreview</c> (and so the exception's Message and ToString) repeats the first 300 characters of
    /// whatever the server answered. A gateway or WAF that echoes the request in its error page (as many do:
    /// "Request URL: …?AccessKeyId=…&amp;Signature=…", or the headers) puts the HTX access key and the signature, or the
    /// Bitget key and passphrase, into every log line that records the error. The library knows the values it
    /// sent; expected: they are masked in BodyPreview (for example replaced by "***").
    /// </summary>
    [Theory]
    [InlineData("bitget")]
    [InlineData("htx")]
    public async Task An_error_page_that_echoes_the_request_does_not_carry_the_secrets_into_the_exception(string exchange)
    {
        var witness = new Witness();
        using var handler = new MockHttpMessageHandler();
        handler.When("*").Respond(request =>
        {
            witness.Sent(request);
            var echo = new StringBuilder("<html><body><h1>403 Request blocked</h1><p>Request: ")
                .Append(request.Method).Append(' ').Append(request.RequestUri!.PathAndQuery).Append("</p><p>Headers: ");
            foreach (var header in request.Headers)
            {
                echo.Append(header.Key).Append('=').Append(string.Join(",", header.Value)).Append("; ");
            }

            return new HttpResponseMessage(HttpStatusCode.Forbidden) { Content = new StringContent(echo.Append("</p></body></html>").ToString(), Encoding.UTF8, "text/html") };
        });

        var error = await NonJsonBodyTests.CallExpectingError(exchange, new HttpClient(handler));
        witness.Exception(error);

        var leaks = witness.Leaks();
        Assert.True(leaks.Count == 0, "Secrets found:\n" + string.Join("\n", leaks));
    }

    private static async Task BitgetScenarios(Witness witness)
    {
        witness.Object(Fakes.Bitget());
        var answers = new Queue<Func<HttpResponseMessage>>();
        using var handler = Scripted(witness, answers, () => Json(200, BitgetOk));

        // Plain client: success, an authentication error on 400 and on 200, a proxy page, a network failure.
        var plain = new BitgetClient(new HttpClient(handler), Fakes.Bitget(), TestTime.At(Fakes.BitgetTime));
        witness.Object(plain);
        await witness.Call(plain.GetSubAccountAssetsAsync(BitgetProductType.UsdtFutures));
        answers.Enqueue(() => Json(400, Samples.Read("bitget", "getSubAccountAssets.400.json")));
        await witness.Call(plain.GetSubAccountAssetsAsync(BitgetProductType.CoinFutures));
        answers.Enqueue(() => Json(200, """{"code":"40012","msg":"apikey/password is incorrect","requestTime":1,"data":null}"""));
        await witness.Call(plain.GetSubAccountAssetsAsync(BitgetProductType.UsdcFutures));
        answers.Enqueue(() => new HttpResponseMessage(HttpStatusCode.BadGateway) { Content = new StringContent("<html>502 Bad Gateway</html>") });
        await witness.Call(plain.GetSubAccountAssetsAsync(BitgetProductType.UsdtFutures));
        answers.Enqueue(() => throw new HttpRequestException("Connection refused (api.bitget.com:443)"));
        await witness.Call(plain.GetSubAccountAssetsAsync(BitgetProductType.UsdtFutures));
        answers.Enqueue(() => Json(200, "{\"code\":\"00000\",\"msg\":\"success\",\"requestTime\":1,\"data\":[{\"userId\":true}]}"));
        await witness.Call(plain.GetSubAccountAssetsAsync(BitgetProductType.UsdtFutures));

        // Options client with a logger: retries after 503, 429 with Retry-After, a timeout, then success.
        var logger = new FakeLogger<BitgetClient>();
        var options = new BitgetClientOptions { ApiKey = Fakes.BitgetKey, ApiSecret = Fakes.BitgetSecret, Passphrase = Fakes.BitgetPassphrase, BaseAddress = BitgetClient.ProductionAddress, Timeout = TimeSpan.FromMilliseconds(200) };
        options.RateLimit.Enabled = false;
        options.Retry.BaseDelay = TimeSpan.FromMilliseconds(1);
        options.Retry.MaxRetries = 4;
        witness.Object(options);
        var production = new BitgetClient(new HttpClient(handler), options, TimeProvider.System, logger);
        answers.Enqueue(() => Json(503, """{"code":"503","msg":"Service Unavailable","requestTime":1,"data":null}"""));
        answers.Enqueue(() => Json(429, Samples.Read("bitget", "getSubAccountAssets.429.json"), r => r.Headers.RetryAfter = new(TimeSpan.FromMilliseconds(5))));
        answers.Enqueue(() => throw new TaskCanceledException("The request was canceled due to the configured HttpClient.Timeout of 0.2 seconds elapsing."));
        await witness.Call(production.GetSubAccountAssetsAsync(BitgetProductType.UsdtFutures));
        for (var i = 0; i < 5; i++)
        {
            answers.Enqueue(() => Json(400, Samples.Read("bitget", "getSubAccountAssets.400.timestamp-expired.json")));
        }

        await witness.Call(production.GetSubAccountAssetsAsync(BitgetProductType.UsdtFutures));
        witness.Logs(logger.Lines());
    }

    private static async Task HtxScenarios(Witness witness)
    {
        witness.Object(Fakes.Htx());
        var answers = new Queue<Func<HttpResponseMessage>>();
        using var handler = Scripted(witness, answers, () => Json(200, HtxOk));

        var plain = new HtxClient(new HttpClient(handler), Fakes.Htx(), TestTime.At(Fakes.HtxTime));
        witness.Object(plain);
        await witness.Call(plain.GetCrossSubAccountInfoAsync(123456, "USDT"));
        answers.Enqueue(() => Json(200, Samples.Read("htx", "getCrossSubAccountInfo.200.auth-error.json")));
        await witness.Call(plain.GetCrossSubAccountInfoAsync(123456, "USDT"));
        answers.Enqueue(() => Json(200, Samples.Read("htx", "getCrossSubAccountInfo.200.not-enabled.json")));
        await witness.Call(plain.GetCrossSubAccountInfoAsync(123457));
        answers.Enqueue(() => new HttpResponseMessage(HttpStatusCode.Forbidden) { Content = new StringContent("<html><title>403 Forbidden</title></html>") });
        await witness.Call(plain.GetCrossSubAccountInfoAsync(123456, "USDT"));
        answers.Enqueue(() => throw new HttpRequestException("An error occurred while sending the request.", new IOException("Connection reset by peer")));
        await witness.Call(plain.GetCrossSubAccountInfoAsync(123456, "USDT"));

        var logger = new FakeLogger<HtxClient>();
        var options = new HtxClientOptions { AccessKey = Fakes.HtxKey, SecretKey = Fakes.HtxSecret, Timeout = TimeSpan.FromMilliseconds(200), SweepConcurrency = 3 };
        options.RateLimit.Limiter = new SlidingLogRateLimiter(1000, TimeSpan.FromSeconds(1));
        options.Retry.BaseDelay = TimeSpan.FromMilliseconds(1);
        options.Retry.MaxRetries = 2;
        witness.Object(options);
        var production = new HtxClient(new HttpClient(handler), options, TimeProvider.System, logger);
        answers.Enqueue(() => Json(200, Samples.Read("htx", "getCrossSubAccountInfo.200.error.json"), r => r.Headers.RetryAfter = new(TimeSpan.FromMilliseconds(5))));
        answers.Enqueue(() => Json(502, "{\"status\":\"error\"}"));
        await witness.Call(production.GetCrossSubAccountInfoAsync(123456, "USDT"));

        // A sweep with successes and failures, its progress reports and its outcomes.
        for (var i = 0; i < 6; i++)
        {
            answers.Enqueue(i % 2 == 0 ? () => Json(200, HtxOk) : () => Json(200, Samples.Read("htx", "getCrossSubAccountInfo.200.auth-error.json")));
        }

        var progress = new List<HtxSweepProgress>();
        var outcomes = await production.GetCrossSubAccountInfoAsync([1, 2, 3, 4, 5, 6], "USDT", new SynchronousProgress<HtxSweepProgress>(p =>
        {
            lock (progress)
            {
                progress.Add(p);
            }
        }));
        foreach (var outcome in outcomes)
        {
            witness.Object(outcome);
            if (outcome.Error is { } error)
            {
                witness.Exception(error);
            }
        }

        progress.ForEach(witness.Object);
        foreach (var row in SubAccountBalance.From(outcomes))
        {
            witness.Object(row);
        }

        witness.Logs(logger.Lines());
    }

    private static async Task DependencyInjectionScenarios(Witness witness)
    {
        var answers = new Queue<Func<HttpResponseMessage>>();
        using var handler = new MockHttpMessageHandler();
        handler.When("*").Respond(request =>
        {
            witness.Sent(request);
            if (ServerTime(request) is { } time)
            {
                return time;
            }

            Func<HttpResponseMessage>? next;
            lock (answers)
            {
                answers.TryDequeue(out next);
            }

            return next?.Invoke() ?? Json(200, request.RequestUri!.AbsolutePath.Contains("swap", StringComparison.Ordinal) ? HtxOk : BitgetOk);
        });
        var logs = new FakeLoggerProvider();
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(logs));
        services.AddBitgetClient(o =>
        {
            o.ApiKey = Fakes.BitgetKey;
            o.ApiSecret = Fakes.BitgetSecret;
            o.Passphrase = Fakes.BitgetPassphrase;
            o.RateLimit.Limiter = new SlidingLogRateLimiter(1000, TimeSpan.FromSeconds(1));
            o.Retry.BaseDelay = TimeSpan.FromMilliseconds(1);
            o.ClockSync.Enabled = true;
        }).ConfigurePrimaryHttpMessageHandler(() => handler);
        services.AddHtxClient(o =>
        {
            o.AccessKey = Fakes.HtxKey;
            o.SecretKey = Fakes.HtxSecret;
            o.RateLimit.Limiter = new SlidingLogRateLimiter(1000, TimeSpan.FromSeconds(1));
            o.Retry.BaseDelay = TimeSpan.FromMilliseconds(1);
        }).ConfigurePrimaryHttpMessageHandler(() => handler);
        await using var provider = services.BuildServiceProvider();

        var bitget = provider.GetRequiredService<BitgetClient>();
        var htx = provider.GetRequiredService<HtxClient>();
        witness.Object(provider.GetRequiredService<IOptions<BitgetClientOptions>>().Value);
        witness.Object(provider.GetRequiredService<IOptions<HtxClientOptions>>().Value);
        await witness.Call(bitget.GetSubAccountAssetsAsync(BitgetProductType.UsdtFutures));
        await witness.Call(htx.GetCrossSubAccountInfoAsync(123456, "USDT"));
        lock (answers)
        {
            answers.Enqueue(() => Json(503, "{\"code\":\"503\",\"msg\":\"down\",\"requestTime\":1,\"data\":null}"));
            answers.Enqueue(() => Json(400, Samples.Read("bitget", "getSubAccountAssets.400.json")));
        }

        await witness.Call(bitget.GetSubAccountAssetsAsync(BitgetProductType.UsdtFutures));
        lock (answers)
        {
            answers.Enqueue(() => Json(200, Samples.Read("htx", "getCrossSubAccountInfo.200.auth-error.json")));
        }

        await witness.Call(htx.GetCrossSubAccountInfoAsync(123456, "USDT"));
        witness.Logs(logs.Collector.Lines());
        Assert.Contains(logs.Collector.Lines(), line => line.Contains("swap_cross_sub_account_info", StringComparison.Ordinal)); // the client's own lines ran
        // The framework's HTTP logging puts raw header values (ACCESS-KEY, ACCESS-SIGN, ACCESS-PASSPHRASE) into its
        // structured state, where structured sinks export them; the registrations remove it for these clients.
        Assert.DoesNotContain(logs.Collector.Lines(), line => line.StartsWith("System.Net.Http.HttpClient.", StringComparison.Ordinal));
    }

    private static void OptionsValidationScenarios(Witness witness)
    {
        var bitget = new BitgetClientOptions { ApiKey = Fakes.BitgetKey, ApiSecret = Fakes.BitgetSecret, Passphrase = Fakes.BitgetPassphrase, Timeout = TimeSpan.Zero, Locale = " " };
        witness.Exception(Assert.Throws<OptionsValidationException>(() => new BitgetClient(new HttpClient(), bitget)));
        var htx = new HtxClientOptions { AccessKey = Fakes.HtxKey, SecretKey = Fakes.HtxSecret, SweepConcurrency = 0, BaseAddress = new Uri("ftp://" + Fakes.HtxKey + "/") };
        witness.Exception(Assert.Throws<OptionsValidationException>(() => new HtxClient(new HttpClient(), htx)));
        witness.Exception(Assert.Throws<ArgumentException>(() => new BitgetCredentials(Fakes.BitgetKey, " ", Fakes.BitgetPassphrase)));
        witness.Exception(Assert.Throws<ArgumentException>(() => new HtxCredentials(Fakes.HtxKey, "\t")));
    }

    private static MockHttpMessageHandler Scripted(Witness witness, Queue<Func<HttpResponseMessage>> answers, Func<HttpResponseMessage> otherwise)
    {
        var handler = new MockHttpMessageHandler();
        handler.When("*").Respond(request =>
        {
            witness.Sent(request);
            if (ServerTime(request) is { } time)
            {
                return time;
            }

            Func<HttpResponseMessage>? next;
            lock (answers)
            {
                answers.TryDequeue(out next);
            }

            return (next ?? otherwise)();
        });
        return handler;
    }

    /// <summary>The public time endpoints of clock synchronisation answer the real time, outside the scripted queue.</summary>
    private static HttpResponseMessage? ServerTime(HttpRequestMessage request)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        return request.RequestUri!.AbsolutePath switch
        {
            "/api/v2/public/time" => Json(200, "{\"code\":\"00000\",\"msg\":\"success\",\"requestTime\":" + now + ",\"data\":{\"serverTime\":\"" + now + "\"}}"),
            "/api/v1/timestamp" => Json(200, "{\"status\":\"ok\",\"ts\":" + now + "}"),
            _ => null,
        };
    }

    private static HttpResponseMessage Json(int status, string body, Action<HttpResponseMessage>? shape = null)
    {
        var response = new HttpResponseMessage((HttpStatusCode)status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        shape?.Invoke(response);
        return response;
    }

    /// <summary>Collects what was sent (the signatures) and every text produced, and finds the secrets in them.</summary>
    internal sealed class Witness
    {
        private readonly List<(string Where, string Text)> _texts = [];

        public HashSet<string> Signatures { get; } = new(StringComparer.Ordinal);

        public IReadOnlyList<(string Where, string Text)> Texts => _texts;

        public int SignedRequests { get; private set; }

        public int LogLines { get; private set; }

        public int Exceptions { get; private set; }

        public int Objects { get; private set; }

        public void Sent(HttpRequestMessage request)
        {
            lock (Signatures)
            {
                if (request.Headers.TryGetValues("ACCESS-SIGN", out var signs))
                {
                    SignedRequests++;
                    Signatures.UnionWith(signs);
                }

                var query = HttpUtility.ParseQueryString(request.RequestUri!.Query);
                if (query["Signature"] is { } signature)
                {
                    SignedRequests++;
                    Signatures.Add(signature); // decoded
                    Signatures.Add(Uri.EscapeDataString(signature)); // as sent
                }
            }
        }

        public async Task Call(Task call)
        {
            try
            {
                await call.WaitAsync(HostileServer.CallBound);
                var result = call.GetType().GetProperty("Result")!.GetValue(call)!;
                Object(result);
                foreach (var item in (System.Collections.IEnumerable)result)
                {
                    Object(item);
                }

                if (result is BitgetSubAccountAssetsResult bitget)
                {
                    Object(bitget.Response);
                    SubAccountBalance.From(bitget).ToList().ForEach(Object);
                }
                else if (result is HtxCrossSubAccountInfoResult htx)
                {
                    Object(htx.Response);
                    SubAccountBalance.From(htx).ToList().ForEach(Object);
                }
            }
            catch (ExchangeApiException error)
            {
                Exception(error);
            }
        }

        public void Exception(Exception error)
        {
            lock (_texts)
            {
                Exceptions++;
                for (var e = error; e is not null; e = e.InnerException)
                {
                    _texts.Add(("exception message", e.Message));
                    _texts.Add(("exception ToString", e.ToString()));
                    foreach (System.Collections.DictionaryEntry entry in e.Data)
                    {
                        _texts.Add(("exception data", $"{entry.Key}={entry.Value}"));
                    }
                }

                if (error is ExchangeApiException typed)
                {
                    _texts.Add(("error details", typed.Details.ToString()));
                    _texts.Add(("error details JSON", System.Text.Json.JsonSerializer.Serialize(typed.Details)));
                }
            }
        }

        public void Object(object value)
        {
            lock (_texts)
            {
                Objects++;
                _texts.Add((value.GetType().Name + ".ToString()", value.ToString() ?? string.Empty));
            }
        }

        public void Logs(IEnumerable<string> lines)
        {
            lock (_texts)
            {
                foreach (var line in lines)
                {
                    LogLines++;
                    _texts.Add(("log", line));
                }
            }
        }

        public List<string> Leaks()
        {
            var secrets = Fakes.Secrets.Concat(Signatures).Where(s => s.Length >= 8).ToList();
            lock (_texts)
            {
                return [.. _texts.SelectMany(t => secrets.Where(s => t.Text.Contains(s, StringComparison.Ordinal)).Select(s => $"{t.Where} holds '{s}': {Shorten(t.Text)}"))];
            }
        }

        private static string Shorten(string text) => text.Length <= 400 ? text : text[..400] + "…";
    }

    /// <summary>Reports on the caller's thread, so that every report is in before the sweep returns.</summary>
    private sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
