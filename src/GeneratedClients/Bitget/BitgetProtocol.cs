using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace GeneratedClients.Bitget;

/// <summary>Bitget for the shared core: ACCESS-* header signing, <c>GET /api/v2/public/time</c>, and its error envelope on HTTP 4xx.</summary>
internal sealed class BitgetProtocol(BitgetCredentials credentials, bool demoTrading) : IExchangeProtocol<BitgetApi>
{
    public string Exchange => BitgetClient.ExchangeName;

    public BitgetApi CreateTransport(HttpClient httpClient, string baseUrl, ExchangeCall call, Action<HttpRequestMessage>? sign) =>
        new(httpClient, baseUrl, call, sign);

    public void Sign(HttpRequestMessage request, ExchangeCall call, DateTimeOffset now)
    {
        var uri = request.RequestUri!;
        var query = uri.Query.Length > 1 ? uri.Query[1..] : null;
        // Why a body is read though every endpoint so far is a GET: Bitget signs the body, so a POST added to the spec signs right.
        var body = request.Content is null ? null : ReadBody(request.Content);
        var timestamp = now.ToUnixTimeMilliseconds();
        var signature = BitgetSigner.ComputeSignature(credentials, timestamp, request.Method.Method, uri.AbsolutePath, query, body);

        call.Conceal(credentials.ApiKey, signature, credentials.Passphrase);
        var headers = request.Headers;
        headers.TryAddWithoutValidation("ACCESS-KEY", credentials.ApiKey);
        headers.TryAddWithoutValidation("ACCESS-SIGN", signature);
        headers.TryAddWithoutValidation("ACCESS-TIMESTAMP", timestamp.ToString(CultureInfo.InvariantCulture));
        headers.TryAddWithoutValidation("ACCESS-PASSPHRASE", credentials.Passphrase);
        if (demoTrading)
        {
            headers.TryAddWithoutValidation("paptrading", "1");
        }
    }

    public async Task<DateTimeOffset> ReadServerTimeAsync(BitgetApi transport, ExchangeCall call, CancellationToken cancellationToken)
    {
        var response = await transport.GetServerTimeAsync(cancellationToken).ConfigureAwait(false);
        BitgetEnvelope.ThrowIfError(call, response.Code, response.Message, response.RequestTime);
        return long.TryParse(response.Data?.ServerTime, NumberStyles.None, CultureInfo.InvariantCulture, out var ms)
            ? DateTimeOffset.FromUnixTimeMilliseconds(ms)
            : throw call.InvalidResponse("the server time is not a number of milliseconds", "data.serverTime");
    }

    public bool TryTranslate(Exception error, ExchangeCall call, [NotNullWhen(true)] out ExchangeApiException? typed)
    {
        // Bitget sends its error envelope on HTTP 4xx too: the generated transport throws it read for the statuses the
        // spec lists; on any other status (a 403 the endpoint does not list, a 5xx) the body is read here, so the
        // exchange's code and message are kept whatever the status.
        typed = error switch
        {
            ApiException<BitgetErrorResponse> envelope => BitgetErrors.FromEnvelope(call, envelope.Result.Code, envelope.Result.Message, envelope.Result.RequestTime),
            ApiException { StatusCode: not (>= 200 and < 300) } api when BitgetEnvelope.TryReadError(api.Response, out var code, out var message, out var requestTime)
                => BitgetErrors.FromEnvelope(call, code, message, requestTime),
            _ => null,
        };
        return typed is not null;
    }

    private static string ReadBody(HttpContent content)
    {
        // The generated code sends JSON bodies as in-memory StringContent; reading it back is cheap.
        using var reader = new StreamReader(content.ReadAsStream());
        return reader.ReadToEnd();
    }
}
