using System.Collections;
using System.Diagnostics;
using System.Net;
using GeneratedClients.Bitget;
using GeneratedClients.Htx;
using GeneratedClients.Tests.Support;
using RichardSzalay.MockHttp;

namespace GeneratedClients.Tests.Robustness;

/// <summary>What one call through the public client ended with.</summary>
internal sealed record CallOutcome(object? Value, Exception? Error, bool Hung, TimeSpan Elapsed, IReadOnlyList<string> Broken)
{
    public ExchangeApiException? Typed => Error as ExchangeApiException;

    /// <summary>A short description for tables and failure messages.</summary>
    public string Describe()
    {
        if (Hung)
        {
            return "HANG";
        }

        if (Error is null)
        {
            return Broken.Count == 0 ? "value" : "broken value: " + string.Join("; ", Broken);
        }

        return Error is ExchangeApiException typed
            ? $"{typed.GetType().Name}({typed.Category}) field={typed.Details.FieldPath ?? "-"}"
            : $"UNTYPED {Error.GetType().FullName}: {Error.Message}";
    }
}

/// <summary>
/// A MockHttp exchange that answers with whatever body the test sets, and the public clients pointed at
/// it. The asset samples go through the plain clients; the server-time samples through the options
/// clients' clock synchronisation (the asset endpoint then answers its normal sample).
/// </summary>
internal sealed class HostileServer : IDisposable
{
    public static readonly TimeSpan CallBound = TimeSpan.FromSeconds(10);

    private readonly MockHttpMessageHandler _handler = new();
    private readonly HttpClient _http;
    private readonly BitgetClient _bitget;
    private readonly HtxClient _htx;
    private (int Status, byte[] Body, string MediaType) _answer = (200, [], "application/json");
    private string? _timePath;
    private int _requests;

    public HostileServer()
    {
        _handler.When("*").Respond(request =>
        {
            Interlocked.Increment(ref _requests);
            var path = request.RequestUri!.AbsolutePath;
            var (status, body, mediaType) = _timePath is not null && path != _timePath
                ? (200, System.Text.Encoding.UTF8.GetBytes(path.Contains("swap_cross", StringComparison.Ordinal)
                    ? Samples.Read("htx", "getCrossSubAccountInfo.200.json")
                    : Samples.Read("bitget", "getSubAccountAssets.200.json")), "application/json")
                : _answer;
            var content = new ByteArrayContent(body);
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(mediaType);
            return new HttpResponseMessage((HttpStatusCode)status) { Content = content };
        });
        _http = new HttpClient(_handler);
        _bitget = new BitgetClient(_http, Fakes.Bitget(), TestTime.At(Fakes.BitgetTime));
        _htx = new HtxClient(_http, Fakes.Htx(), TestTime.At(Fakes.HtxTime));
    }

    public int Requests => Volatile.Read(ref _requests);

    /// <summary>Sends <paramref name="body"/> as the answer of the endpoint of <paramref name="sampleId"/> (<c>bitget/getSubAccountAssets.200.json</c>) and calls the client.</summary>
    public async Task<CallOutcome> CallAsync(string sampleId, int status, byte[] body, string mediaType = "application/json")
    {
        _answer = (status, body, mediaType);
        var operation = Path.GetFileName(sampleId).Split('.')[0];
        var exchange = sampleId.Split('/')[0];
        _timePath = operation switch
        {
            "getServerTime" => "/api/v2/public/time",
            "getServerTimestamp" => "/api/v1/timestamp",
            _ => null,
        };
        var clock = Stopwatch.StartNew();
        Task<object> call;
        try
        {
            call = (exchange, operation) switch
            {
                ("bitget", "getSubAccountAssets") => Box(_bitget.GetSubAccountAssetsAsync(BitgetProductType.UsdtFutures)),
                ("bitget", "getAccounts") => Box(_bitget.GetAccountsAsync(BitgetProductType.UsdtFutures)),
                ("htx", "getCrossSubAccountInfo") => Box(_htx.GetCrossSubAccountInfoAsync(123456, "USDT")),
                ("bitget", "getServerTime") => Box(new BitgetClient(_http, SyncingBitgetOptions()).GetSubAccountAssetsAsync(BitgetProductType.UsdtFutures)),
                ("htx", "getServerTimestamp") => Box(new HtxClient(_http, SyncingHtxOptions()).GetCrossSubAccountInfoAsync(123456, "USDT")),
                _ => throw new InvalidOperationException($"No client call for sample {sampleId}; add one here."),
            };
        }
#pragma warning disable CA1031 // Why: a synchronous throw from the call is an outcome to classify.
        catch (Exception error)
#pragma warning restore CA1031
        {
            return new CallOutcome(null, error, false, clock.Elapsed, []);
        }

        return await ObserveAsync(call, clock);
    }

