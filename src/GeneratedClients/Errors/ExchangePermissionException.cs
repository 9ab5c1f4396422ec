namespace GeneratedClients;

/// <summary>The key lacks a permission or the IP is not allowed (Bitget 40014, 40016, 40018; HTTP 403).</summary>
public class ExchangePermissionException : ExchangeApiException
{
    /// <inheritdoc />
    public ExchangePermissionException(ExchangeErrorDetails details, Exception? innerException = null) : base(details, innerException) { }

    /// <inheritdoc />
    public ExchangePermissionException() { }

    /// <inheritdoc />
    public ExchangePermissionException(string message) : base(message) { }

    /// <inheritdoc />
    public ExchangePermissionException(string message, Exception? innerException) : base(message, innerException) { }
}
