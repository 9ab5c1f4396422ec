using System.Buffers;
using System.Globalization;
using System.Text;

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

    // The four signing parameters are already in ordinal order: AccessKeyId < SignatureMethod < SignatureVersion < Timestamp.
    private const string AfterAccessKey = "&SignatureMethod=" + SignatureMethod + "&SignatureVersion=" + SignatureVersion + "&Timestamp=";
    private const string SignatureName = "&Signature=";
    private const string TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss";
    private const int TimestampLength = 19;
    private const int StackChars = 1024;

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
        time.UtcDateTime.ToString(TimestampFormat, CultureInfo.InvariantCulture);

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
        if (parameters is null || parameters is ICollection<KeyValuePair<string, string>> { Count: 0 })
        {
            return BuildSignedQueryWithoutParameters(credentials, method, host, path, timestamp);
        }

        var all = new List<KeyValuePair<string, string>>(4)
        {
            new("AccessKeyId", credentials.AccessKey),
            new("SignatureMethod", SignatureMethod),
            new("SignatureVersion", SignatureVersion),
            new("Timestamp", FormatTimestamp(timestamp)),
        };
        foreach (var (name, value) in parameters)
        {
            if (string.IsNullOrEmpty(name) || value is null)
            {
                throw new ArgumentException("Every parameter needs a name and a value (use \"\" for an empty value).", nameof(parameters));
            }

            all.Add(new(name, value));
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

    /// <summary>
    /// The signed query of a request with no parameters of its own (every call the clients make), built in one
    /// stack (or pooled) buffer: the same text as the general path, with the query string as its only allocation.
    /// </summary>
    private static string BuildSignedQueryWithoutParameters(HtxCredentials credentials, string method, string host, string path, DateTimeOffset timestamp)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(method);
        ArgumentException.ThrowIfNullOrWhiteSpace(host);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);

        var accessKey = credentials.AccessKey;
        var escapedKey = IsUnreserved(accessKey) ? accessKey : Uri.EscapeDataString(accessKey);
        Span<char> time = stackalloc char[TimestampLength];
        var timeLength = WriteTimestamp(time, timestamp.UtcDateTime);

        // query (then "&Signature=" and the escaped signature) | payload: METHOD\nhost\npath\nquery
        var queryMax = "AccessKeyId=".Length + escapedKey.Length + AfterAccessKey.Length + (3 * timeLength);
        var resultMax = queryMax + SignatureName.Length + (3 * HmacSignature.Base64Length);
        var payloadMax = method.Length + host.Length + path.Length + 3 + queryMax;
        char[]? rented = null;
        var buffer = resultMax + payloadMax <= StackChars ? stackalloc char[StackChars] : (rented = ArrayPool<char>.Shared.Rent(resultMax + payloadMax));
        try
        {
            var result = buffer[..resultMax];
            var written = Append(result, 0, "AccessKeyId=");
            written = Append(result, written, escapedKey);
            written = Append(result, written, AfterAccessKey);
            written = AppendEscaped(result, written, time[..timeLength]);
            var queryLength = written;

            var payload = buffer.Slice(resultMax, payloadMax);
            var payloadLength = method.AsSpan().ToUpperInvariant(payload);
            payload[payloadLength++] = '\n';
            payloadLength += host.AsSpan().ToLowerInvariant(payload[payloadLength..]);
            payload[payloadLength++] = '\n';
            payloadLength = Append(payload, payloadLength, path);
            payload[payloadLength++] = '\n';
            payloadLength = Append(payload, payloadLength, result[..queryLength]);

            Span<char> signature = stackalloc char[HmacSignature.Base64Length];
            HmacSignature.Base64HmacSha256(credentials.SecretBytes, payload[..payloadLength], signature);
            written = Append(result, written, SignatureName);
            written = AppendEscaped(result, written, signature);
            return new string(result[..written]);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<char>.Shared.Return(rented);
            }
        }
    }

    /// <summary>The text of <see cref="FormatTimestamp"/> (yyyy-MM-ddTHH:mm:ss; years are 1 to 9999, so always four digits), without a format string to interpret.</summary>
    private static int WriteTimestamp(Span<char> destination, DateTime utc)
    {
        Digits(destination[..4], utc.Year);
        destination[4] = '-';
        Digits(destination.Slice(5, 2), utc.Month);
        destination[7] = '-';
        Digits(destination.Slice(8, 2), utc.Day);
        destination[10] = 'T';
        Digits(destination.Slice(11, 2), utc.Hour);
        destination[13] = ':';
        Digits(destination.Slice(14, 2), utc.Minute);
        destination[16] = ':';
        Digits(destination.Slice(17, 2), utc.Second);
        return TimestampLength;

        static void Digits(Span<char> destination, int value)
        {
            for (var i = destination.Length - 1; i >= 0; i--)
            {
                destination[i] = (char)('0' + (value % 10));
                value /= 10;
            }
        }
    }

    private static int Append(Span<char> destination, int at, ReadOnlySpan<char> text)
    {
        text.CopyTo(destination[at..]);
        return at + text.Length;
    }

    /// <summary>Percent-encodes ASCII <paramref name="text"/> exactly as <see cref="Uri.EscapeDataString(string)"/> does: RFC 3986 unreserved characters stay, the rest become %XX in upper-case hex.</summary>
    private static int AppendEscaped(Span<char> destination, int at, ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (IsUnreserved(c))
            {
                destination[at++] = c;
            }
            else
            {
                destination[at++] = '%';
                destination[at++] = HexDigit(c >> 4);
                destination[at++] = HexDigit(c & 0xF);
            }
        }

        return at;

        static char HexDigit(int value) => (char)(value < 10 ? '0' + value : 'A' + value - 10);
    }

    private static bool IsUnreserved(string text)
    {
        foreach (var c in text)
        {
            if (!IsUnreserved(c))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsUnreserved(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '~';
}
