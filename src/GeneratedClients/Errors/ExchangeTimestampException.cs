namespace GeneratedClients;

/// <summary>The request's timestamp was outside the exchange's window (Bitget 40004, 40005, 40008).</summary>
public class ExchangeTimestampException : ExchangeApiException
{
    /// <inheritdoc />
    public ExchangeTimestampException(ExchangeErrorDetails details, Exception? innerException = null) : base(details, innerException) { }

    /// <inheritdoc />
    public ExchangeTimestampException() { }

    /// <inheritdoc />
    public ExchangeTimestampException(string message) : base(message) { }

    /// <inheritdoc />
    public ExchangeTimestampException(string message, Exception? innerException) : base(message, innerException) { }
}
