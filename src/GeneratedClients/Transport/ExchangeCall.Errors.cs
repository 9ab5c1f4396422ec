using Newtonsoft.Json;

namespace GeneratedClients.Transport;

// What the generated transport or the network threw, translated into the library's typed errors.
internal sealed partial class ExchangeCall
{
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
            // Why not the reader's own exception: it is the library's internal type; the message and field path carry what it said.
            var cause = json is GeneratedClients.Json.WireFormatException ? json.InnerException : json;
            return ExchangeApiException.Create(Details(category, message) with { FieldPath = PathOf(json), BodyPreview = preview }, cause);
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
}
