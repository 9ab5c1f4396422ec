using System.Diagnostics;
using System.Net;
using System.Text;
using GeneratedClients.Bitget;
using GeneratedClients.Htx;
using GeneratedClients.Tests.Support;
using Xunit.Abstractions;

namespace GeneratedClients.Tests.Robustness;

/// <summary>
/// Bodies that are not the exchange's JSON: proxy pages, nothing, whitespace, broken UTF-8, absurd nesting,
/// a wrong Content-Type. Documented results:
/// <list type="bullet">
/// <item>HTML or empty body: the HTTP status decides (403 → <see cref="ExchangePermissionException"/>, 5xx →
/// <see cref="ExchangeServerException"/>, 400 → BadRequest), with the page in <c>BodyPreview</c>; on 200 it is an
/// <see cref="ExchangeResponseException"/>.</item>
/// <item>Invalid UTF-8 inside a string value: read as U+FFFD (the value survives); in the JSON's structure: an
/// <see cref="ExchangeResponseException"/>. A byte-order mark (UTF-8 or UTF-16) is honoured.</item>
/// <item>Nesting deeper than 64 levels (10,000 or 1,000,000): an <see cref="ExchangeResponseException"/>; reading
/// stops at the limit, so there is no stack overflow and no large allocation.</item>
/// <item>Content-Type is not consulted: valid JSON labelled text/plain, text/html, octet-stream or nothing is read.</item>
/// </list>
/// </summary>
public class NonJsonBodyTests(ITestOutputHelper output)
{
    private static string ProxyPage(int status) =>
        $"<html>\r\n<head><title>{status} Error</title></head>\r\n<body><center><h1>{status} Error</h1></center><hr><center>cloudfront</center></body>\r\n</html>\r\n";

    public static TheoryData<string, int, Type> HtmlPages => new()
    {
        { "bitget", 403, typeof(ExchangePermissionException) },
        { "bitget", 502, typeof(ExchangeServerException) },
        { "bitget", 200, typeof(ExchangeResponseException) },
        { "bitget", 400, typeof(ExchangeApiException) },
        { "htx", 403, typeof(ExchangePermissionException) },
        { "htx", 502, typeof(ExchangeServerException) },
        { "htx", 200, typeof(ExchangeResponseException) },
        { "htx", 404, typeof(ExchangeApiException) },
    };

    public static TheoryData<string, int, string, Type> EmptyBodies => new()
    {
        { "bitget", 200, "", typeof(ExchangeResponseException) },
        { "bitget", 200, " \r\n\t ", typeof(ExchangeResponseException) },
        { "bitget", 400, "", typeof(ExchangeApiException) },
        { "bitget", 429, "   ", typeof(ExchangeRateLimitException) },
        { "bitget", 503, "", typeof(ExchangeServerException) },
        { "htx", 200, "", typeof(ExchangeResponseException) },
        { "htx", 200, "\n\n   \n", typeof(ExchangeResponseException) },
        { "htx", 200, "null", typeof(ExchangeResponseException) },
        { "htx", 502, " ", typeof(ExchangeServerException) },
    };

    [Theory]
    [MemberData(nameof(HtmlPages))]
    public async Task An_html_page_from_a_proxy_is_the_typed_error_of_its_status_with_the_page_in_the_preview(string exchange, int status, Type expected)
    {
        var exchangeMock = MockExchange.Answering(status, ProxyPage(status), "text/html");

        var error = await CallExpectingError(exchange, exchangeMock);

        Assert.IsType(expected, error);
        Assert.Equal(status, error.HttpStatus);
        Assert.StartsWith("<html>", error.Details.BodyPreview, StringComparison.Ordinal);
        Assert.Contains("cloudfront", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(EmptyBodies))]
    public async Task An_empty_or_blank_body_is_the_typed_error_of_its_status(string exchange, int status, string body, Type expected)
    {
        var error = await CallExpectingError(exchange, MockExchange.Answering(status, body));

        Assert.IsType(expected, error);
        Assert.Equal(status, error.HttpStatus);
    }

