using System.Net;
using System.Net.Http.Headers;
using System.Reflection;
using GeneratedClients.Bitget;
using GeneratedClients.Htx;
using Newtonsoft.Json;

namespace GeneratedClients.Benchmarks;

/// <summary>
/// An exchange in memory: every request is answered at once with HTTP 200 and the same body bytes, so a
/// benchmark measures the client (request building, signing, response reading, JSON, unwrapping) and not
/// a network. The body is a fresh <see cref="ByteArrayContent"/> over the shared bytes each time
/// (Content-Length set, as a server that does not chunk would send it).
/// </summary>
public sealed class InMemoryHandler(byte[] body) : HttpMessageHandler
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");

    /// <inheritdoc />
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = Json;
        return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = content, RequestMessage = request });
    }
}

/// <summary>Clients and baselines wired to an <see cref="InMemoryHandler"/>.</summary>
public static class InMemoryExchange
{
    /// <summary>Made-up credentials (the in-memory exchange checks nothing).</summary>
    public static BitgetCredentials BitgetCredentials { get; } = new("bg_bench_0123456789abcdef", "bench-bitget-secret-0123456789abcdef0123456789", "bench-passphrase");

    /// <summary>Made-up HTX credentials.</summary>
    public static HtxCredentials HtxCredentials { get; } = new("htx-bench-access-0123456789", "htx-bench-secret-0123456789abcdef");

    /// <summary>The relative URL of the Bitget call, as the client sends it.</summary>
    public const string BitgetPath = "api/v2/mix/account/sub-account-assets?productType=USDT-FUTURES";

    /// <summary>The relative URL of the HTX call (the client adds the signed query).</summary>
    public const string HtxPath = "linear-swap-api/v1/swap_cross_sub_account_info";

    /// <summary>An HttpClient over the in-memory exchange for <paramref name="body"/>.</summary>
    public static HttpClient Http(byte[] body, Uri baseAddress) => new(new InMemoryHandler(body)) { BaseAddress = baseAddress };

    /// <summary>The plain Bitget client (no limiter, retries or clock sync), as in the README's getting started.</summary>
    public static BitgetClient Bitget(HttpClient http) => new(http, BitgetCredentials);

    /// <summary>The plain HTX client.</summary>
    public static HtxClient Htx(HttpClient http) => new(http, HtxCredentials);

    /// <summary>
    /// What the generated transport does with a 200 body: the models' own wire reader (the library's internal
    /// <c>WireResponse</c>, reached by reflection once so the benchmark runs exactly the library's reader).
    /// </summary>
    public static Func<Stream, object> ReadModels(bool bitget)
    {
        var model = bitget ? typeof(BitgetSubAccountAssetsResponse) : typeof(HtxCrossSubAccountInfoResponse);
        var read = typeof(BitgetClient).Assembly.GetType("GeneratedClients.Json.WireResponse", throwOnError: true)!
            .GetMethod("Read", BindingFlags.Public | BindingFlags.Static)!.MakeGenericMethod(model);
        return body =>
        {
            object?[] arguments = [body, null];
            return read.Invoke(null, arguments)!;
        };
    }
}
