namespace GeneratedClients.Transport;

/// <summary>
/// The state of one call through a generated transport: what was sent (method, path; never the query),
/// what came back (status, Retry-After, the first bytes of the body), and the translation of transport
/// failures into <see cref="ExchangeApiException"/>s. One instance per call, so concurrent calls on one
/// client share nothing mutable.
/// </summary>
internal sealed partial class ExchangeCall
{
    private readonly TimeProvider _time;
    private readonly BodyPrefix _prefix = new();
    private List<string>? _concealed;

    public ExchangeCall(string exchange, long maxResponseBytes, TimeProvider time)
    {
        Exchange = exchange;
        MaxResponseBytes = maxResponseBytes;
        _time = time;
    }

    public string Exchange { get; }

    public long MaxResponseBytes { get; }

    public string? Method { get; private set; }

    public string? Path { get; private set; }

    public int? Status { get; private set; }

    public TimeSpan? RetryAfter { get; private set; }

    /// <summary>What the response reader read past (missing, null, "" fields, figures in the other form).</summary>
    public IReadOnlyList<WireDeviation> Deviations { get; set; } = [];

    public void RecordRequest(HttpRequestMessage request)
    {
        Method = request.Method.Method;
        Path = request.RequestUri is { IsAbsoluteUri: true } uri ? uri.AbsolutePath : request.RequestUri?.OriginalString.Split('?')[0];
    }

    /// <summary>Notes the status and headers, and wraps the body so that its size is bounded and its start is kept.</summary>
    public void RecordResponse(HttpResponseMessage response)
    {
        Status = (int)response.StatusCode;
        RetryAfter = ReadRetryAfter(response.Headers.RetryAfter);
        if (response.Content.Headers.ContentLength is long declared && declared > MaxResponseBytes)
        {
            throw new ResponseTooLargeException(MaxResponseBytes);
        }

        response.Content = new BoundedContent(response.Content, this);
    }

    // description: the library's explanation (null for the category's); the exchange's own words go in ExchangeMessage.
    public ExchangeErrorDetails Details(ExchangeErrorCategory category, string? description = null) => new()
    {
        Exchange = Exchange,
        Category = category,
        HttpStatus = Status,
        Description = description,
        RequestMethod = Method,
        RequestPath = Path,
        RetryAfter = RetryAfter,
    };

    public ExchangeApiException InvalidResponse(string message, string? fieldPath = null) => ExchangeApiException.Create(
        Details(ExchangeErrorCategory.InvalidResponse, message) with { FieldPath = fieldPath, BodyPreview = BodyPreview() });

}
