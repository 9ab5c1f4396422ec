using System.Globalization;

namespace GeneratedClients.Simulator;

/// <summary>
/// A fault to inject, queued with <see cref="SimulatorFaults.Enqueue"/>: it applies to the next
/// <see cref="Count"/> requests of <see cref="Endpoint"/>. The same faults can be asked for per request
/// with the <c>X-Sim-Fault</c> header; see <see cref="Parse"/> for its syntax.
/// </summary>
/// <remarks>
/// A faulted request is logged and counted as <see cref="SimulatorCounters.FaultsInjected"/>, and its
/// signature is still checked (so tests can see it in <see cref="SimulatorRequestRecord.SignatureValid"/>),
/// but it uses no rate-limit permit: the fault stands for a failure in front of the exchange. A
/// <see cref="SimulatorFaultKind.Latency"/> fault is the exception: after the delay the request is handled
/// (and counted) normally.
/// </remarks>
/// <param name="Kind">What the fault does.</param>
/// <param name="Endpoint">Which endpoint's requests it applies to; <see cref="SimulatorEndpoint.Any"/> for any.</param>
/// <param name="Count">How many requests it applies to; at least 1.</param>
public sealed record SimulatorFault(SimulatorFaultKind Kind, SimulatorEndpoint Endpoint = SimulatorEndpoint.Any, int Count = 1)
{
    /// <summary>The name of the request header that asks for a fault.</summary>
    public const string HeaderName = "X-Sim-Fault";

    /// <summary>The delay of a <see cref="SimulatorFaultKind.Latency"/> fault. 1 s by default.</summary>
    public TimeSpan Latency { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The HTTP status of <see cref="SimulatorFaultKind.ServerError"/> (503 when 0), <see cref="SimulatorFaultKind.HtmlErrorPage"/>
    /// (403 when 0) and <see cref="SimulatorFaultKind.ExchangeError"/> (Bitget 400, HTX 200 when 0).
    /// </summary>
    public int StatusCode { get; init; }

    /// <summary>For <see cref="SimulatorFaultKind.ExchangeError"/>: the exchange's error code, digits only (Bitget <c>"40014"</c>, HTX <c>1220</c>).</summary>
    public string? ErrorCode { get; init; }

    /// <summary>For <see cref="SimulatorFaultKind.ExchangeError"/>: the exchange's message. "Simulated error" by default.</summary>
    public string ErrorMessage { get; init; } = "Simulated error";

    /// <summary>For <see cref="SimulatorFaultKind.ServerError"/>: an HTML page instead of the JSON envelope.</summary>
    public bool HtmlBody { get; init; }

    /// <summary>For <see cref="SimulatorFaultKind.EndlessBody"/>: the pause between two writes. 100 ms by default.</summary>
    public TimeSpan EndlessInterval { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>For <see cref="SimulatorFaultKind.EndlessBody"/>: the longest the body goes on if the client never leaves. 2 min by default.</summary>
    public TimeSpan EndlessLimit { get; init; } = TimeSpan.FromMinutes(2);

    internal int EffectiveStatus => StatusCode != 0 ? StatusCode : Kind == SimulatorFaultKind.HtmlErrorPage ? 403 : 503;

    /// <summary>Whether <see cref="ErrorCode"/> is one the exchanges could send: 1 to 9 ASCII digits.</summary>
    internal bool HasValidErrorCode => ErrorCode is { Length: > 0 and <= 9 } code && code.All(char.IsAsciiDigit);

    /// <summary>
    /// Reads the value of an <c>X-Sim-Fault</c> header. The syntax is one fault name with an optional
    /// <c>=value</c>, then optional <c>;</c>-separated modifiers:
    /// <list type="bullet">
    /// <item><c>latency=1500</c>: wait 1500 ms, then answer normally.</item>
    /// <item><c>status=503</c> (or <c>5xx</c>): answer that status with the exchange's JSON error envelope; add <c>;body=html</c> for an HTML page.</item>
    /// <item><c>html</c> or <c>html=502</c>: an HTML error page from a "proxy", 403 unless a status is given.</item>
    /// <item><c>truncated</c>: the normal JSON cut in half.</item>
    /// <item><c>malformed</c>: JSON with broken syntax.</item>
    /// <item><c>reset</c>: abort the connection.</item>
    /// <item><c>endless</c> or <c>endless=50</c>: a body that never ends, one write every 50 ms (100 by default).</item>
    /// <item><c>error=40014</c>: the exchange's error envelope with that code; add <c>;status=403</c> for another HTTP status.</item>
    /// </list>
    /// Names are compared ignoring case. The fault applies to that request only.
    /// </summary>
    /// <param name="header">The header value.</param>
    /// <returns>The fault.</returns>
    /// <exception cref="FormatException">The value does not follow the syntax.</exception>
    public static SimulatorFault Parse(string header)
    {
        ArgumentNullException.ThrowIfNull(header);
        var parts = header.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0)
        {
            throw new FormatException("X-Sim-Fault is empty.");
        }

        var (name, value) = Split(parts[0]);
        var html = false;
        int? status = null;
        foreach (var modifier in parts.Skip(1))
        {
            var (key, setting) = Split(modifier);
            if (key == "body" && setting?.ToUpperInvariant() == "HTML")
            {
                html = true;
            }
            else if (key == "status" && name == "error")
            {
                status = Status(setting, 400);
            }
            else
            {
                throw new FormatException($"X-Sim-Fault: unknown modifier '{modifier}'.");
            }
        }

        return name switch
        {
            "latency" or "delay" => new(SimulatorFaultKind.Latency) { Latency = TimeSpan.FromMilliseconds(Number(value, 1000)) },
            "status" or "5xx" => new(SimulatorFaultKind.ServerError) { StatusCode = Status(value, 503), HtmlBody = html },
            "html" => new(SimulatorFaultKind.HtmlErrorPage) { StatusCode = Status(value, 403) },
            "truncated" => new(SimulatorFaultKind.TruncatedJson),
            "malformed" => new(SimulatorFaultKind.MalformedJson),
            "reset" or "abort" => new(SimulatorFaultKind.ConnectionReset),
            "endless" => new(SimulatorFaultKind.EndlessBody) { EndlessInterval = TimeSpan.FromMilliseconds(Number(value, 100)) },
            "error" => new SimulatorFault(SimulatorFaultKind.ExchangeError) { ErrorCode = value, StatusCode = status ?? 0 } is { HasValidErrorCode: true } error
                ? error
                : throw new FormatException($"X-Sim-Fault: '{value}' is not an exchange error code (digits)."),
            _ => throw new FormatException($"X-Sim-Fault: unknown fault '{parts[0]}'."),
        };

        static (string Name, string? Value) Split(string part)
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            return equals < 0
                ? (part.Trim().ToLowerInvariant(), null)
                : (part[..equals].Trim().ToLowerInvariant(), part[(equals + 1)..].Trim());
        }

        static int Number(string? text, int fallback) =>
            text is null ? fallback
            : int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 0 and <= 600_000 ? n
            : throw new FormatException($"X-Sim-Fault: '{text}' is not a number of milliseconds (0 to 600000).");

        static int Status(string? text, int fallback) =>
            text is null ? fallback
            : int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 100 and <= 599 ? n
            : throw new FormatException($"X-Sim-Fault: '{text}' is not an HTTP status.");
    }
}
