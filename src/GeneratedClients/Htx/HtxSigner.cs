using System.Globalization;
using System.Text;
using GeneratedClients.Common;

namespace GeneratedClients.Htx;

/// <summary>
/// HTX signature version 2, as pure functions of their inputs (no clock, no I/O). The signature covers
/// the method, the host, the path and the sorted query (AccessKeyId, SignatureMethod, SignatureVersion,
/// Timestamp and any request parameters); the JSON body is not signed.
/// </summary>
public static class HtxSigner
{
    /// <summary>The <c>SignatureMethod</c> value.</summary>
    public const string SignatureMethod = "HmacSHA256";

    /// <summary>The <c>SignatureVersion</c> value.</summary>
    public const string SignatureVersion = "2";

    /// <summary>The text that is signed: <c>METHOD\nhost\npath\nsortedQuery</c>, host in lower case.</summary>
    public static string BuildPayload(string method, string host, string path, string sortedEncodedQuery)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(method);
        ArgumentException.ThrowIfNullOrWhiteSpace(host);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(sortedEncodedQuery);
        return string.Concat(method.ToUpperInvariant(), "\n", host.ToLowerInvariant(), "\n", path, "\n" + sortedEncodedQuery);
    }

    /// <summary>Base64(HMAC-SHA256(secret key, payload)), not yet URL-encoded.</summary>
    public static string ComputeSignature(HtxCredentials credentials, string payload)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        ArgumentNullException.ThrowIfNull(payload);
        return HmacSignature.Base64HmacSha256(credentials.SecretBytes, payload);
    }

    /// <summary>The <c>Timestamp</c> value: UTC, <c>yyyy-MM-ddTHH:mm:ss</c>, no fraction.</summary>
    public static string FormatTimestamp(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>
    /// The complete signed query string (without a leading <c>?</c>): the signing parameters and
    /// <paramref name="parameters"/>, sorted by name in ordinal order, percent-encoded as RFC 3986 with
    /// upper-case hex, followed by <c>&amp;Signature=</c> and the URL-encoded signature.
    /// </summary>
    public static string BuildSignedQuery(
        HtxCredentials credentials,
        string method,
        string host,
        string path,
        DateTimeOffset timestamp,
        IEnumerable<KeyValuePair<string, string>>? parameters = null)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        var all = new List<KeyValuePair<string, string>>(4)
        {
            new("AccessKeyId", credentials.AccessKey),
            new("SignatureMethod", SignatureMethod),
            new("SignatureVersion", SignatureVersion),
            new("Timestamp", FormatTimestamp(timestamp)),
        };
        if (parameters is not null)
        {
            all.AddRange(parameters);
        }

        all.Sort(static (a, b) => string.CompareOrdinal(a.Key, b.Key));
        var query = new StringBuilder(192);
        foreach (var (name, value) in all)
        {
            if (query.Length > 0)
            {
                query.Append('&');
            }

            query.Append(Uri.EscapeDataString(name)).Append('=').Append(Uri.EscapeDataString(value));
        }

        var signature = ComputeSignature(credentials, BuildPayload(method, host, path, query.ToString()));
        return query.Append("&Signature=").Append(Uri.EscapeDataString(signature)).ToString();
    }
}
