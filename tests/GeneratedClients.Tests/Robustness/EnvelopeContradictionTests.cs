using GeneratedClients.Bitget;
using GeneratedClients.Htx;
using GeneratedClients.Tests.Support;

namespace GeneratedClients.Tests.Robustness;

/// <summary>
/// The HTTP status and the envelope disagree. Documented results: an error code or status in the envelope is
/// the typed error whatever the HTTP status (200 included); an HTTP error status is the typed error whatever
/// the envelope says (a success body on 5xx is never a result); "success" without data is an
/// <see cref="ExchangeResponseException"/> naming <c>data</c>; only HTTP 200 carries a result (201/204 with a
/// success body are response errors).
/// </summary>
public class EnvelopeContradictionTests
{
    private static readonly string BitgetOk = Samples.Read("bitget", "getSubAccountAssets.200.json");
    private static readonly string HtxOk = Samples.Read("htx", "getCrossSubAccountInfo.200.json");

    public static TheoryData<int, string, Type, string> BitgetErrorsOnAnyStatus => new()
    {
        { 200, "40009", typeof(ExchangeAuthenticationException), "sign signature error" },
        { 200, "40008", typeof(ExchangeTimestampException), "Request timestamp expired" },
        { 200, "40014", typeof(ExchangePermissionException), "Incorrect permissions" },
        { 200, "429", typeof(ExchangeRateLimitException), "Too Many Requests" },
        { 200, "40200", typeof(ExchangeServerException), "Server upgrade" },
        { 200, "40019", typeof(ExchangeApiException), "Parameter productType cannot be empty" },
        { 200, "99999", typeof(ExchangeApiException), "something new" },
        { 400, "40009", typeof(ExchangeAuthenticationException), "sign signature error" },
        { 403, "40037", typeof(ExchangeAuthenticationException), "Apikey does not exist" },
        { 429, "40014", typeof(ExchangePermissionException), "the code wins over the status" },
    };

