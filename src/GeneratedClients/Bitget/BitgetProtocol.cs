using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace GeneratedClients.Bitget;

/// <summary>Bitget for the shared core: header signing (BitgetApi.Signing.cs), <c>GET /api/v2/public/time</c>, and its error envelope on HTTP 4xx.</summary>
internal sealed class BitgetProtocol(BitgetCredentials credentials, bool demoTrading) : IExchangeProtocol<BitgetApi>
{
    public string Exchange => BitgetClient.ExchangeName;

    public BitgetApi CreateTransport(HttpClient httpClient, string baseUrl, ExchangeCall call, TimeProvider clock, bool signed) =>
        new(httpClient, baseUrl, signed ? credentials : null, clock, call, signed && demoTrading);

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
        // Bitget sends its error envelope on HTTP 4xx too; the generated transport throws it with the envelope read.
        typed = error is ApiException<BitgetErrorResponse> envelope
            ? BitgetErrors.FromEnvelope(call, envelope.Result.Code, envelope.Result.Message, envelope.Result.RequestTime)
            : null;
        return typed is not null;
    }
}
