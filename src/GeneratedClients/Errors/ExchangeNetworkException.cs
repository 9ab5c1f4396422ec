namespace GeneratedClients;

/// <summary>The exchange could not be reached, the connection broke, or it did not answer in time.</summary>
public class ExchangeNetworkException : ExchangeApiException
{
    /// <inheritdoc />
    public ExchangeNetworkException(ExchangeErrorDetails details, Exception? innerException = null) : base(details, innerException) { }

    /// <inheritdoc />
    public ExchangeNetworkException() { }

    /// <inheritdoc />
    public ExchangeNetworkException(string message) : base(message) { }

    /// <inheritdoc />
    public ExchangeNetworkException(string message, Exception? innerException) : base(message, innerException) { }
}
