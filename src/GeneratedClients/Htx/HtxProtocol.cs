using System.Diagnostics.CodeAnalysis;

namespace GeneratedClients.Htx;

/// <summary>HTX for the shared core: signature v2 in the query string (HtxApi.Signing.cs) and <c>GET /api/v1/timestamp</c>; its errors all come in envelopes on HTTP 200.</summary>
internal sealed class HtxProtocol(HtxCredentials credentials) : IExchangeProtocol<HtxApi>
{
    public string Exchange => HtxClient.ExchangeName;

    public HtxApi CreateTransport(HttpClient httpClient, string baseUrl, ExchangeCall call, TimeProvider clock, bool signed) =>
        new(httpClient, baseUrl, signed ? credentials : null, clock, call);

    public async Task<DateTimeOffset> ReadServerTimeAsync(HtxApi transport, ExchangeCall call, CancellationToken cancellationToken)
    {
        var response = await transport.GetServerTimestampAsync(cancellationToken).ConfigureAwait(false);
        HtxEnvelope.ThrowIfError(call, response.Status, response.ErrorCode, response.ErrorMessage, null, null, response.Timestamp, subUid: null);
        return UnixTime.FromMilliseconds(response.Timestamp) ?? throw call.InvalidResponse("status \"ok\" without a valid ts", "ts");
    }

    public bool TryTranslate(Exception error, ExchangeCall call, [NotNullWhen(true)] out ExchangeApiException? typed)
    {
        typed = null;
        return false;
    }
}
