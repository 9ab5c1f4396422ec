using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Newtonsoft.Json;

namespace GeneratedClients.Common;

/// <summary>
/// The state of one call through a generated transport: what was sent (method, path; never the query),
/// what came back (status, Retry-After, the first bytes of the body), and the translation of transport
/// failures into <see cref="ExchangeApiException"/>s. One instance per call, so concurrent calls on one
/// client share nothing mutable.
/// </summary>
internal sealed class ExchangeCall
{
    private const int PreviewChars = 300;

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

    /// <summary>
    /// Values sent with the request that must never be echoed back into an error: an error page that
    /// repeats the request (a proxy's debug page) would otherwise carry the key or signature into
    /// <see cref="ExchangeErrorDetails.BodyPreview"/>.
    /// </summary>
    public void Conceal(params ReadOnlySpan<string?> values)
    {
        foreach (var value in values)
        {
            if (!string.IsNullOrEmpty(value))
            {
                (_concealed ??= []).Add(value);
                var escaped = Uri.EscapeDataString(value);
                if (escaped != value)
                {
                    _concealed.Add(escaped);
                }
            }
        }
    }

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

    /// <summary>
    /// Turns what the generated transport or the network threw into a typed error. Returns false for the
    /// caller's own cancellation, which propagates as it is.
    /// </summary>
    public bool TryTranslate(Exception error, CancellationToken cancellationToken, out ExchangeApiException translated)
    {
        translated = null!;
        if (error is OperationCanceledException && cancellationToken.IsCancellationRequested)
        {
            return false;
        }

        translated = error switch
        {
            ExchangeApiException typed => typed,
            ApiException api => FromTransport(api),
            ResponseTooLargeException tooLarge => InvalidResponse(tooLarge.Message),
            HttpRequestException { InnerException: ResponseTooLargeException tooLarge } => InvalidResponse(tooLarge.Message),
            JsonException json => InvalidResponse(FirstLine(json.Message), PathOf(json)),
            HttpRequestException http => ExchangeApiException.Create(Details(ExchangeErrorCategory.Network, $"the request could not be completed: {http.Message}"), http),
            OperationCanceledException timeout => ExchangeApiException.Create(Details(ExchangeErrorCategory.Network, "the exchange did not answer in time (HttpClient.Timeout)"), timeout),
            IOException io => ExchangeApiException.Create(Details(ExchangeErrorCategory.Network, $"the connection failed while reading the response: {io.Message}"), io),
            _ => null!,
        };
        return translated is not null;
    }

    private ExchangeApiException FromTransport(ApiException api)
    {
        Status = api.StatusCode;
        RetryAfter ??= ReadRetryAfter(api.Headers);
        var preview = Preview(api.Response) ?? BodyPreview();
        if (api.InnerException is JsonException json)
        {
            var category = api.StatusCode is >= 200 and < 300 ? ExchangeErrorCategory.InvalidResponse : CategoryOfStatus(api.StatusCode);
            var message = category == ExchangeErrorCategory.InvalidResponse
                ? $"the response is not the JSON the spec describes: {FirstLine(json.Message)}"
                : $"HTTP {api.StatusCode} with a body that is not {Exchange}'s JSON error envelope";
            return ExchangeApiException.Create(Details(category, message) with { FieldPath = PathOf(json), BodyPreview = preview }, json);
        }

        if (api.StatusCode is >= 200 and < 300)
        {
            return ExchangeApiException.Create(Details(ExchangeErrorCategory.InvalidResponse, "the response body is empty or null") with { BodyPreview = preview });
        }

        return ExchangeApiException.Create(
            Details(CategoryOfStatus(api.StatusCode), $"HTTP {api.StatusCode} {ReasonOf(api.StatusCode)}") with { BodyPreview = preview });
    }

    public static ExchangeErrorCategory CategoryOfStatus(int status) => status switch
    {
        400 or 404 or 405 or 415 or 422 => ExchangeErrorCategory.BadRequest,
        401 => ExchangeErrorCategory.Authentication,
        403 => ExchangeErrorCategory.Permission,
        408 => ExchangeErrorCategory.Network,
        429 => ExchangeErrorCategory.RateLimited,
        >= 500 and < 600 => ExchangeErrorCategory.ServerError,
        >= 200 and < 300 => ExchangeErrorCategory.InvalidResponse,
        _ => ExchangeErrorCategory.Unknown,
    };

    public string? BodyPreview() => _prefix.Count == 0 ? null : Preview(Encoding.UTF8.GetString(_prefix.Bytes, 0, _prefix.Count));

