namespace GeneratedClients.Simulator;

/// <summary>What an injected fault does to a request.</summary>
public enum SimulatorFaultKind
{
    /// <summary>Waits <see cref="SimulatorFault.Latency"/> (real time), then answers normally.</summary>
    Latency = 0,

    /// <summary>Answers <see cref="SimulatorFault.StatusCode"/> (503 by default) with the exchange's JSON error envelope, or an HTML page when <see cref="SimulatorFault.HtmlBody"/>.</summary>
    ServerError,

    /// <summary>Answers an HTML error page, as a proxy or CDN in front of the exchange would; status <see cref="SimulatorFault.StatusCode"/> (403 by default).</summary>
    HtmlErrorPage,

    /// <summary>Answers the normal status and JSON, cut after half its bytes (a complete HTTP message whose JSON ends early).</summary>
    TruncatedJson,

    /// <summary>Answers the normal status with a JSON body whose syntax is broken (the first <c>:</c> becomes <c>=</c>).</summary>
    MalformedJson,

    /// <summary>Aborts the connection without an answer (<c>HttpContext.Abort()</c>): the client sees a reset.</summary>
    ConnectionReset,

    /// <summary>Answers 200 and the start of a JSON envelope, then writes whitespace slowly until the client goes away.</summary>
    EndlessBody,

    /// <summary>
    /// Answers the exchange's own error envelope with <see cref="SimulatorFault.ErrorCode"/> and
    /// <see cref="SimulatorFault.ErrorMessage"/>: a refusal the simulator does not model otherwise, such as a key that lacks
    /// a permission (Bitget 40014, which Bitget sends on HTTP 403) or an IP that is not allowed (40018). Bitget's envelope
    /// comes on <see cref="SimulatorFault.StatusCode"/> (400 when 0); HTX's on 200 unless a status is given, as HTX does.
    /// </summary>
    ExchangeError,
}