    [Theory]
    [MemberData(nameof(BitgetErrorsOnAnyStatus))]
    public async Task A_bitget_error_code_is_the_typed_error_whatever_the_http_status(int status, string code, Type expected, string message)
    {
        var body = $$"""{"code":"{{code}}","msg":"{{message}}","requestTime":1695806875837,"data":null}""";

        var error = await NonJsonBodyTests.CallExpectingError("bitget", MockExchange.Answering(status, body));

        Assert.IsType(expected, error);
        Assert.Equal(code, error.ExchangeCode);
        Assert.Equal(message, error.ExchangeMessage);
        Assert.Equal(status, error.HttpStatus);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1695806875837), error.ExchangeTime);
    }

    [Theory]
    [InlineData(403, typeof(ExchangeAuthenticationException), ExchangeErrorCategory.Authentication)]
    [InlineData(1032, typeof(ExchangeRateLimitException), ExchangeErrorCategory.RateLimited)]
    [InlineData(1220, typeof(ExchangeApiException), ExchangeErrorCategory.NotEnabled)]
    [InlineData(9999, typeof(ExchangeApiException), ExchangeErrorCategory.Unknown)]
    public async Task An_htx_status_error_on_http_200_is_the_typed_error_even_with_data(int code, Type expected, ExchangeErrorCategory category)
    {
        // Even with a data list beside it: status "error" is never a half-filled result.
        var body = HtxOk.Replace("\"status\": \"ok\",", $"\"status\": \"error\", \"err_code\": {code}, \"err_msg\": \"refused\",", StringComparison.Ordinal);

        var error = await NonJsonBodyTests.CallExpectingError("htx", MockExchange.Answering(200, body));

        Assert.IsType(expected, error);
        Assert.Equal(category, error.Category);
        Assert.Equal(code.ToString(System.Globalization.CultureInfo.InvariantCulture), error.ExchangeCode);
        Assert.Equal(200, error.HttpStatus);
    }

    [Theory]
    [InlineData("bitget", 500, typeof(ExchangeServerException))]
    [InlineData("bitget", 503, typeof(ExchangeServerException))]
    [InlineData("bitget", 504, typeof(ExchangeServerException))]
    [InlineData("bitget", 429, typeof(ExchangeRateLimitException))]
    [InlineData("bitget", 403, typeof(ExchangePermissionException))]
    [InlineData("bitget", 400, typeof(ExchangeApiException))]
    [InlineData("bitget", 401, typeof(ExchangeAuthenticationException))]
    [InlineData("bitget", 302, typeof(ExchangeApiException))]
    [InlineData("bitget", 201, typeof(ExchangeResponseException))]
    [InlineData("bitget", 204, typeof(ExchangeResponseException))]
    [InlineData("htx", 500, typeof(ExchangeServerException))]
    [InlineData("htx", 502, typeof(ExchangeServerException))]
    [InlineData("htx", 429, typeof(ExchangeRateLimitException))]
    [InlineData("htx", 403, typeof(ExchangePermissionException))]
    [InlineData("htx", 404, typeof(ExchangeApiException))]
    [InlineData("htx", 201, typeof(ExchangeResponseException))]
    public async Task A_success_body_under_an_http_error_status_is_never_a_result(string exchange, int status, Type expected)
    {
        var error = await NonJsonBodyTests.CallExpectingError(exchange, MockExchange.Answering(status, exchange == "bitget" ? BitgetOk : HtxOk));

        Assert.IsType(expected, error);
        Assert.Equal(status, error.HttpStatus);
        Assert.Equal(expected == typeof(ExchangeServerException) || expected == typeof(ExchangeRateLimitException), error.IsTransient);
    }

    [Theory]
    [InlineData("bitget", """{"code":"00000","msg":"success","requestTime":1695806875837,"data":null}""")]
    [InlineData("bitget", """{"code":"00000","msg":"success","requestTime":1695806875837}""")]
    [InlineData("bitget", """{"code":"00000","msg":"success","requestTime":1695806875837,"data":""}""")]
    [InlineData("htx", """{"status":"ok","ts":1638759191747,"data":null}""")]
    [InlineData("htx", """{"status":"ok","ts":1638759191747}""")]
    [InlineData("htx", """{"status":"ok","data":null,"err_code":1032,"err_msg":"The number of access exceeded the limit."}""")]
    public async Task Success_without_data_is_a_response_error_naming_data(string exchange, string body)
    {
        var error = await NonJsonBodyTests.CallExpectingError(exchange, MockExchange.Answering(200, body));

        var response = Assert.IsType<ExchangeResponseException>(error);
        Assert.Equal("data", response.FieldPath);
        Assert.Equal(200, response.HttpStatus);
        Assert.False(response.IsTransient);
    }

    [Fact]
    public async Task Bitget_success_with_an_empty_list_is_an_empty_result()
    {
        var result = await new BitgetClient(MockExchange.Answering(200, Samples.Read("bitget", "getSubAccountAssets.200.empty.json")).Client(), Fakes.Bitget())
            .GetSubAccountAssetsAsync(BitgetProductType.UsdtFutures);

        Assert.Empty(result);
        Assert.Empty(SubAccountBalance.From(result));
    }

    [Fact]
    public async Task Htx_status_ok_wins_over_an_error_code_beside_it()
    {
        // Documented: HTX's status decides; an err_code next to status "ok" is kept in the envelope, not raised.
        var body = HtxOk.Replace("\"status\": \"ok\",", "\"status\": \"ok\", \"err_code\": 1032, \"err_msg\": \"ignored\",", StringComparison.Ordinal);

        var result = await new HtxClient(MockExchange.Answering(200, body).Client(), Fakes.Htx()).GetCrossSubAccountInfoAsync(123456, "USDT");

        Assert.Single(result);
        Assert.Equal(1032, result.Response.ErrorCode);
    }

    [Fact]
    public async Task Bitget_code_00000_on_an_http_error_status_is_still_the_error()
    {
        var error = await NonJsonBodyTests.CallExpectingError("bitget", MockExchange.Answering(400, """{"code":"00000","msg":"success","requestTime":1,"data":[]}"""));

        Assert.Equal(ExchangeErrorCategory.BadRequest, error.Category);
        Assert.Equal(400, error.HttpStatus);
    }
}
