using System.Globalization;
using GeneratedClients.Common;

namespace GeneratedClients.Bitget;

/// <summary>
/// Bitget's request signature, as a pure function of its inputs (no clock, no I/O):
/// <c>Base64(HMAC-SHA256(secret, timestamp + METHOD + requestPath + ["?" + queryString] + body))</c>.
/// </summary>
public static class BitgetSigner
{
    /// <summary>The text that is signed. The <c>?</c> is left out when there is no query string.</summary>
    /// <param name="timestampMilliseconds">Unix time in milliseconds, the value sent in ACCESS-TIMESTAMP.</param>
    /// <param name="method">HTTP method; upper-cased.</param>
    /// <param name="requestPath">The path, for example <c>/api/v2/mix/account/sub-account-assets</c>.</param>
    /// <param name="queryString">The query exactly as sent, without the leading <c>?</c>; null or empty for none.</param>
    /// <param name="body">The request body; null or empty for none.</param>
    public static string BuildPrehash(long timestampMilliseconds, string method, string requestPath, string? queryString, string? body)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(method);
        ArgumentException.ThrowIfNullOrWhiteSpace(requestPath);
        var timestamp = timestampMilliseconds.ToString(CultureInfo.InvariantCulture);
        var upperMethod = method.ToUpperInvariant();
        return string.IsNullOrEmpty(queryString)
            ? string.Concat(timestamp, upperMethod, requestPath, body)
            : string.Concat(timestamp, upperMethod, requestPath, "?" + queryString, body);
    }

    /// <summary>The ACCESS-SIGN value for a request.</summary>
    public static string ComputeSignature(BitgetCredentials credentials, long timestampMilliseconds, string method, string requestPath, string? queryString, string? body)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        return HmacSignature.Base64HmacSha256(credentials.SecretBytes, BuildPrehash(timestampMilliseconds, method, requestPath, queryString, body));
    }
}
