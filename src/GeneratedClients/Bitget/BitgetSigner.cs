using System.Buffers;
using System.Globalization;

namespace GeneratedClients.Bitget;

/// <summary>
/// Bitget's request signature, as a pure function of its inputs (no clock, no I/O):
/// <c>Base64(HMAC-SHA256(secret, timestamp + METHOD + requestPath + ["?" + queryString] + body))</c>.
/// </summary>
public static class BitgetSigner
{
    private const int MaxTimestampChars = 20; // long.MinValue is 20 characters
    private const int StackPrehashChars = 512;
    private const int MaxPooledPrehashChars = 1 << 20;

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
        ArgumentException.ThrowIfNullOrWhiteSpace(method);
        ArgumentException.ThrowIfNullOrWhiteSpace(requestPath);

        // The prehash of BuildPrehash, written to a stack (or pooled) buffer instead of new strings: the only
        // allocation left is the signature itself.
        var length = (long)MaxTimestampChars + method.Length + requestPath.Length + 1 + (queryString?.Length ?? 0) + (body?.Length ?? 0);
        if (length > MaxPooledPrehashChars)
        {
            return HmacSignature.Base64HmacSha256(credentials.SecretBytes, BuildPrehash(timestampMilliseconds, method, requestPath, queryString, body));
        }

        char[]? rented = null;
        var prehash = length <= StackPrehashChars ? stackalloc char[StackPrehashChars] : (rented = ArrayPool<char>.Shared.Rent((int)length));
        try
        {
            timestampMilliseconds.TryFormat(prehash, out var written, default, CultureInfo.InvariantCulture);
            written += method.AsSpan().ToUpperInvariant(prehash[written..]);
            requestPath.CopyTo(prehash[written..]);
            written += requestPath.Length;
            if (!string.IsNullOrEmpty(queryString))
            {
                prehash[written++] = '?';
                queryString.CopyTo(prehash[written..]);
                written += queryString.Length;
            }

            if (!string.IsNullOrEmpty(body))
            {
                body.CopyTo(prehash[written..]);
                written += body.Length;
            }

            return HmacSignature.Base64HmacSha256(credentials.SecretBytes, prehash[..written]);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<char>.Shared.Return(rented);
            }
        }
    }
}
