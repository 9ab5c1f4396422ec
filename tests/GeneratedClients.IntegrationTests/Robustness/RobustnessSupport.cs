using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace GeneratedClients.IntegrationTests.Robustness;

/// <summary>
/// The figures the simulator robustness tests measured (faults survived, attempts, cancellation latencies,
/// connections), written to <c>robustness-figures.json</c> beside the test assembly. Each test records its own
/// section; the file starts empty in each test process.
/// </summary>
internal static class RobustnessFigures
{
    private static readonly Lock Gate = new();
    private static readonly JsonObject Sections = new();

    public static string FilePath => Path.Combine(AppContext.BaseDirectory, "robustness-figures.json");

    public static void Record(string section, IReadOnlyDictionary<string, object?> figures)
    {
        var node = new JsonObject();
        foreach (var (name, value) in figures)
        {
            node[name] = JsonSerializer.SerializeToNode(value);
        }

        lock (Gate)
        {
            Sections[section] = node;
            Sections["project"] = "GeneratedClients.IntegrationTests";
            Sections["writtenAtUtc"] = DateTimeOffset.UtcNow.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
            File.WriteAllText(FilePath, Sections.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        }
    }
}

/// <summary>An HTTP handler over real sockets that counts the TCP connections it opens.</summary>
internal sealed class CountingSocketsHandler : DelegatingHandler
{
    private int _connections;

    public CountingSocketsHandler()
    {
        InnerHandler = new SocketsHttpHandler
        {
            ConnectCallback = async (context, token) =>
            {
                Interlocked.Increment(ref _connections);
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    await socket.ConnectAsync(context.DnsEndPoint, token);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
    }

    public int Connections => Volatile.Read(ref _connections);
}

/// <summary>
/// Stands for a gateway in front of the exchange that adds <c>Retry-After</c> to rate-limit answers (the simulator
/// itself never sends one): HTTP 429, and HTX's 1032 inside an HTTP 200.
/// </summary>
internal sealed class RetryAfterHandler(TimeSpan retryAfter) : DelegatingHandler(new HttpClientHandler())
{
    private int _added;

    public int Added => Volatile.Read(ref _added);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        var limited = response.StatusCode == HttpStatusCode.TooManyRequests;
        if (!limited && response.StatusCode == HttpStatusCode.OK && request.RequestUri!.AbsolutePath.Contains("swap_cross", StringComparison.Ordinal))
        {
            await response.Content.LoadIntoBufferAsync(cancellationToken);
            limited = (await response.Content.ReadAsStringAsync(cancellationToken)).Contains("\"err_code\":1032", StringComparison.Ordinal);
        }

        if (limited)
        {
            response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(retryAfter);
            Interlocked.Increment(ref _added);
        }

        return response;
    }
}
