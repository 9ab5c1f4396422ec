using System.Net;
using System.Text;
using GeneratedClients.Bitget;
using GeneratedClients.Htx;
using GeneratedClients.Tests.Support;
using RichardSzalay.MockHttp;

namespace GeneratedClients.Tests.Robustness;

/// <summary>
/// One test per defect the hostile-response sweep found, each stating the documented result it expects, so that
/// a fix shows up by name. (The sweeps in <see cref="HostileResponseTests"/> count every case of each.)
/// </summary>
public class ResponseDefectTests
{
    private static readonly string BitgetOk = Samples.Read("bitget", "getSubAccountAssets.200.json");
    private static readonly string HtxOk = Samples.Read("htx", "getCrossSubAccountInfo.200.json");

    /// <summary>
    /// BUG: an error envelope whose time stamp is outside what DateTimeOffset holds makes the call throw a raw
    /// ArgumentOutOfRangeException instead of the typed error: BitgetErrors.FromEnvelope and HtxErrors.FromEnvelope
    /// call DateTimeOffset.FromUnixTimeMilliseconds on the wire's requestTime / ts unchecked.
    /// </summary>
    [Theory]
    [InlineData("bitget", 400, "9223372036854775807")]
    [InlineData("bitget", 200, "253402300800000")]
    [InlineData("bitget", 403, "-62135596800001")]
    [InlineData("htx", 200, "9223372036854775807")]
    [InlineData("htx", 200, "-9223372036854775808")]
    public async Task An_error_whose_time_stamp_is_outside_the_calendar_is_still_its_typed_error(string exchange, int status, string time)
    {
        var body = exchange == "bitget"
            ? $$"""{"code":"40009","msg":"sign signature error","requestTime":{{time}},"data":null}"""
            : $$"""{"status":"error","err_code":403,"err_msg":"Verification failure","ts":{{time}}}""";

        var error = await NonJsonBodyTests.CallExpectingError(exchange, MockExchange.Answering(status, body));

        Assert.IsType<ExchangeAuthenticationException>(error);
        Assert.Null(error.ExchangeTime);
    }

    /// <summary>
    /// BUG: a success envelope whose time stamp is outside the calendar is returned, and then reading the
    /// result's RequestTime (Bitget) or Timestamp (HTX) throws ArgumentOutOfRangeException: the getters convert
    /// the wire's number on every read. Expected: the call fails with an ExchangeResponseException naming the
    /// field (or the property is null), never a value with a property that throws.
    /// </summary>
    [Theory]
    [InlineData("bitget", "\"requestTime\": 1630901215622", "\"requestTime\": 9223372036854775807", "requestTime")]
    [InlineData("bitget", "\"requestTime\": 1630901215622", "\"requestTime\": -62135596800001", "requestTime")]
    [InlineData("htx", "\"ts\": 1638759191747", "\"ts\": 9223372036854775807", "ts")]
    public async Task A_result_whose_time_stamp_is_outside_the_calendar_is_a_response_error(string exchange, string find, string replace, string field)
    {
        var body = (exchange == "bitget" ? BitgetOk : HtxOk).Replace(find, replace, StringComparison.Ordinal);

        var outcome = await Call(exchange, body);

        Assert.True(
            outcome.Error is ExchangeResponseException { FieldPath: var path } && path == field,
            $"Expected ExchangeResponseException naming {field}; got {outcome.Describe()}");
    }

