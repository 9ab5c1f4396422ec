using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace GeneratedClients.Simulator;

/// <summary>A request as the exchange sees it: the raw target, host and body, and what its signature check found.</summary>
internal sealed class SimRequest
{
    private const int MaxBodyBytes = 64 * 1024;

    private SimRequest(HttpContext http, SimulatorEndpoint endpoint, DateTimeOffset receivedAt, byte[] body, bool bodyTooLarge)
    {
        Http = http;
        Endpoint = endpoint;
        ReceivedAt = receivedAt;
        Method = http.Request.Method;

        // The raw request target, byte for byte as sent (not the decoded Path/Query ASP.NET Core offers).
        var target = http.Features.Get<IHttpRequestFeature>()?.RawTarget ?? (http.Request.Path + http.Request.QueryString).ToString();
        var question = target.IndexOf('?', StringComparison.Ordinal);
        Path = question < 0 ? target : target[..question];
        RawQuery = question < 0 ? string.Empty : target[(question + 1)..];
        Host = http.Request.Host.Host.ToLowerInvariant();
        Body = body;
        BodyTooLarge = bodyTooLarge;
    }

    public HttpContext Http { get; }

    public SimulatorEndpoint Endpoint { get; }

    public DateTimeOffset ReceivedAt { get; }

    public string Method { get; }

    /// <summary>The path as sent (raw).</summary>
    public string Path { get; }

    /// <summary>The query string as sent, without the '?' (empty when there is none).</summary>
    public string RawQuery { get; }

    /// <summary>The host of the Host header, without the port, in lower case.</summary>
    public string Host { get; }

    public byte[] Body { get; }

    public bool BodyTooLarge { get; }

    public string? Key { get; set; }

    public string? SignedTimestamp { get; set; }

    public DateTimeOffset? SignedAt { get; set; }

    public bool? SignatureValid { get; set; }

    public string? Header(string name)
    {
        var values = Http.Request.Headers[name];
        return values.Count == 0 ? null : values.ToString();
    }

    public static async Task<SimRequest> ReadAsync(HttpContext http, SimulatorEndpoint endpoint, DateTimeOffset receivedAt, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[4096];
        var tooLarge = false;
        int read;
        while ((read = await http.Request.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                tooLarge = true;
                break;
            }

            buffer.Write(chunk, 0, read);
        }

        return new SimRequest(http, endpoint, receivedAt, buffer.ToArray(), tooLarge);
    }
}
