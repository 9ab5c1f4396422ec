using System.Globalization;
using System.Text;

namespace GeneratedClients;

/// <summary>What kind of failure an <see cref="ExchangeApiException"/> reports.</summary>
public enum ExchangeErrorCategory
{
    /// <summary>A code or status the library does not classify; <see cref="ExchangeApiException.ExchangeCode"/> keeps it.</summary>
    Unknown = 0,

    /// <summary>The key, signature or passphrase was rejected.</summary>
    Authentication,

    /// <summary>The request's timestamp was outside the exchange's window (clock skew).</summary>
    TimestampExpired,

    /// <summary>The key lacks a permission, or the caller's IP is not allowed.</summary>
    Permission,

    /// <summary>Too many requests; see <see cref="ExchangeRateLimitException.RetryAfter"/>.</summary>
    RateLimited,

    /// <summary>The exchange failed (HTTP 5xx) or is in maintenance.</summary>
    ServerError,

    /// <summary>The request was refused as malformed (missing or invalid parameter).</summary>
    BadRequest,

    /// <summary>The account or feature is not enabled for this request (contract trading not opened, unified-account mode); no retry or new key fixes it.</summary>
    NotEnabled,

    /// <summary>The response was not the JSON the spec describes (HTML page, truncated, wrong types, too large).</summary>
    InvalidResponse,

    /// <summary>The exchange could not be reached or did not answer in time.</summary>
    Network,

    /// <summary>The account the request names does not exist (HTX 1010: a sub-account UID that is not the caller's); see <see cref="ExchangeApiException.SubAccountId"/>.</summary>
    AccountNotFound,
}

/// <summary>
/// The one exception type of the library: every failure of a call to an exchange, with what the
/// exchange said. Never carries a key, secret, passphrase or signature.
/// </summary>
public class ExchangeApiException : Exception
{
    /// <summary>Creates an exception from the details of a failed call.</summary>
    public ExchangeApiException(ExchangeErrorDetails details, Exception? innerException = null)
        : base(Describe(details ?? throw new ArgumentNullException(nameof(details))), innerException)
    {
        Details = details;
    }

    /// <summary>Creates an exception with a message only (for callers that wrap other failures).</summary>
    public ExchangeApiException(string message)
        : this(new ExchangeErrorDetails { Exchange = "unknown", Description = message })
    {
    }

    /// <summary>Creates an exception with a message and a cause.</summary>
    public ExchangeApiException(string message, Exception? innerException)
        : this(new ExchangeErrorDetails { Exchange = "unknown", Description = message }, innerException)
    {
    }

    /// <summary>Creates an exception with no details.</summary>
    public ExchangeApiException()
        : this("The exchange call failed.")
    {
    }

    /// <summary>Everything known about the failure.</summary>
    public ExchangeErrorDetails Details { get; }

    /// <summary>"Bitget" or "HTX".</summary>
    public string Exchange => Details.Exchange;

    /// <summary>The kind of failure.</summary>
    public ExchangeErrorCategory Category => Details.Category;

    /// <summary>The HTTP status of the response, when there was one.</summary>
    public int? HttpStatus => Details.HttpStatus;

    /// <summary>The exchange's own error code (<c>"40009"</c>, <c>"1032"</c>), when it sent one.</summary>
    public string? ExchangeCode => Details.ExchangeCode;

    /// <summary>The exchange's own error message, exactly as it sent it; null when the exchange said nothing (a network error, an HTML page). <see cref="Exception.Message"/> carries the library's explanation.</summary>
    public string? ExchangeMessage => Details.ExchangeMessage;

    /// <summary>The HTTP method of the request.</summary>
    public string? RequestMethod => Details.RequestMethod;

    /// <summary>The path of the request, without its query string (which may hold signing values).</summary>
    public string? RequestPath => Details.RequestPath;

    /// <summary>The sub-account the failed request was about (HTX's <c>sub_uid</c>), when it was about one.</summary>
    public string? SubAccountId => Details.SubAccountId;

    /// <summary>The exchange's time stamp of the response (<c>requestTime</c>, <c>ts</c>), when sent.</summary>
    public DateTimeOffset? ExchangeTime => Details.ExchangeTime;

    /// <summary>True for failures that may succeed when the same request is sent again later.</summary>
    public bool IsTransient => Category is ExchangeErrorCategory.RateLimited or ExchangeErrorCategory.ServerError or ExchangeErrorCategory.Network;

    /// <summary>Creates the most specific exception type for the category of <paramref name="details"/>.</summary>
    public static ExchangeApiException Create(ExchangeErrorDetails details, Exception? innerException = null)
    {
        ArgumentNullException.ThrowIfNull(details);
        return details.Category switch
        {
            ExchangeErrorCategory.Authentication => new ExchangeAuthenticationException(details, innerException),
            ExchangeErrorCategory.TimestampExpired => new ExchangeTimestampException(details, innerException),
            ExchangeErrorCategory.Permission => new ExchangePermissionException(details, innerException),
            ExchangeErrorCategory.RateLimited => new ExchangeRateLimitException(details, innerException),
            ExchangeErrorCategory.ServerError => new ExchangeServerException(details, innerException),
            ExchangeErrorCategory.InvalidResponse => new ExchangeResponseException(details, innerException),
            ExchangeErrorCategory.Network => new ExchangeNetworkException(details, innerException),
            _ => new ExchangeApiException(details, innerException),
        };
    }