    [Fact]
    public async Task Invalid_utf8_inside_a_string_is_read_as_the_replacement_character()
    {
        var body = Bytes(Samples.Read("bitget", "getSubAccountAssets.200.json").Replace("\"marginCoin\": \"USDT\"", "\"marginCoin\": \"US\u0001DT\"", StringComparison.Ordinal));
        var at = Array.IndexOf(body, (byte)1);
        body[at] = 0xC3; // a lead byte followed by an ASCII letter: invalid UTF-8
        var handler = new ScriptedHandler(_ => Answer(200, body));

        var result = await new BitgetClient(new HttpClient(handler), Fakes.Bitget(), TestTime.At(Fakes.BitgetTime)).GetSubAccountAssetsAsync(BitgetProductType.UsdtFutures);

        Assert.Equal("US\uFFFDDT", result[0].AssetList[0].MarginCoin);
    }

    [Theory]
    [InlineData(new byte[] { 0xFF, 0xFE, 0xFD })]
    [InlineData(new byte[] { 0xC0, 0xAF })]
    [InlineData(new byte[] { 0xED, 0xA0, 0x80 })]
    [InlineData(new byte[] { 0x01 })]
    public async Task Invalid_utf8_in_the_structure_is_a_response_error(byte[] garbage)
    {
        var text = Samples.Read("htx", "getCrossSubAccountInfo.200.json");
        var cut = text.IndexOf("\"data\"", StringComparison.Ordinal);
        var body = Bytes(text[..cut]).Concat(garbage).Concat(Bytes(text[cut..])).ToArray();

        var error = await CallExpectingError("htx", new ScriptedHandler(_ => Answer(200, body)));

        Assert.IsType<ExchangeResponseException>(error);
    }

    [Fact]
    public async Task A_nul_byte_between_tokens_is_skipped_like_whitespace()
    {
        var text = Samples.Read("htx", "getCrossSubAccountInfo.200.json");
        var cut = text.IndexOf("\"data\"", StringComparison.Ordinal);
        var body = Bytes(text[..cut]).Append((byte)0).Concat(Bytes(text[cut..])).ToArray();

        var result = await new HtxClient(new HttpClient(new ScriptedHandler(_ => Answer(200, body))), Fakes.Htx(), TestTime.At(Fakes.HtxTime)).GetCrossSubAccountInfoAsync(123456, "USDT");

        Assert.Equal(500m, result[0].MarginBalance);
    }

    [Theory]
    [InlineData("utf-8-bom")]
    [InlineData("utf-16le-bom")]
    public async Task A_byte_order_mark_is_honoured(string encoding)
    {
        var text = Samples.Read("htx", "getCrossSubAccountInfo.200.json");
        var body = encoding == "utf-8-bom" ? Encoding.UTF8.GetPreamble().Concat(Bytes(text)).ToArray() : Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(text)).ToArray();

        var result = await new HtxClient(new HttpClient(new ScriptedHandler(_ => Answer(200, body))), Fakes.Htx(), TestTime.At(Fakes.HtxTime)).GetCrossSubAccountInfoAsync(123456, "USDT");

