namespace GeneratedClients;

/// <summary>The exchange failed (HTTP 5xx) or is in maintenance (Bitget 40200).</summary>
public class ExchangeServerException : ExchangeApiException
{
    /// <inheritdoc />
    public ExchangeServerException(ExchangeErrorDetails details, Exception? innerException = null) : base(details, innerException) { }

    /// <inheritdoc />
    public ExchangeServerException() { }

    /// <inheritdoc />
    public ExchangeServerException(string message) : base(message) { }

    /// <inheritdoc />
    public ExchangeServerException(string message, Exception? innerException) : base(message, innerException) { }
}
