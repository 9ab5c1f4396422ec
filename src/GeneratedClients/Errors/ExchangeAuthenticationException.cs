namespace GeneratedClients;

/// <summary>The key, signature or passphrase was rejected (Bitget 40001-40012, 40037; HTX 403, 1003, 1253, 12004).</summary>
public class ExchangeAuthenticationException : ExchangeApiException
{
    /// <inheritdoc />
    public ExchangeAuthenticationException(ExchangeErrorDetails details, Exception? innerException = null) : base(details, innerException) { }

    /// <inheritdoc />
    public ExchangeAuthenticationException() { }

    /// <inheritdoc />
    public ExchangeAuthenticationException(string message) : base(message) { }

    /// <inheritdoc />
    public ExchangeAuthenticationException(string message, Exception? innerException) : base(message, innerException) { }
}
