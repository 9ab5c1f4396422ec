using System.Diagnostics.CodeAnalysis;

namespace GeneratedClients.Htx;

/// <summary>HTX for the shared core: signature v2 in the query string and <c>GET /api/v1/timestamp</c>; its errors all come in envelopes on HTTP 200.</summary>
internal sealed class HtxProtocol(HtxCredentials credentials) : IExchangeProtocol<HtxApi>
{
    public string Exchange => HtxClient.ExchangeName;

    public HtxApi CreateTransport(HttpClient httpClient, string baseUrl, ExchangeCall call, Action<HttpRequestMessage>? sign) =>
        new(httpClient, baseUrl, call, sign);

    // Why the URL's own host: HTX signs the host the request really goes to (api.hbdm.com, api.hbdm.vn, a test server).
    public void Sign(HttpRequestMessage request, ExchangeCall call, DateTimeOffset now)
    {
        var uri = request.RequestUri!;
        var signed = HtxSigner.BuildSignedQuery(credentials, request.Method.Method, uri.Host, uri.AbsolutePath, now, ParseQuery(uri.Query));
        var signature = signed[(signed.LastIndexOf("&Signature=", StringComparison.Ordinal) + "&Signature=".Length)..];
        call.Conceal(credentials.AccessKey, signature, Uri.UnescapeDataString(signature));
        request.RequestUri = new UriBuilder(uri) { Query = signed }.Uri;
    }

    public async Task<DateTimeOffset> ReadServerTimeAsync(HtxApi transport, ExchangeCall call, CancellationToken cancellationToken)
    {
        var response = await transport.GetServerTimestampAsync(cancellationToken).ConfigureAwait(false);
        HtxEnvelope.ThrowIfError(call, response.Status, response.ErrorCode, response.ErrorMessage, null, null, response.Timestamp);
        return UnixTime.FromMilliseconds(response.Timestamp) ?? throw call.InvalidResponse("status \"ok\" without a valid ts", "ts");
    }

    public bool TryTranslate(Exception error, ExchangeCall call, [NotNullWhen(true)] out ExchangeApiException? typed)
    {
        typed = null;
        return false;
    }

    private static List<KeyValuePair<string, string>>? ParseQuery(string query)
    {
        if (query.Length <= 1)
        {
            return null;
        }

        var pairs = new List<KeyValuePair<string, string>>();
        foreach (var part in query[1..].Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? part : part[..equals];
            var value = equals < 0 ? string.Empty : part[(equals + 1)..];
            pairs.Add(new(Uri.UnescapeDataString(name), Uri.UnescapeDataString(value)));
        }

        return pairs;
    }
}