    /// <summary>
    /// A null entry in a list (data[1], assetList[0], contract_detail[0], …) once left a null where the list's type
    /// promises a model (and SubAccountBalance.From then threw NullReferenceException); later it failed the whole
    /// answer. Tolerant reading (issue 12): the entry is left out, the rest of the answer is kept, and the result
    /// records a Null deviation at the entry's path.
    /// </summary>
    [Theory]
    [InlineData("bitget", "data[1]")]
    [InlineData("bitget", "data[0].assetList[0]")]
    [InlineData("htx", "data[0]")]
    [InlineData("htx", "data[0].contract_detail[0]")]
    [InlineData("htx", "data[0].futures_contract_detail[2]")]
    public async Task A_null_entry_in_a_list_is_left_out_and_recorded(string exchange, string entry)
    {
        var root = JsonMutations.Parse(exchange == "bitget" ? BitgetOk : HtxOk);
        var before = ((Newtonsoft.Json.Linq.JArray)root.SelectToken(entry)!.Parent!).Count;
        root.SelectToken(entry)!.Replace(Newtonsoft.Json.Linq.JValue.CreateNull());

        var outcome = await Call(exchange, root.ToString());

        Assert.True(outcome.Error is null && outcome.Broken.Count == 0, $"Expected a value; got {outcome.Describe()}");
        var deviations = (IReadOnlyList<WireDeviation>)outcome.Value!.GetType().GetProperty("Deviations")!.GetValue(outcome.Value)!;
        Assert.Contains(new WireDeviation(entry, WireDeviationKind.Null), deviations);
        var listPath = entry[..entry.LastIndexOf('[')];
        ResponseModelPaths.TryResolve(outcome.Value.GetType().GetProperty("Response")!.GetValue(outcome.Value)!, listPath, out _, out _, out var list);
        Assert.Equal(before - 1, ((System.Collections.ICollection)list!).Count);
    }

    /// <summary>
    /// BUG: the integer fields (Bitget userId and requestTime, HTX ts) go through Newtonsoft's Convert.ChangeType:
    /// true reads as 1, false as 0, and a fraction is rounded (userId 1234567890.7 becomes the user 1234567891).
    /// A wrong user id is silent data corruption. Expected: an ExchangeResponseException naming the field; only a
    /// JSON integer or a digit string is an integer (HTX err_code already behaves so).
    /// </summary>
    [Theory]
    [InlineData("bitget", "\"userId\": 1234567890,", "\"userId\": 1234567890.7,", "data[0].userId")]
    [InlineData("bitget", "\"userId\": 1234567890,", "\"userId\": true,", "data[0].userId")]
    [InlineData("bitget", "\"requestTime\": 1630901215622", "\"requestTime\": 1630901215622.5", "requestTime")]
    [InlineData("bitget", "\"requestTime\": 1630901215622", "\"requestTime\": false", "requestTime")]
    [InlineData("htx", "\"ts\": 1638759191747", "\"ts\": true", "ts")]
    [InlineData("htx", "\"ts\": 1638759191747", "\"ts\": 1638759191747.9", "ts")]
    public async Task An_integer_sent_as_a_boolean_or_with_a_fraction_is_a_response_error(string exchange, string find, string replace, string field)
    {
        var original = exchange == "bitget" ? BitgetOk : HtxOk;
        var body = ReplaceFirst(original, find, replace);

        var outcome = await Call(exchange, body);

        Assert.True(
            outcome.Error is ExchangeResponseException { FieldPath: var path } && path == field,
            $"Expected ExchangeResponseException naming {field}; got {Read(outcome, field)}");
    }

    /// <summary>
    /// BUG: HTX's status is read with Newtonsoft's StringEnumConverter, which accepts numbers and digit strings:
    /// "status": 0, -0 or "0" is taken for "ok" (a result), 1 or 2 for "error" (an Unknown error with
    /// "(no message)"). Expected: an ExchangeResponseException naming status (AllowIntegerValues = false).
    /// </summary>
    [Theory]
    [InlineData("0")]
    [InlineData("-0")]
    [InlineData("\"0\"")]
    [InlineData("1")]
    [InlineData("7")]
    public async Task Htx_status_sent_as_a_number_is_a_response_error(string status)
    {
        var body = HtxOk.Replace("\"status\": \"ok\"", "\"status\": " + status, StringComparison.Ordinal);

        var outcome = await Call("htx", body);

        Assert.True(
            outcome.Error is ExchangeResponseException { FieldPath: "status" },
            $"Expected ExchangeResponseException naming status; got {outcome.Describe()}");
    }