        Assert.Equal(500m, result[0].MarginBalance);
    }

    [Theory]
    [InlineData("bitget", 200, "root-array", 10_000)]
    [InlineData("bitget", 200, "unknown-field", 10_000)]
    [InlineData("bitget", 200, "unknown-field", 1_000_000)]
    [InlineData("bitget", 400, "error-data", 10_000)]
    [InlineData("htx", 200, "root-array", 10_000)]
    [InlineData("htx", 200, "unknown-field", 10_000)]
    [InlineData("htx", 200, "data-item", 1_000_000)]
    public async Task Json_nested_thousands_deep_is_refused_at_the_depth_limit_without_a_stack_overflow(string exchange, int status, string where, int depth)
    {
        var nest = new string('[', depth) + new string(']', depth);
        var body = where switch
        {
            "root-array" => nest,
            "unknown-field" when exchange == "bitget" => Samples.Read("bitget", "getSubAccountAssets.200.json").Replace("\"code\": \"00000\",", "\"code\": \"00000\", \"deep\": " + nest + ",", StringComparison.Ordinal),
            "unknown-field" => Samples.Read("htx", "getCrossSubAccountInfo.200.json").Replace("\"status\": \"ok\",", "\"status\": \"ok\", \"deep\": " + nest + ",", StringComparison.Ordinal),
            "error-data" => "{\"code\":\"40009\",\"msg\":\"sign signature error\",\"requestTime\":1,\"data\":" + nest + "}",
            _ => "{\"status\":\"ok\",\"ts\":1,\"data\":[" + nest + "]}",
        };

        var clock = Stopwatch.StartNew();
        var error = await CallExpectingError(exchange, MockExchange.Answering(status, body));

        output.WriteLine($"{exchange} {where} depth {depth}: {error.GetType().Name} in {clock.ElapsedMilliseconds} ms: {error.ExchangeMessage}");
        Assert.InRange(error.Details.FieldPath?.Length ?? 0, 0, 64 * 3 + 16); // reading stopped at (or before) 64 levels
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5));
        if (status == 200)
        {
            Assert.IsType<ExchangeResponseException>(error);
        }
        else
        {
            Assert.Equal(ExchangeErrorCategory.BadRequest, error.Category); // the status decides when the error envelope cannot be read
        }
    }

    [Theory]
    [InlineData("bitget", "text/plain")]
    [InlineData("bitget", "text/html")]
    [InlineData("bitget", "application/octet-stream")]
    [InlineData("bitget", null)]
    [InlineData("htx", "text/plain; charset=iso-8859-1")]
    [InlineData("htx", "application/xml")]
    [InlineData("htx", null)]
    public async Task Valid_json_under_a_wrong_content_type_is_read(string exchange, string? mediaType)
    {
        var body = exchange == "bitget" ? Samples.Read("bitget", "getSubAccountAssets.200.json") : Samples.Read("htx", "getCrossSubAccountInfo.200.json");
        var handler = new ScriptedHandler(_ =>
        {
            var content = new ByteArrayContent(Bytes(body));
            if (mediaType is not null)
            {
                content.Headers.TryAddWithoutValidation("Content-Type", mediaType);
            }

            return new HttpResponseMessage(HttpStatusCode.OK) { Content = content };
        });
        var http = new HttpClient(handler);

        object result = exchange == "bitget"
            ? await new BitgetClient(http, Fakes.Bitget(), TestTime.At(Fakes.BitgetTime)).GetSubAccountAssetsAsync(BitgetProductType.UsdtFutures)
            : await new HtxClient(http, Fakes.Htx(), TestTime.At(Fakes.HtxTime)).GetCrossSubAccountInfoAsync(123456, "USDT");

        Assert.Empty(ValueInspector.Inspect(result));
        Assert.NotEmpty((System.Collections.IEnumerable)result);
    }

    internal static async Task<ExchangeApiException> CallExpectingError(string exchange, MockExchange mock) =>
        await CallExpectingError(exchange, mock.Client());

    internal static async Task<ExchangeApiException> CallExpectingError(string exchange, HttpMessageHandler handler) =>
        await CallExpectingError(exchange, new HttpClient(handler));

    internal static async Task<ExchangeApiException> CallExpectingError(string exchange, HttpClient http)
    {
        Task call = exchange == "bitget"
            ? new BitgetClient(http, Fakes.Bitget(), TestTime.At(Fakes.BitgetTime)).GetSubAccountAssetsAsync(BitgetProductType.UsdtFutures)
            : new HtxClient(http, Fakes.Htx(), TestTime.At(Fakes.HtxTime)).GetCrossSubAccountInfoAsync(123456, "USDT");
        var error = await Record.ExceptionAsync(() => call.WaitAsync(HostileServer.CallBound));
        return Assert.IsAssignableFrom<ExchangeApiException>(error);
    }

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    private static HttpResponseMessage Answer(int status, byte[] body) =>
        new((HttpStatusCode)status) { Content = new ByteArrayContent(body) { Headers = { ContentType = new("application/json") } } };
}

/// <summary>
/// Bodies that are too large or never end, served lazily so that the test itself holds nothing: the client must
/// stop reading at <c>MaxResponseBytes</c> (8 MiB by default) without buffering the rest, and a body that
/// trickles in forever must end at the options client's <c>Timeout</c> or the caller's cancellation.
/// These measure allocations and time, so they run alone.
/// </summary>
[Collection(RobustnessMeasurements.Name)]
public class OversizedAndEndlessBodyTests(ITestOutputHelper output)
{
    private const long TwoHundredMegabytes = 200L * 1024 * 1024;
    private const long Slack = 64 * 1024; // the client reads in 16 KiB chunks, through a 16 KiB stream buffer

