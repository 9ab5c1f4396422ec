namespace GeneratedClients.Simulator;

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
