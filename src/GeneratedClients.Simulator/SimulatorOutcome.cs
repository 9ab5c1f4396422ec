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