    /// <summary>
    /// Documented limit: every JSON number is read as an exact decimal (never through double), so an unknown field
    /// holding a number beyond decimal's range (1.5e30, 1e400) cannot be kept; the call fails with an
    /// ExchangeResponseException that names the field, never a raw reader error.
    /// </summary>
    [Theory]
    [InlineData("bitget", "1.5e30")]
    [InlineData("bitget", "1e400")]
    [InlineData("htx", "-7.93e28")]
    [InlineData("htx", "1e400")]
    public async Task An_unknown_field_with_a_number_beyond_decimal_is_a_typed_error_naming_it(string exchange, string number)
    {
        var body = exchange == "bitget"
            ? BitgetOk.Replace("\"code\": \"00000\",", $"\"code\": \"00000\", \"notional\": {number},", StringComparison.Ordinal)
            : HtxOk.Replace("\"status\": \"ok\",", $"\"status\": \"ok\", \"notional\": {number},", StringComparison.Ordinal);

        var outcome = await Call(exchange, body);

        Assert.True(
            outcome.Error is ExchangeResponseException { FieldPath: "notional" },
            $"Expected ExchangeResponseException naming notional; got {outcome.Describe()}");
    }

    /// <summary>
    /// BUG: a key sent twice with a list value appends the second list to the first instead of replacing it
    /// (Newtonsoft reuses the existing collection: ObjectCreationHandling.Auto), so every sub-account or asset is
    /// counted twice: balances double. Expected: the last occurrence wins, as it does for scalar fields
    /// (ObjectCreationHandling.Replace in WireJson.Configure), or an ExchangeResponseException.
    /// </summary>
    [Theory]
    [InlineData("bitget", "data")]
    [InlineData("bitget", "data[0].assetList")]
    [InlineData("htx", "data")]
    [InlineData("htx", "data[0].futures_contract_detail")]
    public async Task A_list_sent_twice_under_the_same_key_is_not_counted_twice(string exchange, string list)
    {
        var original = exchange == "bitget" ? BitgetOk : HtxOk;
        var root = JsonMutations.Parse(original);
        var property = (Newtonsoft.Json.Linq.JProperty)root.SelectToken(list)!.Parent!;
        property.AddAfterSelf(new Newtonsoft.Json.Linq.JProperty("@@DUPLICATE@@", property.Value.DeepClone()));
        var body = root.ToString().Replace("\"@@DUPLICATE@@\"", "\"" + property.Name + "\"", StringComparison.Ordinal);
        var expected = (await Call(exchange, original)).Value!;

        var outcome = await Call(exchange, body);

        if (outcome.Value is { } value)
        {
            Assert.Equal(Rows(expected), Rows(value));
            ResponseModelPaths.TryResolve(value.GetType().GetProperty("Response")!.GetValue(value)!, list, out _, out _, out var read);
            ResponseModelPaths.TryResolve(expected.GetType().GetProperty("Response")!.GetValue(expected)!, list, out _, out _, out var want);
            Assert.Equal(((System.Collections.ICollection)want!).Count, ((System.Collections.ICollection)read!).Count);
        }
        else
        {
            Assert.IsType<ExchangeResponseException>(outcome.Error);
        }
    }

