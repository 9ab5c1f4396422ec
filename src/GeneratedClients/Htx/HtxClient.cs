using GeneratedClients.Common;
using Microsoft.Extensions.Logging;

namespace GeneratedClients.Htx;

/// <summary>
/// A typed, signed client for HTX's USDT-margined swap account endpoints.
/// </summary>
/// <remarks>
/// Two ways to build it. The three-argument constructor is plain and predictable: one call is one
/// request, with no rate limiting, retries or clock synchronisation. The options constructor (and
/// <c>services.AddHtxClient</c>) turns the production behaviour on: the shared per-key rate limiter,
/// retries of transient failures, per-attempt timeouts, clock synchronisation and logging.
/// </remarks>
public sealed partial class HtxClient
{
    /// <summary>The production swap host.</summary>
    public static readonly Uri ProductionAddress = new("https://api.hbdm.com/");

    /// <summary>The production swap host preferred by AWS customers.</summary>
    public static readonly Uri AwsAddress = new("https://api.hbdm.vn/");

    /// <summary>The default upper bound of a response body, in bytes (8 MiB).</summary>
    public const long DefaultMaxResponseBytes = 8 * 1024 * 1024;

    internal const string ExchangeName = "HTX";

    private readonly HttpClient _httpClient;
    private readonly HtxCredentials _credentials;
    private readonly ExchangeRuntime _runtime;
    private readonly string _baseUrl;

    /// <summary>Creates a plain client: one call, one request.</summary>
    /// <param name="httpClient">Sends the requests; its <see cref="HttpClient.BaseAddress"/> is used (and signed) when set, else <see cref="ProductionAddress"/>.</param>
    /// <param name="credentials">The access key and secret key.</param>
    /// <param name="timeProvider">The only clock the client reads (request timestamps); <see cref="TimeProvider.System"/> when null.</param>
    public HtxClient(HttpClient httpClient, HtxCredentials credentials, TimeProvider? timeProvider = null)
    {
        _httpClient = httpClient ?? throw new ArgumentNullException(nameof(httpClient));
        _credentials = credentials ?? throw new ArgumentNullException(nameof(credentials));
        _runtime = ExchangeRuntime.Plain(ExchangeName, timeProvider);
        _baseUrl = (httpClient.BaseAddress ?? ProductionAddress).ToString();
    }

    /// <summary>Creates a production client from options: rate limited, retrying, clock-synchronised, logged.</summary>
    /// <param name="httpClient">Sends the requests: to <see cref="ExchangeClientOptions.BaseAddress"/>, else to its own <see cref="HttpClient.BaseAddress"/>, else to the <see cref="HtxClientOptions.Host"/>.</param>
    /// <param name="options">Credentials and settings; validated here.</param>
    /// <param name="timeProvider">The local clock; <see cref="TimeProvider.System"/> when null.</param>
    /// <param name="logger">Receives one line per request attempt; never a secret.</param>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">A setting is missing or invalid; the message names it.</exception>
    public HtxClient(HttpClient httpClient, HtxClientOptions options, TimeProvider? timeProvider = null, ILogger<HtxClient>? logger = null)
        : this(httpClient, HtxClientContext.Create(options, timeProvider, logger))
    {
    }

    internal HtxClient(HttpClient httpClient, HtxClientContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        _httpClient = httpClient ?? throw new ArgumentNullException(nameof(httpClient));
        _credentials = context.Credentials;
        _runtime = context.Runtime;
        MaxResponseBytes = context.Options.MaxResponseBytes;
        SweepConcurrency = context.Options.SweepConcurrency;
        _baseUrl = context.Options.ResolveBaseAddress(httpClient.BaseAddress).ToString();
        _runtime.LogAddress(_baseUrl);
    }