    private static string CategoryText(ExchangeErrorCategory category) => category switch
    {
        ExchangeErrorCategory.Authentication => "the exchange rejected the key, the signature or the passphrase",
        ExchangeErrorCategory.TimestampExpired => "the exchange rejected the request's timestamp (clock skew)",
        ExchangeErrorCategory.Permission => "the key lacks a permission, or the caller's IP is not allowed",
        ExchangeErrorCategory.RateLimited => "too many requests for this key",
        ExchangeErrorCategory.ServerError => "the exchange failed or is in maintenance",
        ExchangeErrorCategory.BadRequest => "the exchange refused the request as malformed",
        ExchangeErrorCategory.NotEnabled => "the account or feature is not enabled for this request",
        ExchangeErrorCategory.InvalidResponse => "the response is not the JSON the spec describes",
        ExchangeErrorCategory.Network => "the exchange could not be reached",
        ExchangeErrorCategory.AccountNotFound => "the account does not exist",
        _ => "the exchange reported an error the library does not classify",
    };

    private static string Describe(ExchangeErrorDetails d)
    {
        var text = new StringBuilder();
        text.Append(d.Exchange);
        if (d.RequestMethod is not null || d.RequestPath is not null)
        {
            text.Append(' ').Append(d.RequestMethod).Append(' ').Append(d.RequestPath);
        }

        if (d.SubAccountId is not null)
        {
            text.Append(" for sub-account ").Append(d.SubAccountId);
        }

        text.Append(" failed");
        var parts = new List<string>();
        if (d.HttpStatus is int status)
        {
            parts.Add("HTTP " + status.ToString(CultureInfo.InvariantCulture));
        }

        if (d.ExchangeCode is not null)
        {
            parts.Add("code " + d.ExchangeCode);
        }

        if (parts.Count > 0)
        {
            text.Append(" (").Append(string.Join(", ", parts)).Append(')');
        }

        text.Append(": ").Append(d.Description ?? CategoryText(d.Category));
        if (d.ExchangeMessage is not null)
        {
            text.Append(". ").Append(d.Exchange).Append(" said: \"").Append(d.ExchangeMessage).Append('"');
        }
        if (d.FieldPath is not null)
        {
            text.Append(" [field ").Append(d.FieldPath).Append(']');
        }

        if (d.BodyPreview is not null)
        {
            text.Append(" Body starts: ").Append(d.BodyPreview);
        }

        return text.ToString();
    }
}

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

/// <summary>The exchange failed (HTTP 5xx) or is in maintenance (Bitget 40200).</summary>
public class ExchangeServerException : ExchangeApiException
{
    /// <inheritdoc />
    public ExchangeServerException(ExchangeErrorDetails details, Exception? innerException = null) : base(details, innerException) { }

    /// <inheritdoc />
    public ExchangeServerException() { }

    /// <inheritdoc />
    public ExchangeServerException(string message) : base(message) { }

    /// <inheritdoc />
    public ExchangeServerException(string message, Exception? innerException) : base(message, innerException) { }
}

/// <summary>
/// The response was not what the spec describes: not JSON (an HTML page from a proxy), empty, truncated,
/// a field of the wrong type or out of range (<see cref="ExchangeErrorDetails.FieldPath"/> names it), or too large.
/// </summary>
public class ExchangeResponseException : ExchangeApiException
{
    /// <inheritdoc />
    public ExchangeResponseException(ExchangeErrorDetails details, Exception? innerException = null) : base(details, innerException) { }

    /// <inheritdoc />
    public ExchangeResponseException() { }

    /// <inheritdoc />
    public ExchangeResponseException(string message) : base(message) { }

    /// <inheritdoc />
    public ExchangeResponseException(string message, Exception? innerException) : base(message, innerException) { }

    /// <summary>The JSON path of the offending field, when one field was at fault.</summary>
    public string? FieldPath => Details.FieldPath;

    /// <summary>The first characters of the body, for diagnosis.</summary>
    public string? BodyPreview => Details.BodyPreview;
}

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

/// <summary>The facts of one failed call; what an <see cref="ExchangeApiException"/> carries.</summary>
public sealed record ExchangeErrorDetails
{
    /// <summary>"Bitget" or "HTX".</summary>
    public required string Exchange { get; init; }

    /// <summary>The kind of failure.</summary>
    public ExchangeErrorCategory Category { get; init; }

    /// <summary>HTTP status, when a response arrived.</summary>
    public int? HttpStatus { get; init; }

    /// <summary>The exchange's error code.</summary>
    public string? ExchangeCode { get; init; }

    /// <summary>The exchange's own error message, as sent; null when it sent none.</summary>
    public string? ExchangeMessage { get; init; }

    /// <summary>The library's explanation of the failure (what went wrong, what to check); null to use the category's.</summary>
    public string? Description { get; init; }

    /// <summary>HTTP method.</summary>
    public string? RequestMethod { get; init; }

    /// <summary>Request path without the query string.</summary>
    public string? RequestPath { get; init; }

    /// <summary>The exchange's time stamp of the response.</summary>
    public DateTimeOffset? ExchangeTime { get; init; }

    /// <summary>The wait the exchange asked for (<c>Retry-After</c>).</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>JSON path of the field at fault, for invalid responses.</summary>
    public string? FieldPath { get; init; }

    /// <summary>The sub-account the request was about (HTX's <c>sub_uid</c>), when it was about one.</summary>
    public string? SubAccountId { get; init; }

    /// <summary>The first few hundred characters of the response body, for invalid responses.</summary>
    public string? BodyPreview { get; init; }
}
