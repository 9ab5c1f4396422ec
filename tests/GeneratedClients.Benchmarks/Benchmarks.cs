using BenchmarkDotNet.Attributes;
using GeneratedClients.Bitget;
using GeneratedClients.Htx;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace GeneratedClients.Benchmarks;

/// <summary>1. One request signature per exchange, through the public signers.</summary>
[MemoryDiagnoser]
public class SigningBenchmarks
{
    private static readonly DateTimeOffset Time = new(2024, 6, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Bitget's ACCESS-SIGN for the sub-account-assets GET (prehash, HMAC-SHA256, Base64).</summary>
    [Benchmark]
    public string BitgetSignature() => BitgetSigner.ComputeSignature(
        InMemoryExchange.BitgetCredentials, Time.ToUnixTimeMilliseconds(), "GET", "/api/v2/mix/account/sub-account-assets", "productType=USDT-FUTURES", null);

    /// <summary>HTX's whole signed query for the cross-sub-account POST (sorting, encoding, HMAC-SHA256, Base64, URL-encoding).</summary>
    [Benchmark]
    public string HtxSignedQuery() => HtxSigner.BuildSignedQuery(
        InMemoryExchange.HtxCredentials, "POST", "api.hbdm.com", "/linear-swap-api/v1/swap_cross_sub_account_info", Time);
}

/// <summary>
/// 2. Reading a response into the client's models, against a source-generated System.Text.Json baseline
/// (the Ratio column) and Newtonsoft's JToken.Parse.
/// </summary>
[MemoryDiagnoser]
public class DeserializationBenchmarks
{
    private byte[] _body = [];
    private string _text = "";
    private HttpClient? _http;
    private BitgetClient? _bitget;
    private HtxClient? _htx;
    private Func<Stream, object>? _readModels;

    /// <summary>The response body.</summary>
    [Params(Payload.BitgetSeed, Payload.Bitget100, Payload.Bitget2000, Payload.Htx600)]
    public Payload Payload { get; set; }

    /// <summary>Builds the body and the clients once per payload.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _body = Payloads.Get(Payload);
        _text = System.Text.Encoding.UTF8.GetString(_body);
        _http = InMemoryExchange.Http(_body, Payloads.IsBitget(Payload) ? BitgetClient.ProductionAddress : HtxClient.ProductionAddress);
        _bitget = InMemoryExchange.Bitget(_http);
        _htx = InMemoryExchange.Htx(_http);
        _readModels = InMemoryExchange.ReadModels(Payloads.IsBitget(Payload));
    }

    /// <summary>Releases the HttpClient.</summary>
    [GlobalCleanup]
    public void Cleanup() => _http?.Dispose();

    /// <summary>The baseline: the bytes into hand-written models with a source-generated System.Text.Json serializer.</summary>
    [Benchmark(Baseline = true, Description = "STJ source-gen")]
    public object SystemTextJson() => Payloads.IsBitget(Payload) ? StjBaseline.Bitget(_body) : StjBaseline.Htx(_body);

    /// <summary>
    /// What users run: the plain client's call over the in-memory handler. Request, signature, response
    /// reading (bounded, streamed), Newtonsoft with the library's converters and quirk fixes, unwrapping.
    /// </summary>
    [Benchmark(Description = "client call")]
    public async Task<object> Client() => Payloads.IsBitget(Payload)
        ? await _bitget!.GetSubAccountAssetsAsync(BitgetProductType.UsdtFutures).ConfigureAwait(false)
        : await _htx!.GetCrossSubAccountInfoAsync(123_456, "USDT").ConfigureAwait(false);

    /// <summary>
    /// The models alone: what the generated transport does with a 200 body (the models' tolerant wire reader over
    /// Newtonsoft's JsonTextReader, deviations recorded), from a MemoryStream over the bytes.
    /// </summary>
    [Benchmark(Description = "client models only")]
    public object? NewtonsoftModels()
    {
        using var stream = new MemoryStream(_body, writable: false);
        return _readModels!(stream);
    }

    /// <summary>Newtonsoft's untyped DOM from the body already decoded to a string.</summary>
    [Benchmark(Description = "JToken.Parse")]
    public JToken NewtonsoftDom() => JToken.Parse(_text);
}

/// <summary>
/// 3. A whole call through the client against a raw HttpClient request plus JsonConvert.DeserializeObject
/// of the same response into the same model types, both over the same in-memory handler.
/// </summary>
[MemoryDiagnoser]
public class WholeCallBenchmarks
{
    private static readonly System.Net.Http.Headers.MediaTypeHeaderValue JsonType = new("application/json");

    private HttpClient? _http;
    private BitgetClient? _bitget;
    private HtxClient? _htx;

    /// <summary>The response body.</summary>
    [Params(Payload.BitgetSeed, Payload.Bitget2000, Payload.Htx600)]
    public Payload Payload { get; set; }

    /// <summary>Builds the clients once per payload.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var body = Payloads.Get(Payload);
        _http = InMemoryExchange.Http(body, Payloads.IsBitget(Payload) ? BitgetClient.ProductionAddress : HtxClient.ProductionAddress);
        _bitget = InMemoryExchange.Bitget(_http);
        _htx = InMemoryExchange.Htx(_http);
    }

    /// <summary>Releases the HttpClient.</summary>
    [GlobalCleanup]
    public void Cleanup() => _http?.Dispose();

    /// <summary>
    /// The baseline: the request a hand-rolled caller would send (unsigned; a POST with the same JSON body for HTX),
    /// the body read as a string, JsonConvert.DeserializeObject with default settings.
    /// </summary>
    [Benchmark(Baseline = true, Description = "raw HttpClient + JsonConvert")]
    public async Task<object?> Raw()
    {
        if (Payloads.IsBitget(Payload))
        {
            var text = await _http!.GetStringAsync(new Uri(InMemoryExchange.BitgetPath, UriKind.Relative)).ConfigureAwait(false);
            return JsonConvert.DeserializeObject<BitgetSubAccountAssetsResponse>(text);
        }

        using var content = new StringContent("{\"sub_uid\":123456,\"margin_account\":\"USDT\"}");
        content.Headers.ContentType = JsonType;
        using var response = await _http!.PostAsync(new Uri(InMemoryExchange.HtxPath, UriKind.Relative), content).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
        return JsonConvert.DeserializeObject<HtxCrossSubAccountInfoResponse>(body);
    }

    /// <summary>The plain client's call: signed, bounded, typed errors, quirk fixes, unwrapped result.</summary>
    [Benchmark(Description = "client call")]
    public async Task<object> Client() => Payloads.IsBitget(Payload)
        ? await _bitget!.GetSubAccountAssetsAsync(BitgetProductType.UsdtFutures).ConfigureAwait(false)
        : await _htx!.GetCrossSubAccountInfoAsync(123_456, "USDT").ConfigureAwait(false);
}