    /// <summary>
    /// BUG: a server time at the very end of the calendar (9999-12-31T23:59:59.999Z, a valid Unix time) is taken as the
    /// clock offset; every request time stamp is then local time plus that offset, which passes DateTimeOffset.MaxValue
    /// as soon as a millisecond has gone by since the measurement, and the signing code throws a raw
    /// ArgumentOutOfRangeException from ExchangeClock.GetUtcNow for every call until the next synchronisation
    /// (15 minutes). Expected: an absurd server time is a failed measurement (logged, ignored), and the call proceeds.
    /// </summary>
    [Theory]
    [InlineData("bitget")]
    [InlineData("htx")]
    public async Task A_server_time_at_the_end_of_the_calendar_never_breaks_the_calls(string exchange)
    {
        const long EndOfCalendar = 253402300799999;
        using var handler = new MockHttpMessageHandler();
        handler.When("*/api/v2/public/time").Respond(async () =>
        {
            await Task.Delay(40); // a round trip of 40 ms: the offset is measured at its midpoint
            return Json("{\"code\":\"00000\",\"msg\":\"success\",\"requestTime\":" + EndOfCalendar + ",\"data\":{\"serverTime\":\"" + EndOfCalendar + "\"}}");
        });
        handler.When("*/api/v1/timestamp").Respond(async () =>
        {
            await Task.Delay(40);
            return Json("{\"status\":\"ok\",\"ts\":" + EndOfCalendar + "}");
        });
        handler.When("*/sub-account-assets*").Respond(_ => Json(BitgetOk));
        handler.When("*/swap_cross_sub_account_info*").Respond(_ => Json(HtxOk));
        var http = new HttpClient(handler);

        Task call = exchange == "bitget"
            ? new BitgetClient(http, Options(new BitgetClientOptions { ApiKey = Fakes.BitgetKey, ApiSecret = Fakes.BitgetSecret, Passphrase = Fakes.BitgetPassphrase, BaseAddress = BitgetClient.ProductionAddress }))
                .GetSubAccountAssetsAsync(BitgetProductType.UsdtFutures)
            : new HtxClient(http, Options(new HtxClientOptions { AccessKey = Fakes.HtxKey, SecretKey = Fakes.HtxSecret })).GetCrossSubAccountInfoAsync(123456, "USDT");
        var error = await Record.ExceptionAsync(() => call.WaitAsync(HostileServer.CallBound));

        Assert.True(error is null or ExchangeApiException, $"Expected a result or a typed error; got {error?.GetType().FullName}: {error?.Message}");
    }

    private static async Task<CallOutcome> Call(string exchange, string body)
    {
        using var server = new HostileServer();
        return await server.CallAsync(exchange == "bitget" ? "bitget/getSubAccountAssets.200.json" : "htx/getCrossSubAccountInfo.200.json", 200, Encoding.UTF8.GetBytes(body));
    }

    private static string Read(CallOutcome outcome, string field)
    {
        if (outcome.Value is null)
        {
            return outcome.Describe();
        }

        var envelope = outcome.Value.GetType().GetProperty("Response")!.GetValue(outcome.Value)!;
        ResponseModelPaths.TryResolve(envelope, field, out _, out _, out var value);
        return $"a value, with {field} = {value}";
    }

    private static int Rows(object result) => result switch
    {
        BitgetSubAccountAssetsResult bitget => SubAccountBalance.From(bitget).Count,
        HtxCrossSubAccountInfoResult htx => SubAccountBalance.From(htx).Count + htx.Sum(a => a.ContractDetail.Count + a.FuturesContractDetail.Count),
        _ => -1,
    };

    private static string ReplaceFirst(string text, string find, string replace)
    {
        var at = text.IndexOf(find, StringComparison.Ordinal);
        Assert.True(at >= 0, "sample text not found: " + find);
        return string.Concat(text.AsSpan(0, at), replace, text.AsSpan(at + find.Length));
    }

    private static HttpResponseMessage Json(string body) => new(HttpStatusCode.OK) { Content = new StringContent(body, Encoding.UTF8, "application/json") };

    private static T Options<T>(T options)
        where T : ExchangeClientOptions
    {
        options.Retry.Enabled = false;
        options.RateLimit.Registry = new RateLimiterRegistry(); // its own limiter and clock: the end-of-calendar time is measured, not another test's
        return options;
    }
}
