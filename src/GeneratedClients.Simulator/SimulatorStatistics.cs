using System.Collections.Concurrent;

namespace GeneratedClients.Simulator;

/// <summary>How the simulator answered a request.</summary>
public enum SimulatorOutcome
{
    /// <summary>Answered normally (data or server time).</summary>
    Served = 0,

    /// <summary>The signature did not verify (Bitget 40009; HTX 403 "Verification failure").</summary>
    BadSignature,

    /// <summary>A signing header or parameter was missing, the key unknown or the passphrase wrong.</summary>
    AuthenticationFailed,

    /// <summary>The signed timestamp was outside the window (Bitget 40008; HTX 1253).</summary>
    TimestampExpired,

    /// <summary>Over the rate limit (Bitget HTTP 429; HTX 1032).</summary>
    RateLimited,

    /// <summary>A missing or invalid parameter (Bitget 40019/40020; HTX 1014).</summary>
    BadRequest,

    /// <summary>HTX: the sub-account does not exist (1010).</summary>
    UnknownAccount,

    /// <summary>An injected fault answered instead (<see cref="SimulatorRequestRecord.Fault"/> says which).</summary>
    Fault,

    /// <summary>The client went away (or the host stopped) before the answer was complete.</summary>
    Aborted,
}

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

/// <summary>Counters of one simulated exchange. Thread-safe; read them at any time.</summary>
public sealed class SimulatorCounters
{
    private long _received;
    private long _served;
    private long _rateLimited;
    private long _badSignatures;
    private long _authenticationFailures;
    private long _timestampRejections;
    private long _badRequests;
    private long _faultsInjected;

    /// <summary>Requests received on this exchange's endpoints.</summary>
    public long Received => Interlocked.Read(ref _received);

    /// <summary>Requests answered normally (data or server time).</summary>
    public long Served => Interlocked.Read(ref _served);

    /// <summary>Requests refused by the rate limit (Bitget 429, HTX 1032).</summary>
    public long RateLimited => Interlocked.Read(ref _rateLimited);

    /// <summary>Requests whose signature did not verify.</summary>
    public long BadSignatures => Interlocked.Read(ref _badSignatures);

    /// <summary>Requests refused for a missing signing part, an unknown key or a wrong passphrase.</summary>
    public long AuthenticationFailures => Interlocked.Read(ref _authenticationFailures);

    /// <summary>Requests refused for a signed timestamp outside the window.</summary>
    public long TimestampRejections => Interlocked.Read(ref _timestampRejections);

    /// <summary>Requests refused for a missing or invalid parameter, or an unknown sub-account.</summary>
    public long BadRequests => Interlocked.Read(ref _badRequests);

    /// <summary>Requests answered by an injected fault (latency faults not included: those are answered normally).</summary>
    public long FaultsInjected => Interlocked.Read(ref _faultsInjected);

    internal void CountReceived() => Interlocked.Increment(ref _received);

    internal void Count(SimulatorOutcome outcome)
    {
        switch (outcome)
        {
            case SimulatorOutcome.Served: Interlocked.Increment(ref _served); break;
            case SimulatorOutcome.RateLimited: Interlocked.Increment(ref _rateLimited); break;
            case SimulatorOutcome.BadSignature: Interlocked.Increment(ref _badSignatures); break;
            case SimulatorOutcome.AuthenticationFailed: Interlocked.Increment(ref _authenticationFailures); break;
            case SimulatorOutcome.TimestampExpired: Interlocked.Increment(ref _timestampRejections); break;
            case SimulatorOutcome.BadRequest or SimulatorOutcome.UnknownAccount: Interlocked.Increment(ref _badRequests); break;
            case SimulatorOutcome.Fault: Interlocked.Increment(ref _faultsInjected); break;
            default: break;
        }
    }

    internal void Reset()
    {
        Interlocked.Exchange(ref _received, 0);
        Interlocked.Exchange(ref _served, 0);
        Interlocked.Exchange(ref _rateLimited, 0);
        Interlocked.Exchange(ref _badSignatures, 0);
        Interlocked.Exchange(ref _authenticationFailures, 0);
        Interlocked.Exchange(ref _timestampRejections, 0);
        Interlocked.Exchange(ref _badRequests, 0);
        Interlocked.Exchange(ref _faultsInjected, 0);
    }
}

/// <summary>What the simulator has seen: counters per exchange and a log of recent requests.</summary>
public sealed class SimulatorStatistics
{
    private readonly ConcurrentQueue<SimulatorRequestRecord> _log = new();
    private readonly int _capacity;
    private long _sequence;

    internal SimulatorStatistics(int capacity) => _capacity = capacity;

    /// <summary>Bitget's counters.</summary>
    public SimulatorCounters Bitget { get; } = new();

    /// <summary>HTX's counters.</summary>
    public SimulatorCounters Htx { get; } = new();

    /// <summary>Requests received on both exchanges.</summary>
    public long Received => Bitget.Received + Htx.Received;

    /// <summary>Requests answered normally on both exchanges.</summary>
    public long Served => Bitget.Served + Htx.Served;

    /// <summary>Requests refused by a rate limit on both exchanges.</summary>
    public long RateLimited => Bitget.RateLimited + Htx.RateLimited;

    /// <summary>Requests with a signature that did not verify, on both exchanges.</summary>
    public long BadSignatures => Bitget.BadSignatures + Htx.BadSignatures;

    /// <summary>The most recent requests, oldest first, each recorded once it has been answered.</summary>
    public IReadOnlyList<SimulatorRequestRecord> Requests => [.. _log.OrderBy(r => r.Sequence)];

    /// <summary>The recorded requests to one endpoint, oldest first.</summary>
    /// <param name="endpoint">The endpoint.</param>
    /// <returns>The requests.</returns>
    public IReadOnlyList<SimulatorRequestRecord> RequestsTo(SimulatorEndpoint endpoint) => [.. Requests.Where(r => r.Endpoint == endpoint)];

    /// <summary>Sets every counter to zero and forgets the logged requests.</summary>
    public void Reset()
    {
        Bitget.Reset();
        Htx.Reset();
        _log.Clear();
    }

    internal SimulatorCounters For(SimulatorEndpoint endpoint) =>
        endpoint.IsHtx() ? Htx : Bitget;

    internal long NextSequence() => Interlocked.Increment(ref _sequence);

    internal void Record(SimulatorRequestRecord record)
    {
        _log.Enqueue(record);
        while (_log.Count > _capacity && _log.TryDequeue(out _))
        {
        }
    }
}
