namespace GeneratedClients;

/// <summary>
/// The response was not what the spec describes: not JSON (an HTML page from a proxy), empty, truncated,
/// a field of the wrong type or out of range (<see cref="ExchangeErrorDetails.FieldPath"/> names it), or too large.
/// </summary>
public class ExchangeResponseException : ExchangeApiException
{
    /// <inheritdoc />
    public ExchangeResponseException(ExchangeErrorDetails details, Exception? innerException = null) : base(details, innerException) { }

    /// <inheritdoc />
    public ExchangeResponseException() { }

    /// <inheritdoc />
    public ExchangeResponseException(string message) : base(message) { }

    /// <inheritdoc />
    public ExchangeResponseException(string message, Exception? innerException) : base(message, innerException) { }

    /// <summary>The JSON path of the offending field, when one field was at fault.</summary>
    public string? FieldPath => Details.FieldPath;

    /// <summary>The first characters of the body, for diagnosis.</summary>
    public string? BodyPreview => Details.BodyPreview;
}
