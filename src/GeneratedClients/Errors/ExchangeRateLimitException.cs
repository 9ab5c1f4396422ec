namespace GeneratedClients;

/// <summary>Too many requests (Bitget HTTP 429 / code "429"; HTX 1032).</summary>
public class ExchangeRateLimitException : ExchangeApiException
{
    /// <inheritdoc />
    public ExchangeRateLimitException(ExchangeErrorDetails details, Exception? innerException = null) : base(details, innerException) { }

    /// <inheritdoc />
    public ExchangeRateLimitException() { }

    /// <inheritdoc />
    public ExchangeRateLimitException(string message) : base(message) { }

    /// <inheritdoc />
    public ExchangeRateLimitException(string message, Exception? innerException) : base(message, innerException) { }

    /// <summary>How long the exchange asked the caller to wait (<c>Retry-After</c>), when it said.</summary>
    public TimeSpan? RetryAfter => Details.RetryAfter;
}
