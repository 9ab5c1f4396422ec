using System.Globalization;
using System.Text;

namespace GeneratedClients;

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

    /// <summary>
    /// True for failures that may succeed when the same request is sent again shortly, which the client's retries retry:
    /// RateLimited, ServerError and Network. Not RateLimiterUnavailable: a call whose shared rate limiter cannot be
    /// consulted fails at once rather than wait for the limiter again on every retry.
    /// </summary>
    public bool IsTransient => Category is ExchangeErrorCategory.RateLimited or ExchangeErrorCategory.ServerError or ExchangeErrorCategory.Network;

    /// <summary>The same failure with details completed by the layer that knows more (the sub-account, the exchange's name).</summary>
    internal ExchangeApiException WithDetails(ExchangeErrorDetails details) => Create(details, InnerException);

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
        ExchangeErrorCategory.RateLimiterUnavailable => "the shared rate limiter could not be consulted, so the request was not sent",
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