    private static readonly string BitgetPrefix = "{\"code\":\"00000\",\"msg\":\"success\",\"requestTime\":1630901215622,\"data\":[";
    private static readonly string HtxPrefix = "{\"status\":\"ok\",\"ts\":1638759191747,\"data\":[";

    [Theory]
    [InlineData("bitget", 200, false)]
    [InlineData("bitget", 502, false)]
    [InlineData("htx", 200, false)]
    [InlineData("bitget", 200, true)]
    [InlineData("htx", 200, true)]
    public async Task A_200_MB_body_is_refused_at_the_limit_without_being_buffered(string exchange, int status, bool declaresLength)
    {
        var body = new GeneratedStream(exchange == "bitget" ? BitgetPrefix : HtxPrefix, ' ', TwoHundredMegabytes);
        var handler = new ScriptedHandler(_ => ScriptedHandler.Streaming((HttpStatusCode)status, body, declaredLength: declaresLength ? TwoHundredMegabytes : null));
        GC.Collect();
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var clock = Stopwatch.StartNew();

        var error = await NonJsonBodyTests.CallExpectingError(exchange, handler);

        clock.Stop();
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        output.WriteLine($"{exchange} HTTP {status}, Content-Length {(declaresLength ? "200 MiB" : "absent")}: read {body.BytesRead:N0} of {TwoHundredMegabytes:N0} bytes, allocated {allocated:N0} bytes, {clock.ElapsedMilliseconds} ms: {error.Message[..Math.Min(160, error.Message.Length)]}");
        var response = Assert.IsType<ExchangeResponseException>(error);
        Assert.Contains(BitgetClient.DefaultMaxResponseBytes.ToString(System.Globalization.CultureInfo.InvariantCulture), response.Message, StringComparison.Ordinal);
        if (declaresLength)
        {
            Assert.Equal(0, body.BytesRead); // refused on the header alone
        }
        else
        {
            Assert.InRange(body.BytesRead, BitgetClient.DefaultMaxResponseBytes, BitgetClient.DefaultMaxResponseBytes + Slack);
        }

        Assert.InRange(allocated, 0, 48L * 1024 * 1024); // the limit (8 MiB) buffered once, with growth: far below 200 MB
        RobustnessFigures.Record($"oversizedBody.{exchange}.{status}.{(declaresLength ? "declared" : "chunked")}", new Dictionary<string, object?>
        {
            ["bodyBytes"] = TwoHundredMegabytes,
            ["bytesRead"] = body.BytesRead,
            ["allocatedBytes"] = allocated,
            ["milliseconds"] = clock.ElapsedMilliseconds,
        });
    }

    [Fact]
    public async Task A_body_that_never_ends_is_cut_at_the_configured_limit()
    {
        var body = new GeneratedStream(HtxPrefix, '\n', length: null);
        var handler = new ScriptedHandler(_ => ScriptedHandler.Streaming(HttpStatusCode.OK, body));
        var options = new HtxClientOptions { AccessKey = Fakes.HtxKey, SecretKey = Fakes.HtxSecret, MaxResponseBytes = 100_000 };
        Quiet(options);
        var client = new HtxClient(new HttpClient(handler), options);

        var error = await Assert.ThrowsAsync<ExchangeResponseException>(() => client.GetCrossSubAccountInfoAsync(123456, "USDT").WaitAsync(HostileServer.CallBound));

        Assert.Contains("100000", error.Message, StringComparison.Ordinal);
        Assert.InRange(body.BytesRead, 100_000, 100_000 + Slack);
    }

