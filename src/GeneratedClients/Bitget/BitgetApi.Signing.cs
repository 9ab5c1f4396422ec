
namespace GeneratedClients.Bitget;

internal partial class BitgetApi
{
    private readonly ExchangeCall _call = null!;
    private readonly BitgetCredentials? _credentials;
    private readonly TimeProvider _time = null!;
    private readonly bool _demoTrading;

    /// <summary>A transport for one call: signs the request it sends (unless it is public) and records what comes back.</summary>
    internal BitgetApi(HttpClient httpClient, string baseUrl, BitgetCredentials? credentials, TimeProvider time, ExchangeCall call, bool demoTrading)
        : this(httpClient)
    {
        BaseUrl = baseUrl;
        _credentials = credentials;
        _time = time;
        _call = call;
        _demoTrading = demoTrading;
    }

    // Why: signing happens here, where the URL and body are final, so the query string signed is the one
    // sent byte for byte. Each attempt builds a new request and passes here again: a retry is signed anew.
    partial void PrepareRequest(HttpClient client, HttpRequestMessage request, string url)
    {
        _call.RecordRequest(request);
        if (_demoTrading)
        {
            request.Headers.TryAddWithoutValidation("paptrading", "1");
        }

        if (_credentials is null)
        {
            return; // a public endpoint (server time)
        }

        var uri = request.RequestUri!;
        var query = uri.Query.Length > 1 ? uri.Query[1..] : null;
        var body = request.Content is null ? null : ReadBody(request.Content);
        var timestamp = _time.GetUtcNow().ToUnixTimeMilliseconds();
        var signature = BitgetSigner.ComputeSignature(_credentials, timestamp, request.Method.Method, uri.AbsolutePath, query, body);

        var headers = request.Headers;
        _call.Conceal(_credentials.ApiKey, signature, _credentials.Passphrase);
        headers.TryAddWithoutValidation("ACCESS-KEY", _credentials.ApiKey);
        headers.TryAddWithoutValidation("ACCESS-SIGN", signature);
        headers.TryAddWithoutValidation("ACCESS-TIMESTAMP", timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        headers.TryAddWithoutValidation("ACCESS-PASSPHRASE", _credentials.Passphrase);
        if (request.Content is not null)
        {
            request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        }
    }

    partial void ProcessResponse(HttpClient client, HttpResponseMessage response) => _call.RecordResponse(response);


    private static string ReadBody(HttpContent content)
    {
        // The generated code sends JSON bodies as in-memory StringContent; reading it back is cheap.
        using var reader = new StreamReader(content.ReadAsStream());
        return reader.ReadToEnd();
    }
}