    /// <summary>Awaits a call with a bound; reads every public property of a value it returns.</summary>
    public static async Task<CallOutcome> ObserveAsync(Task<object> call, Stopwatch clock)
    {
        try
        {
            var value = await call.WaitAsync(CallBound);
            return new CallOutcome(value, null, false, clock.Elapsed, ValueInspector.Inspect(value));
        }
        catch (TimeoutException) when (!call.IsCompleted)
        {
            return new CallOutcome(null, null, true, clock.Elapsed, []);
        }
#pragma warning disable CA1031 // Why: every exception is an outcome to classify.
        catch (Exception error)
#pragma warning restore CA1031
        {
            return new CallOutcome(null, error, false, clock.Elapsed, []);
        }
    }

    public void Dispose()
    {
        _http.Dispose();
        _handler.Dispose();
    }

    private static async Task<object> Box<T>(Task<T> task) where T : notnull => await task;

    private static BitgetClientOptions SyncingBitgetOptions()
    {
        var options = new BitgetClientOptions { ApiKey = Fakes.BitgetKey, ApiSecret = Fakes.BitgetSecret, Passphrase = Fakes.BitgetPassphrase, BaseAddress = BitgetClient.ProductionAddress };
        options.Retry.Enabled = false;
        options.RateLimit.Registry = new RateLimiterRegistry(); // its own limiter and clock: every case measures the hostile time afresh
        return options;
    }

    private static HtxClientOptions SyncingHtxOptions()
    {
        var options = new HtxClientOptions { AccessKey = Fakes.HtxKey, SecretKey = Fakes.HtxSecret };
        options.Retry.Enabled = false;
        options.RateLimit.Registry = new RateLimiterRegistry(); // its own limiter and clock: every case measures the hostile time afresh
        return options;
    }
}

/// <summary>
/// Reads a value the way a caller would: every public property of every object of the library's types,
/// every item of every list, <see cref="object.ToString"/>, and <see cref="SubAccountBalance.From(BitgetSubAccountAssetsResult)"/>.
/// Anything that throws, and any null item in a list of the library's models, is reported.
/// </summary>
internal static class ValueInspector
{
    private static readonly System.Reflection.Assembly Library = typeof(BitgetClient).Assembly;

    public static IReadOnlyList<string> Inspect(object value)
    {
        var broken = new List<string>();
        Walk(value, "result", 0, broken);
        try
        {
            var rows = value switch
            {
                BitgetSubAccountAssetsResult bitget => SubAccountBalance.From(bitget),
                HtxCrossSubAccountInfoResult htx => SubAccountBalance.From(htx),
                _ => [],
            };
            foreach (var row in rows)
            {
                _ = row.ToString();
            }
        }
#pragma warning disable CA1031 // Why: reported, not thrown.
        catch (Exception error)
#pragma warning restore CA1031
        {
            broken.Add($"SubAccountBalance.From threw {error.GetType().Name}: {error.Message}");
        }

        return broken;
    }

    private static void Walk(object? value, string where, int depth, List<string> broken)
    {
        if (value is null || depth > 16)
        {
            return;
        }

        var type = value.GetType();
        Try(() => value.ToString(), where + ".ToString()", broken);
        if (value is string || type.IsPrimitive || value is decimal || type.Namespace?.StartsWith("Newtonsoft", StringComparison.Ordinal) == true)
        {
            return;
        }

        if (value is IDictionary dictionary)
        {
            foreach (DictionaryEntry entry in dictionary)
            {
                Walk(entry.Value, $"{where}[{entry.Key}]", depth + 1, broken);
            }

            return;
        }

        if (value is IEnumerable items && type.Assembly != Library)
        {
            var index = 0;
            foreach (var item in items)
            {
                if (item is null)
                {
                    broken.Add($"{where}[{index}] is null");
                }

                Walk(item, $"{where}[{index}]", depth + 1, broken);
                index++;
            }

            return;
        }

        if (type.Assembly != Library)
        {
            return;
        }

        if (value is IEnumerable libraryList)
        {
            var index = 0;
            foreach (var item in libraryList)
            {
                if (item is null)
                {
                    broken.Add($"{where}[{index}] is null");
                }

                Walk(item, $"{where}[{index}]", depth + 1, broken);
                index++;
            }
        }

        foreach (var property in type.GetProperties(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length > 0 || property.GetMethod is null)
            {
                continue;
            }

            object? read = null;
            if (Try(() => read = property.GetValue(value), $"{where}.{property.Name}", broken))
            {
                Walk(read, $"{where}.{property.Name}", depth + 1, broken);
            }
        }
    }

    private static bool Try(Func<object?> read, string where, List<string> broken)
    {
        try
        {
            read();
            return true;
        }
#pragma warning disable CA1031 // Why: reported, not thrown.
        catch (Exception error)
#pragma warning restore CA1031
        {
            var cause = error is System.Reflection.TargetInvocationException { InnerException: { } inner } ? inner : error;
            broken.Add($"{where} threw {cause.GetType().Name}: {cause.Message}");
            return false;
        }
    }
}
