namespace GeneratedClients;

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
