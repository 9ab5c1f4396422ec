namespace GeneratedClients.Simulator;

/// <summary>One request as the simulator saw it. Never holds a secret (the key is an identifier, not a secret).</summary>
public sealed record SimulatorRequestRecord
{
    /// <summary>1 for the first request the host received, then one more per request.</summary>
    public long Sequence { get; init; }

    /// <summary>The endpoint.</summary>
    public SimulatorEndpoint Endpoint { get; init; }

    /// <summary>The HTTP method.</summary>
    public required string Method { get; init; }

    /// <summary>The path, without the query (which holds HTX's signature).</summary>
    public required string Path { get; init; }

    /// <summary>The simulated exchange's time when the request arrived (host clock plus offset).</summary>
    public DateTimeOffset ReceivedAt { get; init; }

    /// <summary>The API key or access key the request was signed with, when it named one.</summary>
    public string? Key { get; init; }

    /// <summary>The signed timestamp as sent (Bitget ACCESS-TIMESTAMP, HTX Timestamp), when present.</summary>
    public string? SignedTimestamp { get; init; }

    /// <summary>The signed timestamp read as a time, when it could be read.</summary>
    public DateTimeOffset? SignedAt { get; init; }

    /// <summary>Whether the signature verified against the known secret; null when it was not checked (public endpoint, unknown key, missing parts).</summary>
    public bool? SignatureValid { get; init; }

    /// <summary>How the request was answered.</summary>
    public SimulatorOutcome Outcome { get; init; }

    /// <summary>The HTTP status sent; 0 when the connection was aborted first.</summary>
    public int HttpStatus { get; init; }

    /// <summary>The exchange's error code sent (Bitget <c>"40009"</c>, HTX <c>"1032"</c>), when the answer was an error envelope.</summary>
    public string? ErrorCode { get; init; }

    /// <summary>The fault injected, when there was one.</summary>
    public SimulatorFaultKind? Fault { get; init; }
}
