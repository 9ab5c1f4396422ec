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

    /// <summary>
    /// The shared rate limiter could not be consulted (the Redis that holds the limit of every process on the key did not
    /// answer in time), so the request was not sent. Not transient: the client does not retry it, so the call fails within
    /// the limiter's operation timeout. The inner exception is the cause (the Redis client's own).
    /// </summary>
    RateLimiterUnavailable,
}
