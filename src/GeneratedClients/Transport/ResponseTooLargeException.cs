using System.Globalization;

namespace GeneratedClients.Transport;

/// <summary>The response body passed the configured size limit; reading stopped there.</summary>
internal sealed class ResponseTooLargeException : IOException
{
    public ResponseTooLargeException(long limit)
        : base(string.Create(CultureInfo.InvariantCulture, $"the response body is larger than the limit of {limit} bytes (MaxResponseBytes); reading stopped there"))
    {
    }
}
