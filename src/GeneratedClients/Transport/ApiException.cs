namespace GeneratedClients;

// Why: the generated transport (BitgetApi, HtxApi) throws this for statuses and bodies it cannot handle.
// It is written here once, internal, instead of generated once per client: it never reaches a caller,
// because the clients translate it into an ExchangeApiException. Its constructors are the ones NSwag
// 14.7's client template calls.
#pragma warning disable CA1032, CA1064 // Not a public exception; only the generated code constructs it.
internal class ApiException : Exception
{
    public ApiException(string message, int statusCode, string? response, IReadOnlyDictionary<string, IEnumerable<string>> headers, Exception? innerException)
        : base(message, innerException)
    {
        StatusCode = statusCode;
        Response = response;
        Headers = headers;
    }

    public int StatusCode { get; }

    public string? Response { get; }

    public IReadOnlyDictionary<string, IEnumerable<string>> Headers { get; }
}
#pragma warning restore CA1032, CA1064