    private static string ReasonOf(int status) =>
        Enum.IsDefined(typeof(System.Net.HttpStatusCode), status) ? ((System.Net.HttpStatusCode)status).ToString() : "(unexpected status)";

    private static string? PathOf(JsonException json) => json switch
    {
        GeneratedClients.Json.WireFormatException wire when !string.IsNullOrEmpty(wire.Path) => wire.Path,
        JsonReaderException reader when !string.IsNullOrEmpty(reader.Path) => reader.Path,
        JsonSerializationException serialization when !string.IsNullOrEmpty(serialization.Path) => serialization.Path,
        _ => null,
    };

    private static string FirstLine(string message)
    {
        var end = message.IndexOfAny(['\r', '\n']);
        return end < 0 ? message : message[..end];
    }

    private string? Preview(string? body)
    {
        if (string.IsNullOrEmpty(body))
        {
            return null;
        }

        foreach (var secret in _concealed ?? [])
        {
            body = body.Replace(secret, "***", StringComparison.Ordinal);
        }

        var text = new StringBuilder(Math.Min(body.Length, PreviewChars));
        foreach (var c in body)
        {
            if (text.Length == PreviewChars)
            {
                text.Append('…');
                break;
            }

            text.Append(char.IsControl(c) ? ' ' : c);
        }

        return text.ToString();
    }

    private TimeSpan? ReadRetryAfter(RetryConditionHeaderValue? header)
    {
        if (header?.Delta is TimeSpan delta)
        {
            return delta;
        }

        if (header?.Date is DateTimeOffset date)
        {
            var wait = date - _time.GetUtcNow();
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }

        return null;
    }

    private TimeSpan? ReadRetryAfter(IReadOnlyDictionary<string, IEnumerable<string>>? headers)
    {
        if (headers is null)
        {
            return null;
        }

        foreach (var (name, values) in headers)
        {
            if (string.Equals(name, "Retry-After", StringComparison.OrdinalIgnoreCase)
                && RetryConditionHeaderValue.TryParse(values.FirstOrDefault(), out var parsed))
            {
                return ReadRetryAfter(parsed);
            }
        }

        return null;
    }

    /// <summary>The first bytes of the body, kept while it streams through.</summary>
    private sealed class BodyPrefix
    {
        public byte[] Bytes { get; } = new byte[1024];

        public int Count { get; private set; }

        public void Append(ReadOnlySpan<byte> data)
        {
            var room = Bytes.Length - Count;
            if (room <= 0 || data.IsEmpty)
            {
                return;
            }

            var take = Math.Min(room, data.Length);
            data[..take].CopyTo(Bytes.AsSpan(Count));
            Count += take;
        }
    }

    /// <summary>
    /// The response body, read asynchronously with the call's cancellation token (so a timeout or the
    /// caller's cancellation stops a body that trickles in), refused past the size limit, its first
    /// bytes kept for error messages. The generated code then parses it from memory: pooled chunks
    /// (<see cref="PooledBufferStream"/>), given back when the generated code disposes the stream.
    /// </summary>
    private sealed class BoundedContent : HttpContent
    {
        private readonly HttpContent _inner;
        private readonly ExchangeCall _call;

        public BoundedContent(HttpContent inner, ExchangeCall call)
        {
            _inner = inner;
            _call = call;
            foreach (var header in inner.Headers)
            {
                Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
        }

        protected override async Task<Stream> CreateContentReadStreamAsync(CancellationToken cancellationToken)
        {
            var source = await _inner.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (source.ConfigureAwait(false))
            {
                return await PooledBufferStream.FillAsync(source, _inner.Headers.ContentLength, _call.MaxResponseBytes, _call._prefix.Append, cancellationToken).ConfigureAwait(false);
            }
        }

        protected override Task<Stream> CreateContentReadStreamAsync() => CreateContentReadStreamAsync(CancellationToken.None);

        protected override async Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context, CancellationToken cancellationToken)
        {
            var body = await CreateContentReadStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (body.ConfigureAwait(false))
            {
                await body.CopyToAsync(stream, cancellationToken).ConfigureAwait(false);
            }
        }

        protected override Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context) =>
            SerializeToStreamAsync(stream, context, CancellationToken.None);

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}

/// <summary>The response body passed the configured size limit; reading stopped there.</summary>
internal sealed class ResponseTooLargeException : IOException
{
    public ResponseTooLargeException(long limit)
        : base(string.Create(CultureInfo.InvariantCulture, $"the response body is larger than the limit of {limit} bytes (MaxResponseBytes); reading stopped there"))
    {
    }
}
