
namespace GeneratedClients.Htx;

internal partial class HtxApi
{
    private readonly ExchangeCall _call = null!;
    private readonly HtxCredentials? _credentials;
    private readonly TimeProvider _time = null!;

    /// <summary>A transport for one call: signs the request it sends (unless it is public) and records what comes back.</summary>
    internal HtxApi(HttpClient httpClient, string baseUrl, HtxCredentials? credentials, TimeProvider time, ExchangeCall call)
        : this(httpClient)
    {
        BaseUrl = baseUrl;
        _credentials = credentials;
        _time = time;
        _call = call;
    }

    // Why: HTX signs the host the request really goes to (api.hbdm.com, api.hbdm.vn, a test server), so
    // the signature is added here, where the final URL is known. Each attempt passes here again.
    partial void PrepareRequest(HttpClient client, HttpRequestMessage request, string url)
    {
        _call.RecordRequest(request);
        if (_credentials is null)
        {
            return; // a public endpoint (server time)
        }

        var uri = request.RequestUri!;
        var existing = ParseQuery(uri.Query);
        var signed = HtxSigner.BuildSignedQuery(_credentials, request.Method.Method, uri.Host, uri.AbsolutePath, _time.GetUtcNow(), existing);
        var signature = signed[(signed.LastIndexOf("&Signature=", StringComparison.Ordinal) + "&Signature=".Length)..];
        _call.Conceal(_credentials.AccessKey, signature, Uri.UnescapeDataString(signature));
        request.RequestUri = new UriBuilder(uri) { Query = signed }.Uri;
    }

    partial void ProcessResponse(HttpClient client, HttpResponseMessage response) => _call.RecordResponse(response);


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