    [Theory]
    [InlineData("bitget")]
    [InlineData("htx")]
    public async Task A_body_that_trickles_in_forever_ends_at_the_timeout(string exchange)
    {
        var timeout = TimeSpan.FromMilliseconds(300);
        var bodies = new List<GeneratedStream>();
        var handler = new ScriptedHandler(_ =>
        {
            var body = new GeneratedStream(exchange == "bitget" ? BitgetPrefix : HtxPrefix, ' ', length: null, pause: TimeSpan.FromMilliseconds(5));
            lock (bodies)
            {
                bodies.Add(body);
            }

            return ScriptedHandler.Streaming(HttpStatusCode.OK, body);
        });
        var http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        var clock = Stopwatch.StartNew();

        Task call = exchange == "bitget"
            ? new BitgetClient(http, Bitget(timeout)).GetSubAccountAssetsAsync(BitgetProductType.UsdtFutures)
            : new HtxClient(http, Htx(timeout)).GetCrossSubAccountInfoAsync(123456, "USDT");
        var error = await Assert.ThrowsAsync<ExchangeNetworkException>(() => call.WaitAsync(HostileServer.CallBound));

        clock.Stop();
        output.WriteLine($"{exchange}: Timeout {timeout.TotalMilliseconds} ms, 3 attempts (2 retries), ended after {clock.ElapsedMilliseconds} ms having read {bodies.Sum(b => b.BytesRead):N0} bytes: {error.ExchangeMessage}");
        Assert.Equal(3, handler.Requests); // one attempt and the two retries allowed, each cut at the timeout
        Assert.InRange(clock.Elapsed, 3 * timeout, TimeSpan.FromSeconds(5));
        Assert.All(bodies, b => Assert.True(b.Disposed, "the abandoned body was not disposed"));
        RobustnessFigures.Record($"endlessBody.{exchange}", new Dictionary<string, object?>
        {
            ["timeoutMs"] = timeout.TotalMilliseconds,
            ["attempts"] = handler.Requests,
            ["elapsedMs"] = clock.ElapsedMilliseconds,
        });
    }

    [Fact]
    public async Task A_body_that_trickles_in_forever_on_the_plain_client_ends_when_the_caller_cancels()
    {
        var body = new GeneratedStream(BitgetPrefix, ' ', length: null, pause: TimeSpan.FromMilliseconds(5));
        var handler = new ScriptedHandler(_ => ScriptedHandler.Streaming(HttpStatusCode.OK, body));
        var client = new BitgetClient(new HttpClient(handler), Fakes.Bitget());
        using var cancel = new CancellationTokenSource();

        var call = client.GetSubAccountAssetsAsync(BitgetProductType.UsdtFutures, cancel.Token);
        await Task.Delay(200);
        var clock = Stopwatch.StartNew();
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.WaitAsync(HostileServer.CallBound));

        clock.Stop();
        output.WriteLine($"cancelled after reading {body.BytesRead:N0} bytes; the call ended {clock.Elapsed.TotalMilliseconds:0.0} ms after the token fired");
        Assert.True(clock.Elapsed < TimeSpan.FromMilliseconds(100), $"the call ended {clock.Elapsed.TotalMilliseconds:0} ms after the token fired");
        RobustnessFigures.Record("endlessBody.plainClientCancellation", new Dictionary<string, object?> { ["cancellationLatencyMs"] = Math.Round(clock.Elapsed.TotalMilliseconds, 1) });
    }

    private static BitgetClientOptions Bitget(TimeSpan timeout)
    {
        var options = new BitgetClientOptions { ApiKey = Fakes.BitgetKey, ApiSecret = Fakes.BitgetSecret, Passphrase = Fakes.BitgetPassphrase, Timeout = timeout, BaseAddress = BitgetClient.ProductionAddress };
        Quiet(options);
        options.RateLimit.Enabled = false; // Why: the endpoint's documented limit would space the three attempts this test times.
        options.Retry.Enabled = true;
        options.Retry.MaxRetries = 2;
        return options;
    }

    private static HtxClientOptions Htx(TimeSpan timeout)
    {
        var options = new HtxClientOptions { AccessKey = Fakes.HtxKey, SecretKey = Fakes.HtxSecret, Timeout = timeout };
        Quiet(options);
        options.Retry.Enabled = true;
        options.Retry.MaxRetries = 2;
        return options;
    }

    /// <summary>A limiter of its own (a registry shared with no other test), no clock sync, quick retries.</summary>
    private static void Quiet(ExchangeClientOptions options)
    {
        options.RateLimit.Registry = new RateLimiterRegistry();
        options.ClockSync.Enabled = false;
        options.Retry.Enabled = false;
        options.Retry.BaseDelay = TimeSpan.FromMilliseconds(10);
        options.Retry.UseJitter = false;
    }
}