    /// <summary>Responses larger than this many bytes are refused without being read further.</summary>
    public long MaxResponseBytes
    {
        get;
        init => field = value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), "The limit must be positive.");
    } = DefaultMaxResponseBytes;

    /// <summary>How many sub-accounts a sweep queries at once; the rate limiter (options client) still paces them. 8 by default.</summary>
    public int SweepConcurrency
    {
        get;
        init => field = value is >= 1 and <= 256 ? value : throw new ArgumentOutOfRangeException(nameof(value), "Between 1 and 256.");
    } = 8;

    /// <summary>The measured offset of HTX's clock from the local one (zero without clock synchronisation).</summary>
    public TimeSpan ClockOffset => _runtime.ClockOffset;

    /// <summary>
    /// Gets the cross-margin assets of one sub-account
    /// (<c>POST /linear-swap-api/v1/swap_cross_sub_account_info</c>; HTX allows 72 reads / 3 s per UID).
    /// </summary>
    /// <param name="subUid">The sub-account UID (positive).</param>
    /// <param name="marginAccount">The margin account (<c>"USDT"</c>); null for all margin accounts.</param>
    /// <param name="cancellationToken">Cancels the call, including any wait for the rate limiter.</param>
    /// <returns>One entry per margin account; empty when the sub-account has not activated contract trading.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="subUid"/> is not positive.</exception>
    /// <exception cref="ArgumentException"><paramref name="marginAccount"/> is empty or whitespace.</exception>
    /// <exception cref="ExchangeApiException">HTX refused the request, or its answer could not be read; the subclass says why.</exception>
    public Task<HtxCrossSubAccountInfoResult> GetCrossSubAccountInfoAsync(long subUid, string? marginAccount = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(subUid);
        CheckMarginAccount(marginAccount);
        return _runtime.ExecuteAsync((call, clock, token) => SendAsync(subUid, marginAccount, call, clock, token), MaxResponseBytes, GetServerTimeAsync, cancellationToken);
    }

    private static void CheckMarginAccount(string? marginAccount)
    {
        if (marginAccount is not null && string.IsNullOrWhiteSpace(marginAccount))
        {
            throw new ArgumentException("The margin account must be null (all accounts) or a name such as \"USDT\".", nameof(marginAccount));
        }
    }

    private async Task<HtxCrossSubAccountInfoResult> SendAsync(long subUid, string? marginAccount, ExchangeCall call, TimeProvider clock, CancellationToken cancellationToken)
    {
        var api = new HtxApi(_httpClient, _baseUrl, _credentials, clock, call);
        var body = new HtxCrossSubAccountInfoRequest { SubUid = subUid, MarginAccount = marginAccount };
        var response = await TranslateErrors(call, () => api.GetCrossSubAccountInfoAsync(body, cancellationToken), cancellationToken).ConfigureAwait(false);
        switch (response.Status)
        {
            case HtxResponseStatus.Ok:
                break;
            case HtxResponseStatus.Error:
                throw HtxErrors.FromEnvelope(call, response.ErrorCode, response.ErrorMessage, response.Timestamp, subUid);
            default:
                // Quirk: HTX's v3 envelope {code, message, data: null, ts} has no status (htx-v3-error-envelope).
                throw response.Code is int code
                    ? HtxErrors.FromEnvelope(call, code, response.Message, response.Timestamp, subUid)
                    : call.InvalidResponse("the envelope has neither status nor code", "status");
        }

        if (response.Data is null)
        {
            throw call.InvalidResponse("status \"ok\" without data", "data");
        }

        if (response.Timestamp is not null && UnixTime.FromMilliseconds(response.Timestamp) is null)
        {
            throw call.InvalidResponse("ts is not a time", "ts");
        }

        return new HtxCrossSubAccountInfoResult(response, subUid, call.Deviations);
    }

    /// <summary>Runs one generated operation, turning transport failures into typed errors (HTX's error envelope arrives as HTTP 200).</summary>
    private static async Task<T> TranslateErrors<T>(ExchangeCall call, Func<Task<T>> send, CancellationToken cancellationToken)
    {
        try
        {
            return await send().ConfigureAwait(false);
        }
        catch (Exception error) when (call.TryTranslate(error, cancellationToken, out var typed))
        {
            throw typed;
        }
    }

    /// <summary>HTX's server time (<c>GET /api/v1/timestamp</c>, unsigned), for clock synchronisation.</summary>
    private async Task<DateTimeOffset> GetServerTimeAsync(CancellationToken cancellationToken)
    {
        var call = new ExchangeCall(ExchangeName, MaxResponseBytes, _runtime.LocalClock);
        var api = new HtxApi(_httpClient, _baseUrl, credentials: null, _runtime.LocalClock, call);
        var response = await TranslateErrors(call, () => api.GetServerTimestampAsync(cancellationToken), cancellationToken).ConfigureAwait(false);
        if (response.Status != HtxResponseStatus.Ok)
        {
            throw HtxErrors.FromEnvelope(call, response.ErrorCode, response.ErrorMessage, response.Timestamp, subUid: null);
        }

        return UnixTime.FromMilliseconds(response.Timestamp) ?? throw call.InvalidResponse("status \"ok\" without a valid ts", "ts");
    }
}

/// <summary>What every <see cref="HtxClient"/> built from one set of options shares: credentials and the runtime (limiter, clock, retries).</summary>
internal sealed class HtxClientContext
{
    private HtxClientContext(HtxClientOptions options, HtxCredentials credentials, ExchangeRuntime runtime)
    {
        Options = options;
        Credentials = credentials;
        Runtime = runtime;
    }

    public HtxClientOptions Options { get; }

    public HtxCredentials Credentials { get; }

    public ExchangeRuntime Runtime { get; }

    public static HtxClientContext Create(HtxClientOptions options, TimeProvider? time, ILogger? logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        HtxClientOptionsValidator.ThrowIfInvalid(options);
        var credentials = options.CreateCredentials();
        var runtime = ExchangeRuntime.Create(HtxClient.ExchangeName, options, ExchangeRateLimits.HtxRead, options.AccessKey!, time, logger);
        return new(options, credentials, runtime);
    }
}
