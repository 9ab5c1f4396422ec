using System.Globalization;
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
    /// <summary>The production swap host (the spec's first server).</summary>
    public static readonly Uri ProductionAddress = new(HtxApi.Servers[0].Url);

    /// <summary>The production swap host preferred by AWS customers (the spec's second server).</summary>
    public static readonly Uri AwsAddress = new(HtxApi.Servers[1].Url);

    /// <summary>The default upper bound of a response body, in bytes (8 MiB).</summary>
    public const long DefaultMaxResponseBytes = ExchangeClientOptions.DefaultMaxResponseBytes;

    /// <summary>
    /// "HTX": the exchange's name wherever the library gives one (<see cref="ExchangeApiException.Exchange"/>,
    /// <see cref="SubAccountBalance.Exchange"/>, log lines) and the name of the client's <c>HttpClient</c> in dependency injection.
    /// </summary>
    public const string ExchangeName = "HTX";

    private readonly ExchangeCore<HtxApi> _core;

    /// <summary>Creates a plain client: one call, one request.</summary>
    /// <param name="httpClient">Sends the requests; its <see cref="HttpClient.BaseAddress"/> is used (and signed) when set, else <see cref="ProductionAddress"/>.</param>
    /// <param name="credentials">The access key and secret key.</param>
    /// <param name="timeProvider">The only clock the client reads (request timestamps); <see cref="TimeProvider.System"/> when null.</param>
    public HtxClient(HttpClient httpClient, HtxCredentials credentials, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(credentials);
        _core = new(new HtxProtocol(credentials), httpClient, httpClient.BaseAddress ?? ProductionAddress, ExchangeRuntime.Plain(ExchangeName, timeProvider));
    }

    /// <summary>Creates a production client from options: rate limited, retrying, clock-synchronised, logged.</summary>
    /// <param name="httpClient">Sends the requests: to <see cref="ExchangeClientOptions.BaseAddress"/>, else to its own <see cref="HttpClient.BaseAddress"/>, else to the <see cref="HtxClientOptions.Host"/>.</param>
    /// <param name="options">Credentials and settings; validated here.</param>
    /// <param name="timeProvider">The local clock; <see cref="TimeProvider.System"/> when null.</param>
    /// <param name="logger">Receives one line per request attempt; never a secret.</param>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">A setting is missing or invalid; the message names it.</exception>
    public HtxClient(HttpClient httpClient, HtxClientOptions options, TimeProvider? timeProvider = null, ILogger<HtxClient>? logger = null)
        : this(httpClient, CreateContext(options, timeProvider, logger))
    {
    }

    internal HtxClient(HttpClient httpClient, ExchangeClientContext<HtxClientOptions, HtxCredentials> context)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        MaxResponseBytes = context.Options.MaxResponseBytes;
        SweepConcurrency = context.Options.SweepConcurrency;
        _core = new(new HtxProtocol(context.Credentials), httpClient, context.Options.ResolveBaseAddress(httpClient.BaseAddress), context.Runtime);
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
    public TimeSpan ClockOffset => _core.Runtime.ClockOffset;

    /// <summary>True once HTX's server time was measured: <see cref="ClockOffset"/> is then a measurement, not the zero of none.</summary>
    public bool IsClockOffsetMeasured => _core.Runtime.ClockMeasured;

    /// <summary>Why the latest server-time measurement failed (it never fails a call; the last offset stays); null after a success or before any.</summary>
    public ExchangeApiException? ClockSyncError => _core.Runtime.ClockSyncError;

    /// <summary>
    /// Gets the cross-margin assets of one sub-account
    /// (<c>POST /linear-swap-api/v1/swap_cross_sub_account_info</c>; HTX allows 72 reads / 3 s per UID:
    /// <see cref="ExchangeRateLimits.HtxRead"/>).
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
        var body = new HtxCrossSubAccountInfoRequest { SubUid = subUid, MarginAccount = marginAccount };
        return NamingSubAccount(subUid, _core.CallAsync(
            HtxApi.Operations.GetCrossSubAccountInfo,
            (api, token) => api.GetCrossSubAccountInfoAsync(body, token),
            (envelope, call) =>
            {
                HtxEnvelope.ThrowIfError(call, envelope.Status, envelope.ErrorCode, envelope.ErrorMessage, envelope.Code, envelope.Message, envelope.Timestamp);
                return new HtxCrossSubAccountInfoResult(envelope, HtxEnvelope.Data(envelope.Data, call), subUid, call.Deviations);
            },
            (ExchangeName, ExchangeRateLimits.HtxRead),
            MaxResponseBytes,
            cancellationToken));
    }

    // Why here: a failure of a one-sub-account call names the sub-account whatever raised it (the envelope, the
    // network, the limiter, the reader), so a sweep's or a log's error says which UID it was about.
    private static async Task<T> NamingSubAccount<T>(long subUid, Task<T> call)
    {
        try
        {
            return await call.ConfigureAwait(false);
        }
        catch (ExchangeApiException error) when (error.SubAccountId is null)
        {
            throw error.WithDetails(error.Details with { SubAccountId = subUid.ToString(CultureInfo.InvariantCulture) });
        }
    }

    internal static ExchangeClientContext<HtxClientOptions, HtxCredentials> CreateContext(HtxClientOptions options, TimeProvider? time, ILogger? logger, RateLimiterRegistry? registry = null) =>
        ExchangeClientContext<HtxClientOptions, HtxCredentials>.Create(
            ExchangeName, options, new HtxClientOptionsValidator(), o => o.CreateCredentials(), o => o.AccessKey!, time, logger, registry);


    private static void CheckMarginAccount(string? marginAccount)
    {
        if (marginAccount is not null && string.IsNullOrWhiteSpace(marginAccount))
        {
            throw new ArgumentException("The margin account must be null (all accounts) or a name such as \"USDT\".", nameof(marginAccount));
        }
    }
}
